## The lecture's generation table: FID, precision and recall of samples from
## the package's generators against held-out MNIST digits, with the features
## of the package's classifier (ae_feature_extractor). For scale, the table
## starts with the training digits themselves, then VAEs of two code sizes.
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
printf ("\n%d generated images against %d test digits\n\n", n, n);
printf ("| %-38s | %8s | %9s | %6s |\n", "generator", "FID", "precision", "recall");
printf ("|----------------------------------------|----------|-----------|--------|\n");
for r = 1:rows (generators)
  fake = ae_encode (fx, generators{r, 2});
  [p, rc] = ae_precision_recall (real, fake);
  printf ("| %-38s | %8.2f | %9.3f | %6.3f |\n", generators{r, 1}, ae_fid (real, fake), p, rc);
endfor
