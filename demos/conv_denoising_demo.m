## A convolutional denoising autoencoder on Fashion-MNIST, against a dense one
## with the same code size and noise: both see training images with Gaussian
## noise (sigma 0.4) and learn to give back the clean image. The table lists
## PSNR and SSIM of the restored test images against the clean ones; the
## figure shows noisy, restored (convolutional), restored (dense) and clean
## images. Convolutions share their filters across the image, so the
## convolutional model has a quarter of the dense one's parameters.
## Run from the package's top folder: octave-cli demos/conv_denoising_demo.m
## The figure goes to demos/output/ (or $AUTOENCODER_FIGURES).

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("fashion-mnist");
n_train = min (demo_size (10000, 10000, 600), size (X, 3));   # a sixth of the training set keeps the demo near 3 minutes
X = X(:,:,1:n_train);
epochs = demo_size (10, 5, 1);
noise = {"Noise", "gaussian", "NoiseLevel", 0.4, "LatentDim", 64, "Epochs", epochs, ...
         "BatchSize", 32, "Seed", 1, "Verbose", false};

## Keras's denoising example's encoder (two 3x3 convolutions of 32 filters,
## each followed by 2x2 max pooling), with a 64-value code; the decoder mirrors
## it: upsampling and transposed convolutions
encoder = [convolution2dLayer(3, 32, "Padding", "same"), reluLayer, ...
           maxPooling2dLayer(2, "Stride", 2), ...
           convolution2dLayer(3, 32, "Padding", "same"), reluLayer, ...
           maxPooling2dLayer(2, "Stride", 2)];
tic;
conv_dae = ae_train (X, "Encoder", encoder, noise{:});
conv_seconds = toc;
tic;
dense_dae = ae_train (X, "HiddenSizes", 512, noise{:});
dense_seconds = toc;
ae_summary (conv_dae);

randn ("state", 1);
noisy = min (max (Xtest + 0.4 * randn (size (Xtest)), 0), 1);
restored = {ae_reconstruct(conv_dae, noisy), ae_reconstruct(dense_dae, noisy)};
count = @(m) sum (cellfun (@numel, {m.encoder.W, m.encoder.b, m.decoder.W, m.decoder.b}));
printf ("\nFashion-MNIST, %d training images, Gaussian noise 0.4, code 64, %d epochs;\n", n_train, epochs);
printf ("restored against clean on the %d test images:\n\n", size (Xtest, 3));
printf ("| %-24s | %10s | %9s | %6s | %9s |\n", "model", "parameters", "PSNR (dB)", "SSIM",
        "train (s)");
printf ("|--------------------------|------------|-----------|--------|-----------|\n");
printf ("| %-24s | %10s | %9.2f | %6.3f | %9s |\n", "noisy input", "-",
        ae_psnr (noisy, Xtest, 1), ae_ssim (noisy, Xtest), "-");
names = {"convolutional denoising", "dense denoising (512)"};
models = {conv_dae, dense_dae};
seconds = [conv_seconds, dense_seconds];
for k = 1:2
  printf ("| %-24s | %10d | %9.2f | %6.3f | %9.1f |\n", names{k}, count (models{k}),
          ae_psnr (restored{k}, Xtest, 1), ae_ssim (restored{k}, Xtest), seconds(k));
endfor

pick = 1:10;
strip = @(images) reshape (images(:,:,pick), 28, []);
figure ("position", [0 0 1000 480]);
imagesc ([strip(noisy); strip(restored{1}); strip(restored{2}); strip(Xtest)], [0 1]);
colormap (gray); axis image off;
title ("rows: noisy (sigma 0.4), convolutional DAE, dense DAE, clean");
print (fullfile (out_dir, "conv_denoising.png"), "-dpng", "-r100");
printf ("\nwrote %s\n", fullfile (out_dir, "conv_denoising.png"));
