## Keras's convolutional VAE example (see conv_vae_pytorch.py) trained by this
## package on all the images of a folder's two IDX files, timed per epoch.
## Prints one JSON line with the seconds and the last epoch's mean training
## loss, reconstruction and KL.
##   octave-cli bench/conv_vae_octave.m DATA_DIR EPOCHS THREADS

args = argv ();
data_dir = args{1};
n_epochs = str2double (args{2});
n_threads = str2double (args{3});
top = fileparts (fileparts (mfilename ("fullpath")));
addpath (fullfile (top, "inst"));
addpath (fullfile (top, "src"));
read = @(name) ae_read_idx (fullfile (data_dir, name));
X = cat (3, read ("train-images-idx3-ubyte.gz"), read ("t10k-images-idx3-ubyte.gz"));
encoder = [convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), reluLayer, ...
           convolution2dLayer(3, 64, "Stride", 2, "Padding", "same"), reluLayer, ...
           flattenLayer, fullyConnectedLayer(16), reluLayer];
decoder = [projectAndReshapeLayer([7 7 64]), reluLayer, ...
           transposedConv2dLayer(3, 64, "Stride", 2, "Cropping", "same"), reluLayer, ...
           transposedConv2dLayer(3, 32, "Stride", 2, "Cropping", "same"), reluLayer, ...
           transposedConv2dLayer(3, 1, "Cropping", "same"), sigmoidLayer];
model = vae_train (X, "Encoder", encoder, "Decoder", decoder, "LatentDim", 2,
                   "Epochs", n_epochs, "BatchSize", 128, "LearnRate", 1e-3,
                   "Threads", n_threads, "Seed", 1, "Verbose", false);
h = model.history;
printf ("{\"impl\": \"autoencoder\", \"images\": %d, \"seconds_per_epoch\": [%s], \"loss\": %.4f, \"reconstruction\": %.4f, \"kl\": %.4f}\n",
        size (X, 3), strjoin (arrayfun (@(s) sprintf ("%.4f", s), h.seconds.', "UniformOutput", false), ", "),
        h.loss(end), h.reconstruction(end), h.kl(end));
