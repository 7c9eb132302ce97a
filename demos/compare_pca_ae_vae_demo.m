## PCA against an autoencoder and a VAE on the MNIST digits:
##   compare_embeddings.png   2-D codes of the test digits by class, side by side
##   compare_code_size.png    reconstruction MSE, PSNR and SSIM against code size
## The figures go to demos/output/ (or $AUTOENCODER_FIGURES).
## Run from the package's top folder: octave-cli demos/compare_pca_ae_vae_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();

[X, ~, Xtest, ytest] = ae_dataset ("mnist");
epochs = demo_size (30, 30, 2);

## 2-D embeddings
codes = {ae_encode(ae_pca (X, 2), Xtest), ...
         ae_encode(ae_train (X, "LatentDim", 2, "HiddenSizes", 512, "Epochs", epochs, "Verbose", false), Xtest), ...
         ae_encode(vae_train (X, "LatentDim", 2, "HiddenSizes", 512, "Epochs", epochs, "Verbose", false), Xtest)};
titles = {"PCA", "Autoencoder (784-512-2)", "VAE (784-512-2, latent means)"};
colors = [0.12 0.47 0.71; 1 0.5 0.05; 0.17 0.63 0.17; 0.84 0.15 0.16; 0.58 0.4 0.74;
          0.55 0.34 0.29; 0.89 0.47 0.76; 0.5 0.5 0.5; 0.74 0.74 0.13; 0.09 0.75 0.81];
figure ("position", [0 0 1500 520]);
for m = 1:3
  subplot (1, 3, m);
  hold on;
  for d = 0:9
    sel = ytest == d;
    plot (codes{m}(sel,1), codes{m}(sel,2), ".", "markersize", 6, "color", colors(d+1,:));
  endfor
  hold off;
  title (titles{m});
  xlabel ("code 1"); ylabel ("code 2"); grid on;
  if (m == 3)
    legend (arrayfun (@num2str, 0:9, "UniformOutput", false), "location", "eastoutside");
  endif
endfor
print (fullfile (out_dir, "compare_embeddings.png"), "-dpng", "-r100");

## reconstruction against code size
figure ("position", [0 0 1500 450]);
results = ae_compare (X, Xtest, [2 4 8 16 32 64], "Epochs", demo_size (15, 15, 1), "HiddenSizes", 256, "Plot", true);
print (fullfile (out_dir, "compare_code_size.png"), "-dpng", "-r100");
printf ("figures in %s\n", out_dir);
