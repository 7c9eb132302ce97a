## Super-resolution, one of the lecture's applications of autoencoders: a
## network trained on pairs (low-resolution input, high-resolution target)
## with ae_train's "Targets". Fashion-MNIST images are shrunk to 14x14
## (ae_resize: bicubic, antialiased, as MATLAB's imresize) and the networks
## learn to give the 28x28 originals back. Against them: the same 14x14
## images enlarged by bicubic and by nearest-neighbour interpolation. The
## table lists PSNR and SSIM against the true 28x28 test images; the figure
## (super_resolution.png) shows input, bicubic, the networks and the truth.
## Run from the package's top folder: octave-cli demos/super_resolution_demo.m
## The figure goes to demos/output/ (or $AUTOENCODER_FIGURES).

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("fashion-mnist");
X = X(:, :, 1:min (demo_size (60000, 60000, 600), end));
shrink = @(images) min (max (ae_resize (images, [14 14]), 0), 1);
small = shrink (X);
small_test = shrink (Xtest);
printf ("Fashion-MNIST: %d training and %d test images, 14x14 inputs, 28x28 targets\n\n",
        size (X, 3), size (Xtest, 3));

common = {"LatentDim", 256, "Epochs", demo_size(10, 10, 1), "Seed", 1, "Verbose", false};
held_out = 1:min (2000, size (Xtest, 3));   # the validation data: test images
tic;
dense = ae_train (small, "HiddenSizes", 1024, "Targets", X, common{:}, "ValidationData",
                  {small_test(:, :, held_out), Xtest(:, :, held_out)});
dense_seconds = toc;

## convolutional: features of the 14x14 image, a 256-value code, and a
## decoder that projects it to 7x7 maps and doubles them twice to 28x28
encoder = [convolution2dLayer(3, 32, "Padding", "same"), reluLayer, ...
           convolution2dLayer(3, 32, "Padding", "same", "Stride", 2), reluLayer];
decoder = [projectAndReshapeLayer([7 7 32]), reluLayer, ...
           transposedConv2dLayer(4, 32, "Stride", 2, "Cropping", "same"), reluLayer, ...
           transposedConv2dLayer(4, 16, "Stride", 2, "Cropping", "same"), reluLayer, ...
           convolution2dLayer(3, 1, "Padding", "same"), sigmoidLayer];
image = @(images) reshape (images, rows (images), columns (images), 1, []);
tic;
## four epochs: its 28x28 layers cost about twenty times the dense model's
conv = ae_train (image (small), "Encoder", encoder, "Decoder", decoder,
                 "Targets", image (X), common{:}, "Epochs", demo_size (4, 4, 1), "ValidationData",
                 {image(small_test(:, :, held_out)), image(Xtest(:, :, held_out))});
conv_seconds = toc;

results = {"nearest neighbour", repelem(small_test, 2, 2, 1), NaN;
           "bicubic (ae_resize)", min(max(ae_resize (small_test, [28 28]), 0), 1), NaN;
           "dense autoencoder", ae_reconstruct(dense, small_test), dense_seconds;
           "convolutional autoencoder", reshape(ae_reconstruct (conv, image (small_test)), size (Xtest)), conv_seconds};
printf ("| %-26s | %9s | %6s | %9s |\n", "14x14 to 28x28", "PSNR (dB)", "SSIM", "train (s)");
printf ("|----------------------------|-----------|--------|-----------|\n");
for k = 1:rows (results)
  printf ("| %-26s | %9.2f | %6.3f | %9s |\n", results{k, 1},
          ae_psnr (results{k, 2}, Xtest, 1), ae_ssim (results{k, 2}, Xtest),
          merge (isnan (results{k, 3}), "-", sprintf ("%.1f", results{k, 3})));
endfor

pick = 1:10;
strip = @(images) reshape (images(:, :, pick), 28, []);
rows_shown = [{strip(repelem(small_test, 2, 2, 1))}; cellfun(strip, results(2:end, 2), "UniformOutput", false); {strip(Xtest)}];
figure ("position", [0 0 1000 560]);
imagesc (cell2mat (rows_shown), [0 1]);
colormap (gray); axis image off;
title ("rows: 14x14 input, bicubic, dense autoencoder, convolutional autoencoder, 28x28 truth");
print (fullfile (out_dir, "super_resolution.png"), "-dpng", "-r100");
printf ("\nfigure: %s\n", fullfile (out_dir, "super_resolution.png"));
