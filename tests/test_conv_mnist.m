## End-to-end on real MNIST digits: Keras's convolutional VAE, built from
## layer arrays in Octave, has Keras's parameter count and reaches a stated
## test loss without collapsing its posterior; a small convolutional
## autoencoder beats PCA with the same code size. Needs the data of
## tools/fetch-data.

%!test
%! [X, ~, Xtest] = ae_dataset ("mnist");
%! X = X(:,:,1:3000);
%! Xtest = Xtest(:,:,1:1000);
%! encoder = [convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), reluLayer, ...
%!            convolution2dLayer(3, 64, "Stride", 2, "Padding", "same"), reluLayer, ...
%!            flattenLayer, fullyConnectedLayer(16), reluLayer];
%! decoder = [projectAndReshapeLayer([7 7 64]), reluLayer, ...
%!            transposedConv2dLayer(3, 64, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!            transposedConv2dLayer(3, 32, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!            transposedConv2dLayer(3, 1, "Cropping", "same"), sigmoidLayer];
%! vae = vae_train (X, "Encoder", encoder, "Decoder", decoder, "Epochs", 6, "BatchSize", 32,
%!                  "Seed", 3, "Verbose", false);
%! ## Keras's summary: 69,076 encoder and 65,089 decoder parameters
%! n_params = @(m) sum (cellfun (@numel, {m.encoder.W, m.encoder.b, m.decoder.W, m.decoder.b}));
%! assert (n_params (vae), 134165);
%! [loss, recon, kl] = vae_loss (vae, Xtest, "Seed", 1);
%! printf ("      conv VAE, 6 epochs on 3,000 digits: test loss %.1f (reconstruction %.1f, KL %.2f)\n",
%!         loss, recon, kl);
%! ## measured: 171.2 (166.7 + KL 4.46); the mean image scores 207.8 with no KL
%! assert (all (diff (vae.history.loss) < 0));
%! assert (loss < 176);
%! assert (kl > 2);
%!
%! ## a convolutional autoencoder with a code of 16 against PCA with 16 components
%! small = [convolution2dLayer(3, 16, "Stride", 2, "Padding", "same"), reluLayer, ...
%!          convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), reluLayer];
%! ae = ae_train (X, "Encoder", small, "LatentDim", 16, "Epochs", 8, "BatchSize", 32,
%!                "Seed", 3, "Verbose", false);
%! conv_mse = ae_mse (ae_reconstruct (ae, Xtest), Xtest);
%! pca_mse = ae_mse (ae_reconstruct (ae_pca (X, 16), Xtest), Xtest);
%! printf ("      conv AE (code 16), 8 epochs: test MSE %.4f; PCA-16 %.4f\n", conv_mse, pca_mse);
%! ## measured: 0.0210 against 0.0272
%! assert (conv_mse < 0.9 * pca_mse);
