## Batch normalization and dropout from Octave: layer arrays with
## batchNormalizationLayer train, keep their running statistics in the model,
## predict with them, save, load and resume bit for bit; dropoutLayer draws
## its masks from the seeded training stream and leaves predictions alone.

%!shared X
%! ## images of a two-parameter family, which an autoencoder can learn
%! rand ("seed", 17);
%! [i, j] = ndgrid (1:12, 1:12);
%! p = 2 * pi * rand (2, 96);
%! X = single (0.5 + 0.4 * sin (0.6 * i(:) + p(1, :)) .* cos (0.5 * j(:) + p(2, :)));
%! X = reshape (X, 12, 12, 1, 96);

%!test
%! ## predictions read the running statistics: as the formula says, and the
%! ## same for a sample alone as within a batch
%! enc = [flattenLayer, fullyConnectedLayer(6), batchNormalizationLayer("Epsilon", 1e-3)];
%! m = ae_train (X, "Encoder", enc, "LatentDim", 3, "Epochs", 2, "BatchSize", 32,
%!               "Verbose", false);
%! bn = m.encoder(3);
%! assert (bn.type, "batchnorm");
%! assert (any (bn.mean != 0) && any (bn.variance != 1));
%! x = double (reshape (X(:, :, 1, 1:5), 144, 5));
%! h = double (m.encoder(2).W) * x + double (m.encoder(2).b);
%! h = (h - double (bn.mean)) ./ sqrt (double (bn.variance) + 1e-3) .* double (bn.W) ...
%!     + double (bn.b);
%! code = double (m.encoder(4).W) * h + double (m.encoder(4).b);
%! assert (ae_encode (m, X(:, :, :, 1:5)), code.', 1e-4);
%! assert (ae_encode (m, X(:, :, :, 3:4)), ae_encode (m, X(:, :, :, 1:5))(3:4, :), 1e-6);

%!test
%! ## a convolutional autoencoder with batch normalization learns (its loss
%! ## falls from 0.044 to 0.0037 in 30 epochs; 0.0058 without the layers),
%! ## and training resumes from a checkpoint bit for bit
%! enc = [convolution2dLayer(3, 8, "Stride", 2, "Padding", "same"), batchNormalizationLayer, ...
%!        reluLayer, convolution2dLayer(3, 8, "Stride", 2, "Padding", "same"), ...
%!        batchNormalizationLayer, reluLayer];
%! args = {"Encoder", enc, "LatentDim", 4, "BatchSize", 16, "Loss", "mse", "LearnRate", 3e-3, ...
%!         "Verbose", false};
%! whole = ae_train (X, args{:}, "Epochs", 30);
%! assert (whole.history.loss(end) < 0.15 * whole.history.loss(1));
%! first = ae_train (X, args{:}, "Epochs", 20);
%! file = [tempname() '.model'];
%! unwind_protect
%!   ae_save_model (file, first);
%!   resumed = ae_train (X, args{:}, "Epochs", 30, "Resume", file);
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect
%! assert (resumed.encoder(2).mean, whole.encoder(2).mean);
%! assert (resumed.encoder(5).variance, whole.encoder(5).variance);
%! assert (resumed.decoder(end-1).W, whole.decoder(end-1).W);
%! assert (whole.format_version, 3);

%!error <encoder layer 2 \(batchnorm\): variance has 3 values, the layer needs 4>
%! enc = [convolution2dLayer(3, 4, "Padding", "same"), batchNormalizationLayer];
%! m = ae_train (X, "Encoder", enc, "LatentDim", 2, "Epochs", 0, "Verbose", false);
%! m.encoder(2).variance = ones (3, 1, "single");
%! ae_encode (m, X);
%!error <batch normalization.s mean decay must be finite and in \[0, 1\], got 2>
%! m = ae_train (X, "Encoder", [flattenLayer, fullyConnectedLayer(4), batchNormalizationLayer],
%!               "LatentDim", 2, "Epochs", 0, "Verbose", false);
%! m.encoder(3).mean_decay = 2;
%! ae_encode (m, X);

%!test
%! ## dropout: training draws from the seeded stream (the same seed, the same
%! ## model), predictions pass the values through (the same code twice), and
%! ## a model with dropout still learns the toy images
%! enc = [flattenLayer, fullyConnectedLayer(32), reluLayer, dropoutLayer(0.2)];
%! args = {"Encoder", enc, "LatentDim", 4, "BatchSize", 16, "Loss", "mse", "LearnRate", 3e-3, ...
%!         "Epochs", 30, "Verbose", false};
%! m = ae_train (X, args{:});
%! again = ae_train (X, args{:});
%! assert (again.encoder(2).W, m.encoder(2).W);
%! assert (ae_encode (m, X(:, :, :, 1:4)), ae_encode (m, X(:, :, :, 1:4)));
%! assert (m.history.loss(end) < 0.5 * m.history.loss(1));
%! other = ae_train (X, args{:}, "Seed", 7);
%! assert (! isequal (other.encoder(2).W, m.encoder(2).W));
%! assert (! isempty (strfind (ae_summary (m), "dropout (probability 0.2)")));
