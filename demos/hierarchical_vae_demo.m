## The lecture's MusicVAE challenge (Roberts et al. 2018): a VAE over long
## sequences whose codes interpolate, with its hierarchical decoder. No
## Debian or npm package ships a melody corpus that a VAE could learn from
## (Debian's ABC examples are a few dozen tunes), so the sequences are MNIST
## digits read in half rows: 56 steps of 14 pixels, 7 "bars" of 8 steps (4
## image rows each). Two sequence VAEs with the same encoder (a BiLSTM of 64
## units to a code of 32, free bits 0.25 a unit) are trained for 15 epochs
## of mini-batches of 32 on the 7,996 training digits and measured on the
## 2,004 test digits:
##   - "flat": a repeat layer and one LSTM of 128 units over the 56 steps;
##   - "hierarchical": hierarchicalLstmLayer, a conductor LSTM of 128 units
##     one step per bar and a decoder LSTM of 128 units restarted each bar
##     from the bar's conductor output.
## Prints the test MSE, the negative ELBO with its KL part, the active units
## and the training time of each; figures: reconstructions
## (hierarchical_reconstructions.png), interpolations between test digits
## of different classes, spherical (hierarchical_interpolation.png), and
## samples from the prior (hierarchical_samples.png).
## Run from the package's top folder: octave-cli demos/hierarchical_vae_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest, ytest] = ae_dataset ("mnist");
## 28x28xN images -> 14 values x N x 56 steps, each step half a row
as_steps = @(I) permute (reshape (permute (I, [2 1 3]), 14, 56, []), [1 3 2]);
as_images = @(Q) permute (reshape (permute (Q, [1 3 2]), 28, 28, []), [2 1 3]);
cells_as_images = @(C) as_images (permute (cat (3, C{:}), [1 3 2]));   # {14x56} -> images
S = as_steps (X);
Stest = as_steps (Xtest);
encoder = [sequenceInputLayer(14), bilstmLayer(64, "OutputMode", "last")];
decoders = {[repeatVectorLayer, lstmLayer(128), fullyConnectedLayer(14)], ...
            [hierarchicalLstmLayer(128, "SubsequenceLength", 8, "ConductorUnits", 128), ...
             fullyConnectedLayer(14)]};
names = {"flat", "hierarchical"};
models = cell (1, 2);
recon = cell (1, 2);
printf ("Sequence VAEs over MNIST digits as 56 steps of 14 pixels (bars of 8 steps):\n\n");
printf ("| %-12s | %-9s | %-10s | %-8s | %-12s | %-7s |\n", "decoder", "test MSE",
        "-ELBO", "KL", "active units", "train s");
printf ("|--------------|-----------|------------|----------|--------------|---------|\n");
for d = 1:2
  tic;
  models{d} = vae_train (S, "Encoder", encoder, "Decoder", decoders{d}, "LatentDim", 32,
                         "Epochs", demo_size (15, 15, 1), "BatchSize", 32, "LearnRate", 2e-3,
                         "FreeBits", 0.25, "Seed", 1, "Verbose", false);
  seconds = toc;
  recon{d} = as_images (vae_reconstruct (models{d}, Stest));
  [loss, ~, kl] = vae_loss (models{d}, Stest);
  active = vae_active_units (models{d}, Stest);   # Burda et al.'s, over the test digits
  printf ("| %-12s | %9.5f | %10.2f | %8.2f | %12d | %7.0f |\n", names{d},
          ae_mse (Xtest, recon{d}), loss, kl, active, seconds);
  fflush (stdout);
endfor

## reconstructions of the first test digit of each class
shown = arrayfun (@(c) find (ytest == c, 1), 0:9);
canvas = [reshape(Xtest(:, :, shown), 28, []); reshape(recon{1}(:, :, shown), 28, []);
          reshape(recon{2}(:, :, shown), 28, [])];
figure ("position", [0 0 840 300]);
imagesc (canvas, [0 1]); colormap (gray); axis image off;
title ("Test digits (top), the flat decoder's reconstructions, the hierarchical decoder's");
print (fullfile (out_dir, "hierarchical_reconstructions.png"), "-dpng", "-r100");

## spherical interpolations between test digits of different classes,
## flat (odd rows) and hierarchical (even rows)
pairs = [shown(2) shown(8); shown(4) shown(9); shown(1) shown(7); shown(5) shown(10)];
strips = [];
for p = 1:rows (pairs)
  for d = 1:2
    seqs = vae_interpolate (models{d}, squeeze (Stest(:, pairs(p, 1), :)),
                            squeeze (Stest(:, pairs(p, 2), :)), 10, "Method", "spherical");
    strips = [strips; reshape(cells_as_images (seqs), 28, [])];
  endfor
endfor
figure ("position", [0 0 900 760]);
imagesc (strips, [0 1]); colormap (gray); axis image off;
title ("Spherical interpolation between test digits: flat decoder (odd rows), hierarchical (even rows)");
print (fullfile (out_dir, "hierarchical_interpolation.png"), "-dpng", "-r100");

## samples from the prior, 56 steps each
canvas = [];
for d = 1:2
  samples = vae_sample (models{d}, 20, "Steps", 56, "Seed", 3);
  images = cells_as_images (samples);
  canvas = [canvas; reshape(images(:, :, 1:10), 28, []); reshape(images(:, :, 11:20), 28, [])];
endfor
figure ("position", [0 0 840 400]);
imagesc (canvas, [0 1]); colormap (gray); axis image off;
title ("Samples from the prior: flat decoder (top two rows), hierarchical (bottom two)");
print (fullfile (out_dir, "hierarchical_samples.png"), "-dpng", "-r100");
printf ("\nfigures: %s\n", strjoin (fullfile (out_dir, {"hierarchical_reconstructions.png", ...
        "hierarchical_interpolation.png", "hierarchical_samples.png"}), ", "));
