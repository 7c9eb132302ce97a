## The lecture's reconstruction table (RE, PSNR, SSIM), on Fashion-MNIST in
## place of the faces we do not have: PCA, an autoencoder, a sparse
## autoencoder, a denoising autoencoder and a VAE, all with codes of 32 values,
## trained on the 60,000 training images and judged on the 10,000 clean test
## images (RE: mean squared error; PSNR with the data range 1; SSIM of Wang
## et al. 2004).
## Run from the package's top folder: octave-cli demos/reconstruction_table_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("fashion-mnist");
printf ("Fashion-MNIST: %d training, %d test images; code size 32\n\n", size (X, 3), size (Xtest, 3));
common = {"LatentDim", 32, "HiddenSizes", 512, "Epochs", 10, "Seed", 1, "Verbose", false};
models = {"PCA", ae_pca(X, 32);
          "Autoencoder", ae_train(X, common{:});
          "Sparse autoencoder", ae_train(X, common{:}, "CodeActivation", "sigmoid", ...
                                         "SparsityTarget", 0.05, "SparsityWeight", 3);
          "Denoising autoencoder", ae_train(X, common{:}, "Noise", "gaussian", "NoiseLevel", 0.2);
          "VAE", vae_train(X, common{:})};
printf ("| %-22s | %-8s | %-9s | %-6s |\n", "model", "RE (MSE)", "PSNR (dB)", "SSIM");
printf ("|------------------------|----------|-----------|--------|\n");
for k = 1:rows (models)
  recon = ae_reconstruct (models{k, 2}, Xtest);
  printf ("| %-22s | %8.4f | %9.2f | %6.3f |\n", models{k, 1}, ae_mse (recon, Xtest),
          ae_psnr (recon, Xtest, 1), ae_ssim (recon, Xtest));
endfor
