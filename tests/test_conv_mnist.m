## End-to-end on real MNIST digits: Keras's convolutional VAE trained from
## Octave reaches a stated test loss, and beats a dense VAE of as many
## parameters in the same epochs. Needs the data of tools/fetch-data.

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
%! conv = vae_train (X, "Encoder", encoder, "Decoder", decoder, "Epochs", 6, "Seed", 3,
%!                   "Verbose", false);
%! ## a dense VAE of 784-85-2 has about as many parameters (134,165 against 135,121)
%! dense = vae_train (X, "HiddenSizes", 85, "Epochs", 6, "Seed", 3, "Verbose", false);
%! n_params = @(m) sum (cellfun (@numel, {m.encoder.W, m.encoder.b, m.decoder.W, m.decoder.b}));
%! assert (n_params (conv), 134165);
%! conv_loss = vae_loss (conv, Xtest, "Seed", 1);
%! dense_loss = vae_loss (dense, Xtest, "Seed", 1);
%! printf ("      6 epochs on 3,000 digits: test loss %.1f (convolutional), %.1f (dense, %d parameters)\n",
%!         conv_loss, dense_loss, n_params (dense));
%! assert (all (diff (conv.history.loss) < 0));
%! assert (conv_loss < CONV_LEVEL);
%! assert (conv_loss < dense_loss);
