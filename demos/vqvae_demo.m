## A VQ-VAE (van den Oord et al. 2017) on Fashion-MNIST: a convolutional
## encoder to a 7x7 grid of 16 channels, each position quantized to one of
## 128 codes, and a decoder back to the image; then a PixelCNN prior over
## the codes (vq_prior_train) that new images are drawn from (vq_sample).
## Two ways of moving the codebook: by its loss (the paper's main text), and
## by moving averages with dead codes restarted (its appendix; Dhariwal et
## al. 2020). The first table lists PSNR and SSIM of the test images'
## reconstructions, the perplexity of the codes the test images take (the
## codes in effective use) and how many are used; the second, the prior's
## negative log-likelihood of the test images' codes and the FID, precision
## and recall of samples against test images, with the features of the
## generation table (ae_feature_extractor). The figures show test images,
## both reconstructions and each model's codes ranked by use (vqvae.png),
## and samples of both at temperatures 1 and 0.8 (vqvae_samples.png).
## Run from the package's top folder: octave-cli demos/vqvae_demo.m
## It took 27 minutes on two cores (each VQ-VAE 5, each prior 4, drawing
## and scoring each one's 10,000 samples 5). The figures go to demos/output/
## (or $AUTOENCODER_FIGURES).

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("fashion-mnist");
n_train = min (demo_size (60000, 20000, 600), size (X, 3));
X = X(:,:,1:n_train);
Xtest = Xtest(:, :, 1:demo_size (10000, 10000, 200));
epochs = demo_size (5, 3, 1);
prior_epochs = demo_size (3, 3, 1);
n_samples = demo_size (10000, 2000, 100);
n_codes = 128;

encoder = @(vq) [convolution2dLayer(4, 32, "Stride", 2, "Padding", "same"), reluLayer, ...
                 convolution2dLayer(4, 64, "Stride", 2, "Padding", "same"), reluLayer, ...
                 convolution2dLayer(1, 16), vq];
decoder = [transposedConv2dLayer(4, 64, "Stride", 2, "Cropping", "same"), reluLayer, ...
           transposedConv2dLayer(4, 32, "Stride", 2, "Cropping", "same"), reluLayer, ...
           transposedConv2dLayer(3, 1, "Cropping", "same")];
quantizers = {vectorQuantizationLayer(n_codes), ...
              vectorQuantizationLayer(n_codes, "CodebookUpdate", "ema", "RestartThreshold", 1)};
names = {"codebook by its loss", "moving averages, restarts"};
models = cell (1, 2);
seconds = zeros (1, 2);
for k = 1:2
  tic;
  models{k} = ae_train (X, "Encoder", encoder (quantizers{k}), "Decoder", decoder,
                        "Epochs", epochs, "BatchSize", 64, "LearnRate", 1e-3, "Seed", 1,
                        "Verbose", false);
  seconds(k) = toc;
endfor
ae_summary (models{1});

## the code of each position of each test image: the nearest codebook column
function codes = code_indices (model, images)
  Z = ae_encode (model, images);                # N-by-(positions x channels)
  W = double (model.encoder(end).W);            # channels-by-codes
  channels = rows (W);
  vectors = reshape (Z.', [], channels, columns (Z.'));   # [position][channel] a sample
  vectors = reshape (permute (vectors, [1 3 2]), [], channels);
  [~, codes] = min (sum (vectors .^ 2, 2) - 2 * vectors * W + sum (W .^ 2, 1), [], 2);
endfunction

printf ("\nFashion-MNIST, %d training images, %d epochs; a 7x7 grid of %d codes of 16 values;\n",
        n_train, epochs, n_codes);
printf ("reconstructions of the %d test images:\n\n", size (Xtest, 3));
printf ("| %-26s | %9s | %6s | %10s | %10s | %9s |\n", "codebook", "PSNR (dB)", "SSIM",
        "perplexity", "codes used", "train (s)");
