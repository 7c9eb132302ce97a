## The regularized autoencoders of the lectures on the MNIST digits:
##   sparse_features.png         the sparse autoencoder's learned features (the
##                               encoder weights of 100 code units as images)
##                               and the histogram of mean code activations
##                               against the target rho
##   denoising.png               noisy input, output and clean target for each
##                               noise kind
##   contractive_vs_plain.png    reconstruction error and mean Jacobian norm of
##                               a contractive and a plain autoencoder
## The figures go to demos/output/ (or $AUTOENCODER_FIGURES).
## Run from the package's top folder: octave-cli demos/regularized_autoencoders_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("mnist");

## sparse autoencoder: MATLAB's own example ("Train Stacked Autoencoders for
## Image Classification"), run through trainAutoencoder: 100 logsig units,
## full-batch scaled conjugate gradient, on the first 5,000 training digits
rho = 0.15;
rand ("seed", 1);
digits = reshape (X(:,:,1:min (5000, end)), 784, []);
sparse = trainAutoencoder (digits, 100, "MaxEpochs", demo_size (400, 400, 5), "L2WeightRegularization", 0.004,
                           "SparsityRegularization", 4, "SparsityProportion", rho,
                           "ScaleData", false, "ShowProgressWindow", false);
activation = mean (encode (sparse, reshape (Xtest, 784, [])), 2);
figure ("position", [0 0 1300 600]);
subplot (1, 2, 1);
plotWeights (sparse);
title ("Sparse autoencoder: features of the 100 hidden units");
subplot (1, 2, 2);
hist (activation, 25);
hold on; plot ([rho rho], ylim (), "r-", "linewidth", 2); hold off;
xlabel ("mean activation of a hidden unit over the test digits"); ylabel ("units");
title (sprintf ("mean activation %.3f, target rho = %.2f", mean (activation), rho));
print (fullfile (out_dir, "sparse_features.png"), "-dpng", "-r100");
printf ("sparse autoencoder: mean activation %.4f over the test digits (rho %.2f), %d epochs\n",
        mean (activation), rho, numel (sparse.TrainingParameters.history.loss));

## denoising autoencoders, one per noise kind
kinds = {"gaussian", 0.4; "masking", 0.5; "saltpepper", 0.2};
pick = 1:8;
rand ("state", 1); randn ("state", 1);
strips = {};
labels = {};
for k = 1:rows (kinds)
  dae = ae_train (X, "LatentDim", 64, "HiddenSizes", 256, "Epochs", demo_size (20, 20, 1), "Seed", 1,
                  "Noise", kinds{k,1}, "NoiseLevel", kinds{k,2}, "Verbose", false);
  noisy = Xtest(:,:,pick);
  switch (kinds{k,1})
    case "gaussian"
      noisy = min (max (noisy + kinds{k,2} * randn (size (noisy)), 0), 1);
    case "masking"
      noisy(rand (size (noisy)) < kinds{k,2}) = 0;
    case "saltpepper"
      hit = rand (size (noisy)) < kinds{k,2};
      noisy(hit) = rand (nnz (hit), 1) < 0.5;
  endswitch
  restored = ae_reconstruct (dae, noisy);
  strips(end+1:end+3) = {reshape(noisy, 28, []), reshape(restored, 28, []), ...
                       reshape(Xtest(:,:,pick), 28, [])};
  labels(end+1) = sprintf ("%s %.1f: PSNR %.1f -> %.1f dB", kinds{k,1}, kinds{k,2},
                           ae_psnr (noisy, Xtest(:,:,pick)), ae_psnr (restored, Xtest(:,:,pick)));
endfor
figure ("position", [0 0 900 1000]);
for k = 1:numel (labels)      # one panel per noise kind: noisy, restored, clean
  subplot (numel (labels), 1, k);
  imagesc (cell2mat (strips(3*k-2:3*k).'), [0 1]); colormap (gray); axis image off;
  title (labels{k});
endfor
print (fullfile (out_dir, "denoising.png"), "-dpng", "-r100");

## contractive against plain, on 2,000 digits (the exact penalty costs D passes)
small = X(:,:,1:min (2000, end));
opts = {"LatentDim", 16, "HiddenSizes", 64, "Epochs", demo_size(20, 20, 1), "LearnRate", 3e-3, "Seed", 1, ...
        "Verbose", false};
plain = ae_train (small, opts{:});
weights = [0.01 0.1 1];
mse = [ae_loss(plain, Xtest), zeros(1, 3)];
jac = [mean(ae_jacobian_norm (plain, Xtest(:,:,1:300))), zeros(1, 3)];
for k = 1:3
  cae = ae_train (small, opts{:}, "ContractiveWeight", weights(k));
  mse(k+1) = ae_loss (cae, Xtest);
  jac(k+1) = mean (ae_jacobian_norm (cae, Xtest(:,:,1:300)));
endfor
names = [{"plain"}, arrayfun(@(w) sprintf ("CAE %g", w), weights, "UniformOutput", false)];
figure ("position", [0 0 1100 450]);
subplot (1, 2, 1); bar (mse); set (gca, "xticklabel", names); ylabel ("test MSE"); grid on;
title ("Reconstruction error");
subplot (1, 2, 2); bar (jac); set (gca, "xticklabel", names); ylabel ("mean ||J_f(x)||_F");
grid on; title ("Mean Jacobian norm of the encoder");
print (fullfile (out_dir, "contractive_vs_plain.png"), "-dpng", "-r100");
printf ("%-10s %8s %8s\n", "model", "MSE", "|J|_F");
for k = 1:4
  printf ("%-10s %8.4f %8.3f\n", names{k}, mse(k), jac(k));
endfor
printf ("figures in %s\n", out_dir);
