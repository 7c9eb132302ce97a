## vaegan_train's default VAE-GAN (bench/vaegan_pytorch.py writes out its
## networks and objective) with generation_table_demo's Beta 10, trained on
## the first N images of Fashion-MNIST's training file in [0, 1], batch 64.
## Prints one JSON line with the seconds per epoch.
##   octave-cli bench/vaegan_octave.m DATA_DIR N_IMAGES EPOCHS THREADS

args = argv ();
[data_dir, n_images, n_epochs, n_threads] = deal (args{1}, str2double (args{2}),
                                                  str2double (args{3}), str2double (args{4}));
top = fileparts (fileparts (mfilename ("fullpath")));
addpath (fullfile (top, "inst"));
addpath (fullfile (top, "src"));
X = ae_read_idx (fullfile (data_dir, "train-images-idx3-ubyte.gz"));
X = reshape (single (X(:, :, 1:n_images)) / 255, 28, 28, 1, n_images);
start = tic ();
model = vaegan_train (X, "Beta", 10, "Epochs", n_epochs, "Threads", n_threads, "Seed", 1,
                      "Verbose", false);
wall = toc (start);
h = model.history;
printf ("{\"impl\": \"autoencoder\", \"seconds_per_epoch\": [%s], \"wall\": %.3f, \"disc_loss\": %.4f, \"gen_loss\": %.4f, \"kl\": %.4f, \"feature_loss\": %.4f}\n",
        strjoin (arrayfun (@(s) sprintf ("%.4f", s), h.seconds(:).', "UniformOutput", false), ", "),
        wall, h.disc_loss(end), h.gen_loss(end), h.kl(end), h.feature_loss(end));
