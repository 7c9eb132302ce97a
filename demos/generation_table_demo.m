## The lecture's generation table: FID, precision and recall of samples from
## the package's generators against held-out MNIST digits, with the features
## of the package's classifier (ae_feature_extractor). For scale, the table
## starts with the training digits themselves, then VAEs of two code sizes
## and a DCGAN (gan_train, 30 epochs: about 9 minutes on two cores). Draws
## each generator's samples side by side (generation_samples.png) and the
## DCGAN's losses per epoch (dcgan_losses.png), as the HUST slides show them.
## Run from the package's top folder: octave-cli demos/generation_table_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("mnist");
[fx, accuracy] = ae_feature_extractor ("mnist");
printf ("feature extractor: %d features, test accuracy %.2f%%\n", fx.latent_dim, 100 * accuracy);
n = size (Xtest, 3);
real = ae_encode (fx, Xtest);
generators = {"training digits (reference)", X(:,:,1:n)};
for L = [2 20]
  vae = vae_train (X, "LatentDim", L, "HiddenSizes", 512, "Epochs", 30, "Seed", 1, "Verbose", false);
  generators(end+1, :) = {sprintf("VAE, %d-D code, samples of the prior", L), vae_sample(vae, n, "Seed", 1)};
endfor
gan = gan_train (X, "Epochs", 30, "Seed", 1, "Verbose", false);
generators(end+1, :) = {"DCGAN, 100-D code", gan_sample(gan, n, "Seed", 1)};
printf ("\n%d generated images against %d test digits\n\n", n, n);
printf ("| %-38s | %8s | %9s | %6s |\n", "generator", "FID", "precision", "recall");
printf ("|----------------------------------------|----------|-----------|--------|\n");
for r = 1:rows (generators)
  fake = ae_encode (fx, generators{r, 2});
  [p, rc] = ae_precision_recall (real, fake);
  printf ("| %-38s | %8.2f | %9.3f | %6.3f |\n", generators{r, 1}, ae_fid (real, fake), p, rc);
endfor

## 36 samples of each generator, side by side
figure ("position", [0 0 1200 330]);
for r = 1:rows (generators)
  tiles = reshape (permute (reshape (generators{r, 2}(:, :, 1:36), 28, 28, 6, 6), [1 3 2 4]),
                   168, 168);
  subplot (1, rows (generators), r);
  imshow (tiles);
  title (generators{r, 1}, "fontsize", 9);
endfor
print (fullfile (out_dir, "generation_samples.png"), "-dpng", "-r100");

## the DCGAN's two losses and the discriminator's outputs, per epoch
figure ("position", [0 0 900 360]);
subplot (1, 2, 1);
plot (gan.history.epoch, gan.history.gen_loss, "-o", gan.history.epoch,
      gan.history.disc_loss, "-s");
legend ("generator", "discriminator");
xlabel ("epoch");
ylabel ("loss (binary cross-entropy)");
title ("DCGAN losses");
subplot (1, 2, 2);
plot (gan.history.epoch, gan.history.d_real, "-o", gan.history.epoch, gan.history.d_fake,
      "-s");
legend ("D(x), real digits", "D(G(z)), generated", "location", "east");
xlabel ("epoch");
ylim ([0 1]);
title ("discriminator outputs");
print (fullfile (out_dir, "dcgan_losses.png"), "-dpng", "-r100");
printf ("figures in %s\n", out_dir);

