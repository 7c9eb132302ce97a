## pytorch/examples' DCGAN adapted to 28x28 grey images (bench/dcgan_pytorch.py
## has the architecture) trained by this package's gan_train on the first
## N images of Fashion-MNIST's training file, scaled to [-1, 1]. Prints one
## JSON line with the seconds per epoch.
##   octave-cli bench/dcgan_octave.m DATA_DIR N_IMAGES EPOCHS THREADS

args = argv ();
[data_dir, n_images, n_epochs, n_threads] = deal (args{1}, str2double (args{2}),
                                                  str2double (args{3}), str2double (args{4}));
top = fileparts (fileparts (mfilename ("fullpath")));
addpath (fullfile (top, "inst"));
addpath (fullfile (top, "src"));
X = ae_read_idx (fullfile (data_dir, "train-images-idx3-ubyte.gz"));
X = single (X(:, :, 1:n_images)) / 127.5 - 1;
X = reshape (X, 28, 28, 1, n_images);
gen = [transposedConv2dLayer(7, 256), batchNormalizationLayer, reluLayer, ...
       transposedConv2dLayer(4, 128, "Stride", 2, "Cropping", 1), batchNormalizationLayer, ...
       reluLayer, transposedConv2dLayer(4, 1, "Stride", 2, "Cropping", 1), tanhLayer];
disc = [convolution2dLayer(4, 64, "Stride", 2, "Padding", 1), leakyReluLayer(0.2), ...
        convolution2dLayer(4, 128, "Stride", 2, "Padding", 1), batchNormalizationLayer, ...
        leakyReluLayer(0.2), convolution2dLayer(7, 1)];
start = tic ();
model = gan_train (X, "Generator", gen, "Discriminator", disc, "LatentDim", 100,
                   "Epochs", n_epochs, "BatchSize", 128, "Threads", n_threads, "Seed", 1,
                   "Verbose", false);
wall = toc (start);
printf ("{\"impl\": \"autoencoder\", \"seconds_per_epoch\": [%s], \"wall\": %.3f, \"disc_loss\": %.4f, \"gen_loss\": %.4f}\n",
        strjoin (arrayfun (@(s) sprintf ("%.4f", s), model.history.seconds.', "UniformOutput", false), ", "),
        wall, model.history.disc_loss(end), model.history.gen_loss(end));
