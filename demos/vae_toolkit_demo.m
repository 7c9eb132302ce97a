## A researcher's measures of a VAE, on the pytorch/examples VAE (784-400-20,
## ReLU, Bernoulli decoder) trained on Fashion-MNIST:
##   - the importance-weighted log-likelihood (Burda et al. 2015) of the test
##     images with K = 1 (the ELBO's estimate), 50 and 5000 codes per image
##     (vae_loglik; K = 5000 on the first 500 test images, the others on all
##     10,000 and on those 500 too);
##   - its active units (vae_active_units);
##   - interpolation strips between test images, linear and spherical
##     (vae_interpolation.png), and a latent traversal of its most active
##     units (vae_traversal.png).
## Run from the package's top folder: octave-cli demos/vae_toolkit_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("fashion-mnist");
epochs = demo_size (10, 10, 1);
tic;
model = vae_train (X, "LatentDim", 20, "HiddenSizes", 400, "Epochs", epochs, "BatchSize", 128,
                   "LearnRate", 1e-3, "Seed", 1, "Verbose", false);
printf ("pytorch/examples VAE on Fashion-MNIST: %d epochs in %.0f s, test loss %.2f nats\n\n",
        epochs, toc, vae_loss (model, Xtest));

printf ("| %-12s | %-5s | %-18s | %-9s |\n", "test images", "K", "log p(x) (nats)", "seconds");
printf ("|--------------|-------|--------------------|-----------|\n");
subset = Xtest(:, :, 1:min (demo_size (500, 500, 20), end));
all_images = sprintf ("all %d", size (Xtest, 3));
first_images = sprintf ("first %d", size (subset, 3));
samples = demo_size ([1 50 5000], [1 50 5000], [1 5 20]);
for K = samples
  for part = {all_images, first_images}
    if (K == samples(end) && strcmp (part{1}, all_images))
      continue;   # 50 million decodings: the first 500 images stand for them
    endif
    data = merge (strcmp (part{1}, first_images), subset, Xtest);
    tic;
    [ll, per_sample, se] = vae_loglik (model, data, "Samples", K, "Seed", 1);
    spread = "";
    if (K > 1)
      spread = sprintf (" +- %.3f", sqrt (sumsq (se)) / numel (se));
    endif
    printf ("| %-12s | %5d | %-18s | %9.1f |\n", part{1}, K,
            sprintf ("%.2f%s", ll, spread), toc);
    fflush (stdout);
  endfor
endfor
[n_active, ~, activity] = vae_active_units (model, Xtest);
printf ("\nactive units: %d of 20 (activity above 0.01 on the test images)\n", n_active);

## interpolation strips between pairs of test images of different classes
pairs = [1 2; 3 4; 5 6];
n = 10;
strips = [];
for p = 1:rows (pairs)
  a = Xtest(:, :, pairs(p, 1));
  b = Xtest(:, :, pairs(p, 2));
  straight = vae_interpolate (model, a, b, n);
  curved = vae_interpolate (model, a, b, n, "Method", "spherical");
  strips = [strips; reshape(straight, 28, []); reshape(curved, 28, [])];
endfor
figure ("position", [0 0 900 560]);
imagesc (strips, [0 1]); colormap (gray); axis image off;
title ("Interpolation between test images: linear (odd rows) and spherical (even rows)");
print (fullfile (out_dir, "vae_interpolation.png"), "-dpng", "-r100");

## traversal of the 8 most active units around one test image
[~, order] = sort (activity, "descend");
units = order(1:8);
grid_images = vae_traverse (model, Xtest(:, :, 1), "Units", units, "Range", [-3 3], "Steps", 9);
canvas = reshape (permute (reshape (grid_images, 28, 28, 9, 8), [1 4 2 3]), 28 * 8, 28 * 9);
figure ("position", [0 0 600 560]);
imagesc (canvas, [0 1]); colormap (gray); axis image off;
title (sprintf ("Traversal: rows vary units %s from -3 to 3", mat2str (units)));
print (fullfile (out_dir, "vae_traversal.png"), "-dpng", "-r100");
printf ("figures: %s, %s\n", fullfile (out_dir, "vae_interpolation.png"),
        fullfile (out_dir, "vae_traversal.png"));
