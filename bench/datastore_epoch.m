## One epoch of a convolutional autoencoder on 128 x 128 x 3 images (the
## benchmark of bench/run-datastore-bench): from an imageDatastore over
## FOLDER (every file, read a batch at a time), or in memory on the first N
## files read with ae_image_folder. Prints one JSON line: the epoch's
## seconds (the core's), per sample, and from files the seconds the trainer
## waited for the reader and the seconds the reader decoded.
##   octave-cli bench/datastore_epoch.m files|memory FOLDER [N]
args = argv ();
addpath (fullfile (pwd (), "inst"));
addpath (fullfile (pwd (), "src"));
[how, folder] = deal (args{1:2});
encoder = [imageInputLayer([128 128 3]), ...
           convolution2dLayer(4, 16, "Stride", 2, "Padding", "same"), reluLayer, ...
           convolution2dLayer(4, 32, "Stride", 2, "Padding", "same"), reluLayer, ...
           convolution2dLayer(4, 32, "Stride", 2, "Padding", "same"), reluLayer];
options = {"Encoder", encoder, "LatentDim", 64, "Epochs", 1, "BatchSize", 64, "Seed", 1, ...
           "Threads", 2, "Verbose", false};
if (strcmp (how, "files"))
  tic;
  data = imageDatastore (folder, "IncludeSubfolders", true);
  listing = toc;
else
  n = str2double (args{3});
  tic;
  data = ae_image_folder (folder, "IncludeSubfolders", true, "MaxFiles", n);
  listing = toc;
endif
tic;
model = ae_train (data, options{:});
wall = toc;
h = model.history;
if (strcmp (how, "files"))
  n = numel (data.Files);
else
  n = size (data, 4);
endif
[waited, busy] = deal (0);
if (isfield (h, "reader_wait_seconds"))   # from files
  [waited, busy] = deal (h.reader_wait_seconds(end), h.reader_busy_seconds(end));
endif
printf (['{"how": "%s", "samples": %d, "epoch_seconds": %.3f, "per_sample_ms": %.4f, ' ...
         '"wall_seconds": %.3f, "listing_or_reading_seconds": %.3f, "reader_wait_seconds": %.3f, ' ...
         '"reader_busy_seconds": %.3f, "loss": %.6f}\n'],
        how, n, h.seconds(end), 1000 * h.seconds(end) / n, wall, listing, waited, busy,
        h.loss(end));