printf ("|----------------------------|-----------|--------|------------|------------|-----------|\n");
recon = cell (1, 2);
usage = cell (1, 2);
for k = 1:2
  recon{k} = ae_reconstruct (models{k}, Xtest);
  codes = code_indices (models{k}, Xtest);
  usage{k} = accumarray (codes, 1, [n_codes 1]);
  p = usage{k}(usage{k} > 0) / numel (codes);
  printf ("| %-26s | %9.2f | %6.3f | %10.1f | %10d | %9.1f |\n", names{k},
          ae_psnr (recon{k}, Xtest, 1), ae_ssim (recon{k}, Xtest), exp (-sum (p .* log (p))),
          nnz (usage{k}), seconds(k));
endfor
printf ("\n(training perplexity of the last epoch: %.1f and %.1f)\n",
        models{1}.history.perplexity(end), models{2}.history.perplexity(end));

pick = 1:10;
strip = @(images) reshape (images(:,:,pick), 28, []);
figure ("position", [0 0 1000 700]);
subplot (2, 1, 1);
imagesc ([strip(Xtest); strip(recon{1}); strip(recon{2})], [0 1]);
colormap (gray); axis image off;
title (sprintf ("rows: test images; VQ-VAE, %s; VQ-VAE, %s", names{1}, names{2}));
subplot (2, 1, 2);
bar ([sort(usage{1}, "descend"), sort(usage{2}, "descend")] / numel (Xtest(1, 1, :)) / 49);
legend (names);
xlabel ("code, ranked by use");
ylabel ("share of the test images' positions");
xlim ([0 n_codes + 1]);
print (fullfile (out_dir, "vqvae.png"), "-dpng", "-r100");
printf ("\nwrote %s\n", fullfile (out_dir, "vqvae.png"));

## the priors, and samples scored as the generation table scores its models
fx = ae_feature_extractor ("fashion-mnist");
n_test = min (n_samples, size (Xtest, 3));
real = ae_encode (fx, Xtest(:, :, 1:n_test));
printf (["\nPixelCNN priors (code embeddings of 32, a 7x7 mask A, 5 layers 3x3 mask B, 64\n" ...
         "filters), %d epochs;\n"], prior_epochs);
printf ("%d samples against %d test images:\n\n", n_samples, n_test);
printf ("| %-26s | %11s | %8s | %9s | %6s | %9s |\n", "codebook", "NLL (nats)", "FID",
        "precision", "recall", "prior (s)");
printf ("|----------------------------|-------------|----------|-----------|--------|-----------|\n");
samples = cell (2, 2);
for k = 1:2
  tic;
  models{k} = vq_prior_train (models{k}, X, "Epochs", prior_epochs, "Seed", 1, "Verbose", false,
                              "ValidationData", Xtest);
  prior_seconds = toc;
  samples{k, 1} = vq_sample (models{k}, n_samples, "Seed", 1);
  samples{k, 2} = vq_sample (models{k}, 10, "Seed", 2, "Temperature", 0.8);
  fake = ae_encode (fx, samples{k, 1});
  [p, rc] = ae_precision_recall (real, fake);
  printf ("| %-26s | %11.2f | %8.2f | %9.3f | %6.3f | %9.1f |\n", names{k},
          models{k}.prior.history.val_loss(end), ae_fid (real, fake), p, rc, prior_seconds);
endfor
printf ("\n(a uniform prior over the codes would cost 49 log %d = %.1f nats an image)\n",
        n_codes, 49 * log (n_codes));
figure ("position", [0 0 1000 460]);
rows_of = @(images) reshape (reshape (images, 28, 28, [])(:, :, 1:10), 28, []);
imagesc ([rows_of(samples{1, 1}); rows_of(samples{1, 2}); rows_of(samples{2, 1});
          rows_of(samples{2, 2})], [0 1]);
colormap (gray); axis image off;
title (sprintf ("VQ-VAE samples, rows: %s at temperature 1 and 0.8; %s at 1 and 0.8",
                names{1}, names{2}));
print (fullfile (out_dir, "vqvae_samples.png"), "-dpng", "-r100");
printf ("\nwrote %s\n", fullfile (out_dir, "vqvae_samples.png"));
