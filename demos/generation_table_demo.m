## The lecture's generation table (HUST slides, seed 003): FID, precision and
## recall of samples from a VAE, a DCGAN and a VAE-GAN against held-out
## Fashion-MNIST images, with the features of the package's classifier
## (ae_feature_extractor, 91.5% on the test set). For scale the table starts
## with training images themselves (the floor a generator can reach), and it
## adds a conditional VAE drawn with the test set's labels, and the VAE and a
## plain autoencoder sampled through a Gaussian mixture fitted to their codes
## (ex-post density estimation, Ghosh et al. 2020: ae_expost_fit). Draws each
## generator's samples side by side (generation_samples.png), the DCGAN's
## and the VAE-GAN's losses per epoch (gan_losses.png) and the conditional
## VAE's samples, one row per class (conditional_vae.png).
##
## Run from the package's top folder:
##   octave-cli demos/generation_table_demo.m [n_train [gan_epochs [dataset]]]
## n_train (60000) training images, gan_epochs (10) epochs of each GAN,
## dataset "fashion-mnist" or "mnist". With the defaults it took 43 minutes
## on two cores (the VAE-GAN 27, the DCGAN 14, the VAEs 2), and 8 more the
## first time, for the feature extractor; 20000 images and 5 epochs take
## about a sixth of that.

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
## the command line's numbers (n_train, gan_epochs) and data set name
args = argv ();
numbers = str2double (args(! isnan (str2double (args))));
names = args(ismember (args, {"mnist", "fashion-mnist"}));
n_train = demo_size (60000, 20000, 600);
gan_epochs = demo_size (10, 3, 1);
vae_epochs = demo_size (30, 10, 1);
dataset = "fashion-mnist";
if (numel (numbers) >= 1) n_train = numbers(1); endif
if (numel (numbers) >= 2) gan_epochs = numbers(2); endif
if (! isempty (names)) dataset = names{1}; endif

[X, y, Xtest, ytest] = ae_dataset (dataset);
n_train = min (n_train, size (X, 3));
X = X(:, :, 1:n_train);
y = y(1:n_train);
[fx, accuracy] = ae_feature_extractor (dataset);
printf ("%s: %d training images; feature extractor test accuracy %.2f%%\n", dataset, n_train,
        100 * accuracy);
n = min (size (Xtest, 3), 10000);
real = ae_encode (fx, Xtest(:, :, 1:n));
classes = unique (y);

generators = {"training images (reference)", X(:, :, 1:min (n, n_train))};
tic;
vae = vae_train (X, "LatentDim", 20, "HiddenSizes", 512, "Epochs", vae_epochs, "Seed", 1, "Verbose", false);
generators(end+1, :) = {"VAE, 20-D code", vae_sample(vae, n, "Seed", 1)};
## ex-post density estimation (Ghosh et al. 2020): a Gaussian mixture fitted
## to the codes, its number of components by BIC, in place of N(0, I); and
## the same sampler for a plain autoencoder of the VAE's architecture
vae = ae_expost_fit (vae, X);
generators(end+1, :) = {sprintf("VAE, ex-post GMM of %d", numel (vae.expost.weights)), ...
                        ae_expost_sample(vae, n, "Seed", 1)};
ae = ae_train (X, "LatentDim", 20, "HiddenSizes", 512, "Epochs", vae_epochs, "Seed", 1,
               "Verbose", false);
ae = ae_expost_fit (ae, X);
generators(end+1, :) = {sprintf("autoencoder, ex-post GMM of %d", numel (ae.expost.weights)), ...
                        ae_expost_sample(ae, n, "Seed", 1)};
cvae = vae_train (X, "Labels", y, "LatentDim", 20, "HiddenSizes", 512, "Epochs", vae_epochs, "Seed", 1,
                  "Verbose", false);
