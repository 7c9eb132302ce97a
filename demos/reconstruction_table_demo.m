## The lecture's reconstruction table (RE, PSNR, SSIM), on Fashion-MNIST in
## place of the faces we do not have: PCA, an autoencoder and a VAE with codes
## of 32 values, trained on the 60,000 training images and judged on the
## 10,000 test images. (The sparse and denoising autoencoders of the lecture's
## table join it with the regularized autoencoders.)
## Run from the package's top folder: octave-cli demos/reconstruction_table_demo.m

1;
here = fileparts (mfilename ("fullpath"));
if (isempty (which ("ae_compare")))
  addpath (fullfile (fileparts (here), "inst"));
  addpath (fullfile (fileparts (here), "src"));
endif
[X, ~, Xtest] = ae_dataset ("fashion-mnist");
printf ("Fashion-MNIST: %d training, %d test images; code size 32\n\n", size (X, 3), size (Xtest, 3));
results = ae_compare (X, Xtest, 32, "Epochs", 10, "HiddenSizes", 512, "Verbose", false);
names = struct ("pca", "PCA", "ae", "Autoencoder", "vae", "VAE");
printf ("| %-12s | %-8s | %-9s | %-6s |\n", "model", "RE (MSE)", "PSNR (dB)", "SSIM");
printf ("|--------------|----------|-----------|--------|\n");
for r = results
  printf ("| %-12s | %8.4f | %9.2f | %6.3f |\n", names.(r.model), r.mse, r.psnr, r.ssim);
endfor
