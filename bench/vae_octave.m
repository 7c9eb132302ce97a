## The pytorch/examples VAE configuration (784-400-20, ReLU, sigmoid output,
## BCE summed plus KL, Adam 1e-3, batch 128) trained by this package on
## Fashion-MNIST's 60,000 training images, then scored on the 10,000 test
## images (loss per sample, sampled codes). Prints one JSON line.
##   octave-cli bench/vae_octave.m DATA_DIR EPOCHS THREADS

args = argv ();
data_dir = args{1};
n_epochs = str2double (args{2});
n_threads = str2double (args{3});
top = fileparts (fileparts (mfilename ("fullpath")));
addpath (fullfile (top, "inst"));
addpath (fullfile (top, "src"));
read = @(name) double (ae_read_idx (fullfile (data_dir, name))) / 255;
Xtrain = read ("train-images-idx3-ubyte.gz");
Xtest = read ("t10k-images-idx3-ubyte.gz");
model = vae_train (Xtrain, "LatentDim", 20, "HiddenSizes", 400, "Epochs", n_epochs,
                   "BatchSize", 128, "LearnRate", 1e-3, "Optimizer", "adam",
                   "Threads", n_threads, "Seed", 1, "Verbose", false);
test_loss = vae_loss (model, Xtest, "Seed", 1);
printf ("{\"impl\": \"autoencoder\", \"seconds_per_epoch\": [%s], \"test_loss\": %.6f}\n",
        strjoin (arrayfun (@(s) sprintf ("%.4f", s), model.history.seconds.', "UniformOutput", false), ", "),
        test_loss);
