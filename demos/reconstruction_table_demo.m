## The lecture's reconstruction table (RE, PSNR, SSIM) and the figures beside
## it: PCA, an autoencoder, a sparse autoencoder, a denoising autoencoder and
## a VAE, all with codes of 32 values, judged on held-out images (RE: mean
## squared error; PSNR with the data range 1; SSIM of Wang et al. 2004).
## Figures: each model's reconstructions of the same test images side by side
## (reconstruction_samples.png) and each model's training and validation loss
## per epoch (reconstruction_losses.png).
##
## By default the data are Fashion-MNIST (60,000 training and 10,000 test
## images), in place of the lecture's faces. A folder of your own images (the
## lecture's FFHQ faces, say) runs the lecture's own experiment: its images
## (sub-folders too) are read through an augmentedImageDatastore at 32x32
## (or the size given; colour kept), one in ten held out for the table, and
## the networks train from the files a mini-batch at a time, so the folder
## may be larger than memory:
##   octave-cli demos/reconstruction_table_demo.m path/to/ffhq [size]
## or, in a session or notebook, a datastore of your own:
##   ds = augmentedImageDatastore ([64 64], imageDatastore ("ffhq", "IncludeSubfolders", true));
##   reconstruction_table_demo
## (folder = "path/to/ffhq" works there too). In memory are only the held-out
## images of the table (at most 2,000) and the images PCA is fitted to (at
## most 10,000 training images drawn at random).
## Run from the package's top folder.

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();

## The images: a datastore or folder given in the workspace, a folder on the
## command line, or Fashion-MNIST
args = argv ();
if (! exist ("ds", "var") && ! exist ("folder", "var") && ! isempty (args) && isfolder (args{1}))
  folder = args{1};
  if (numel (args) >= 2)
    image_size = str2double (args{2}) * [1 1];
  endif
endif
if (! exist ("ds", "var") && exist ("folder", "var"))
  if (! exist ("image_size", "var"))
    image_size = [32 32];
  endif
  ds = augmentedImageDatastore (image_size, imageDatastore (folder, "IncludeSubfolders", true));
endif
if (exist ("ds", "var"))
  if (isa (ds, "imageDatastore"))   # at its files' own size, which they must share
    ds = augmentedImageDatastore (size (readimage (ds, 1))(1:2), ds);
  endif
  n = ds.NumObservations;
  if (n < 20)
    error ("autoencoder:noImages", "reconstruction_table_demo: the datastore has %d images; at least 20 are needed",
           n);
  endif
  rand ("state", 1);
  order = randperm (n);   # the same split every run
  held_out = order(1:ceil (n / 10));
  X = subset (ds, sort (order(ceil (n / 10) + 1:end)));
  Xtest = readByIndex (ds, held_out(1:min (end, 2000)));
  pca_images = readByIndex (X, randperm (X.NumObservations)(1:min (end, 10000)));
  source_name = sprintf ("%d files at %dx%dx%d", n, ds.OutputSize);
  printf ("%s: %d training images, read from the files in each epoch; %d held out; PCA on %d\n",
          source_name, X.NumObservations, size (Xtest, 4), size (pca_images, 4));
else
  [X, ~, Xtest] = ae_dataset ("fashion-mnist");
  X = reshape (X(:, :, 1:min (demo_size (60000, 60000, 600), end)), 28, 28, 1, []);
  Xtest = reshape (Xtest, 28, 28, 1, []);
  pca_images = X;
  source_name = "Fashion-MNIST";
  printf ("%s: %d training, %d test images\n", source_name, size (X, 4), size (Xtest, 4));
endif
printf ("code size 32\n\n");

## The same 2,000 test images are the validation data of every model, so
## the loss curves compare across models
Xval = Xtest(:, :, :, 1:min (2000, end));
common = {"LatentDim", 32, "HiddenSizes", 512, "Epochs", demo_size(10, 10, 1), "Seed", 1, "Verbose", false, ...
          "ValidationData", Xval};
models = {"PCA", ae_pca(pca_images, 32);
          "Autoencoder", ae_train(X, common{:});
          "Sparse autoencoder", ae_train(X, common{:}, "CodeActivation", "sigmoid", ...
                                         "SparsityTarget", 0.05, "SparsityWeight", 3);
          "Denoising autoencoder", ae_train(X, common{:}, "Noise", "gaussian", "NoiseLevel", 0.2);
          "VAE", vae_train(X, common{:})};

printf ("| %-22s | %-8s | %-9s | %-6s |\n", "model", "RE (MSE)", "PSNR (dB)", "SSIM");
printf ("|------------------------|----------|-----------|--------|\n");
shown = 1:8;   # the test images of the figure
tiles = {Xtest(:, :, :, shown)};
for k = 1:rows (models)
  recon = ae_reconstruct (models{k, 2}, Xtest);
  printf ("| %-22s | %8.4f | %9.2f | %6.3f |\n", models{k, 1}, ae_mse (recon, Xtest),
          ae_psnr (recon, Xtest, 1), ae_ssim (recon, Xtest));
  tiles{end+1} = reshape (recon, size (Xtest))(:, :, :, shown);
endfor

## Reconstructions: one row per model, the originals on top
[h, w, c] = deal (size (Xtest, 1), size (Xtest, 2), size (Xtest, 3));
gap = 2;
canvas = ones ((h + gap) * numel (tiles), (w + gap) * numel (shown), c);
for r = 1:numel (tiles)
  for j = 1:numel (shown)
    canvas((r-1)*(h+gap) + (1:h), (j-1)*(w+gap) + (1:w), :) = tiles{r}(:, :, :, j);
  endfor
endfor
names = [{"Original"}; models(:, 1)];
## the axes take 73% of the width, 92% of the height: a height that fits the grid
fig = figure ("position", [100 100 900 round(900 * 0.73 / 0.92 * rows (canvas) / columns (canvas))]);
imshow (min (max (canvas, 0), 1));
for r = 1:numel (names)
  text (-4, (r - 1) * (h + gap) + h / 2, names{r}, "horizontalalignment", "right",
        "fontsize", 11);
endfor
set (gca, "position", [0.25 0.02 0.73 0.92]);
title (sprintf ("Reconstructions of held-out images (%s)", source_name));
print (fig, fullfile (out_dir, "reconstruction_samples.png"), "-dpng");
close (fig);

## Training and validation loss per epoch, one panel per trained model (the
## VAE's is the negative ELBO, the others their reconstruction loss plus
## penalties)
fig = figure ("position", [100 100 900 640]);
for k = 2:rows (models)
  history = models{k, 2}.history;
  subplot (2, 2, k - 1);
  plot (history.epoch, history.loss, ".-", history.epoch, history.val_loss, ".-",
        "linewidth", 1.5);
  grid on;
  title (sprintf ("%s training and validation loss", models{k, 1}));
  xlabel ("epoch");
  ylabel (merge (strcmp (models{k, 1}, "VAE"), "negative ELBO per image", "loss"));
  legend ("training", "validation");
endfor
print (fig, fullfile (out_dir, "reconstruction_losses.png"), "-dpng");
close (fig);
printf ("\nfigures: %s, %s\n", fullfile (out_dir, "reconstruction_samples.png"),
        fullfile (out_dir, "reconstruction_losses.png"));
