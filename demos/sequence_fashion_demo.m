## Sequential Fashion-MNIST: each 28x28 image read as a sequence of its 28
## rows (28 values a step), the form in which recurrent autoencoders are
## usually first tried on images. Trained on 20,000 training images, measured
## on the 10,000 test images:
##   - an LSTM autoencoder (LSTM of 128 units to a code of 32, mirrored LSTM
##     decoder over the 28 steps), a sequence VAE (Bowman et al. 2016: a
##     BiLSTM of 128 units to a Gaussian code of 32, free bits against
##     posterior collapse), and, on the same images as 784 values, a dense
##     autoencoder (784-256-32) and PCA with 32 components;
##   - the test mean squared error of each (table), reconstructions
##     (sequence_reconstructions.png);
##   - the sequence VAE's interpolations between test images of different
##     classes, linear and spherical (sequence_interpolation.png), and its
##     samples from the prior, decoded over 28 steps (sequence_samples.png).
## Run from the package's top folder: octave-cli demos/sequence_fashion_demo.m

1;
function n = parameter_count (model)
  if (strcmp (model.kind, "pca"))
    n = numel (model.components) + numel (model.mean);
  else
    layers = [model.encoder, model.decoder];
    n = sum (arrayfun (@(l) numel (l.W) + numel (l.b), layers));
  endif
endfunction

addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest, ytest] = ae_dataset ("fashion-mnist");
X = X(:, :, 1:20000);
rows_as_steps = @(images) permute (images, [2 3 1]);   # 28 values x N x 28 steps
steps_as_rows = @(seqs) permute (seqs, [3 1 2]);       # back to 28 x 28 x N
S = rows_as_steps (X);
Stest = rows_as_steps (Xtest);
code = 32;
common = {"LatentDim", code, "Seed", 1, "Verbose", false};

names = {"LSTM AE", "sequence VAE", "dense AE", "PCA"};
seconds = zeros (1, 4);
tic;
lstm_ae = ae_train (S, "Encoder", [sequenceInputLayer(28), lstmLayer(128, "OutputMode", "last")],
                    "Epochs", 10, common{:});
seconds(1) = toc; tic;
seq_vae = vae_train (S, "Encoder", [sequenceInputLayer(28), bilstmLayer(128, "OutputMode", "last")],
                     "Epochs", 10, "FreeBits", 0.1, common{:});
seconds(2) = toc; tic;
dense_ae = ae_train (X, "HiddenSizes", 256, "Epochs", 10, common{:});
seconds(3) = toc; tic;
pca = ae_pca (X, code);
seconds(4) = toc;

recon = {steps_as_rows(ae_reconstruct (lstm_ae, Stest)), ...
         steps_as_rows(vae_reconstruct (seq_vae, Stest)), ...
         ae_reconstruct(dense_ae, Xtest), ae_reconstruct(pca, Xtest)};
printf ("Sequential Fashion-MNIST, 20,000 training images, code of %d:\n\n", code);
printf ("| %-13s | %-14s | %-10s | %-8s |\n", "model", "test MSE", "parameters", "train s");
printf ("|---------------|----------------|------------|----------|\n");
models = {lstm_ae, seq_vae, dense_ae, pca};
for m = 1:4
  n_params = parameter_count (models{m});
  printf ("| %-13s | %14.5f | %10d | %8.1f |\n", names{m}, ae_mse (Xtest, recon{m}),
          n_params, seconds(m));
endfor

## reconstructions of one test image of each class
shown = arrayfun (@(c) find (ytest == c, 1), 0:9);
canvas = reshape (Xtest(:, :, shown), 28, []);
for m = 1:4
  canvas = [canvas; reshape(recon{m}(:, :, shown), 28, [])];
endfor
figure ("position", [0 0 840 460]);
imagesc (canvas, [0 1]); colormap (gray); axis image off;
title (["Test images (top row), then ", strjoin(names, ", ")]);
print (fullfile (out_dir, "sequence_reconstructions.png"), "-dpng", "-r100");

## interpolation between test images of different classes
pairs = [shown(1) shown(10); shown(2) shown(9); shown(6) shown(8)];
n = 10;
strips = [];
for p = 1:rows (pairs)
  a = Stest(:, pairs(p, 1), :);
  b = Stest(:, pairs(p, 2), :);
  for method = {"linear", "spherical"}
    seqs = vae_interpolate (seq_vae, squeeze (a), squeeze (b), n, "Method", method{1});
    strips = [strips; cell2mat(cellfun (@(s) s.', seqs.', "UniformOutput", false))];
  endfor
endfor
figure ("position", [0 0 900 560]);
imagesc (strips, [0 1]); colormap (gray); axis image off;
title ("Sequence VAE: interpolation between test images, linear (odd rows) and spherical (even rows)");
print (fullfile (out_dir, "sequence_interpolation.png"), "-dpng", "-r100");

## samples from the prior, 28 steps each
samples = vae_sample (seq_vae, 32, "Steps", 28, "Seed", 2);
tiles = cellfun (@(s) s.', samples, "UniformOutput", false);
grid_of = cell2mat (reshape (tiles, 4, 8));
figure ("position", [0 0 840 460]);
imagesc (grid_of, [0 1]); colormap (gray); axis image off;
title ("Sequence VAE: 32 samples from the prior, each decoded row by row over 28 steps");
print (fullfile (out_dir, "sequence_samples.png"), "-dpng", "-r100");
printf ("\nfigures: %s\n", strjoin (fullfile (out_dir, {"sequence_reconstructions.png", ...
        "sequence_interpolation.png", "sequence_samples.png"}), ", "));