generators(end+1, :) = {"conditional VAE, test labels", vae_sample(cvae, n, "Labels", ytest(1:n), "Seed", 1)};
printf ("VAEs and the autoencoder: %.0f s\n", toc);
tic;
gan = gan_train (X, "Epochs", gan_epochs, "Seed", 1, "Verbose", false);
generators(end+1, :) = {"DCGAN, 100-D code", gan_sample(gan, n, "Seed", 1)};
printf ("DCGAN: %.0f s\n", toc);
tic;
## Beta 10: the feature-space error is some 500 nats per image against a KL
## of 60 at Beta 1, which leaves the codes far from the prior that samples
## are drawn from (vaegan_train's help)
vaegan = vaegan_train (X, "Epochs", gan_epochs, "Beta", 10, "Seed", 1, "Verbose", false);
generators(end+1, :) = {"VAE-GAN, 32-D code, Beta 10", vae_sample(vaegan, n, "Seed", 1)};
printf ("VAE-GAN: %.0f s\n", toc);

printf ("\n%d generated images against %d test images\n\n", n, n);
printf ("| %-32s | %8s | %9s | %6s |\n", "generator", "FID", "precision", "recall");
printf ("|----------------------------------|----------|-----------|--------|\n");
for r = 1:rows (generators)
  fake = ae_encode (fx, generators{r, 2});
  [p, rc] = ae_precision_recall (real, fake);
  printf ("| %-32s | %8.2f | %9.3f | %6.3f |\n", generators{r, 1}, ae_fid (real, fake), p, rc);
endfor
if (n_train < 60000 || gan_epochs < 10 || vae_epochs < 30)
  ## a shortened run (the lecture profile): doc/lecture.md measured how far it lies
  printf (["\nShortened: %d training images, the VAEs %d epochs, each GAN %d; the long run\n" ...
           "(60,000 images, 30 and 10 epochs) gives far smaller FIDs (DCGAN 147 against\n" ...
           "about 490 at the lecture profile's sizes) and another order (doc/lecture.md).\n"],
          n_train, vae_epochs, gan_epochs);
endif

## 36 samples of each generator, side by side
tile = @(images) reshape (permute (reshape (images(:, :, 1:36), 28, 28, 6, 6), [1 3 2 4]),
                          168, 168);
figure ("position", [0 0 300 * rows(generators) 360]);
for r = 1:rows (generators)
  subplot (1, rows (generators), r);
  imshow (tile (squeeze (generators{r, 2})));
  title (generators{r, 1}, "fontsize", 9);
endfor
print (fullfile (out_dir, "generation_samples.png"), "-dpng", "-r100");

## the two GANs' losses and the discriminators' outputs, per epoch
figure ("position", [0 0 1000 650]);
runs = {gan, "DCGAN", "D(G(z))"; vaegan, "VAE-GAN", "D(Dec(z))"};
for k = 1:2
  h = runs{k, 1}.history;
  subplot (2, 2, 2 * k - 1);
  plot (h.epoch, h.gen_loss, "-o", h.epoch, h.disc_loss, "-s");
  legend (merge (k == 1, "generator", "decoder (GAN term)"), "discriminator");
  xlabel ("epoch");
  ylabel ("binary cross-entropy");
  title ([runs{k, 2} " losses"]);
  subplot (2, 2, 2 * k);
  plot (h.epoch, h.d_real, "-o", h.epoch, h.d_fake, "-s");
  legend ("D(x), real images", [runs{k, 3} ", generated"], "location", "east");
  xlabel ("epoch");
  ylim ([0 1]);
  title ([runs{k, 2} ": discriminator outputs"]);
endfor
print (fullfile (out_dir, "gan_losses.png"), "-dpng", "-r100");

## the conditional VAE: one row per class, ten samples each
figure ("position", [0 0 520 560]);
rows_of = cell (numel (classes), 1);
for c = 1:numel (classes)
  S = vae_sample (cvae, 10, "Labels", classes(c), "Seed", c);
  rows_of{c} = reshape (S, 28, 280);
endfor
imshow (cell2mat (rows_of));
title ("conditional VAE: one row per class (labels 0-9)");
print (fullfile (out_dir, "conditional_vae.png"), "-dpng", "-r100");
imwrite (tile (squeeze (vae_reconstruct (vaegan, Xtest(:, :, 1:36)))),
         fullfile (out_dir, "vaegan_reconstructions.png"));
printf ("figures in %s\n", out_dir);
