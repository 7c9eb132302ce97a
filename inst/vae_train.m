## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} vae_train (@var{X})
## @deftypefnx {} {@var{model} =} vae_train (@var{X}, @var{name}, @var{value}, @dots{})
## Train a variational autoencoder on the data @var{X}.
##
## @var{X} is N-by-D (rows are observations), or H-by-W-by-N or
## H-by-W-by-C-by-N images.  Double, single, logical and uint8 data are
## accepted; uint8 is scaled to [0, 1].  An @code{imageDatastore} of PNG and
## JPEG files is read a mini-batch at a time instead (for folders larger than
## memory), at the size of the encoder's @code{imageInputLayer} (without one,
## the files' own size, which they must share); an
## @code{augmentedImageDatastore} reads them at its @code{OutputSize}.
##
## The encoder maps a sample through dense layers of widths @qcode{"HiddenSizes"}
## to the mean @math{mu} and log-variance of a Gaussian
## @math{q(z|x) = N(mu, diag(exp(logvar)))} over a code of
## @qcode{"LatentDim"} values; a code @math{z = mu + exp(logvar/2) .* eps},
## @math{eps ~ N(0, I)}, is drawn (the reparameterization trick) and the decoder,
## which mirrors the encoder, maps it back.  Training minimises, per sample, the
## negative ELBO
## @example
## loss = reconstruction + beta * KL(q(z|x) || N(0, I))
## @end example
## where the reconstruction term is summed over the D values of a sample
## (binary cross-entropy, squared error or absolute error) and the KL divergence
## has its closed form.  Losses are reported as means per sample.
##
## Options (names are case-insensitive):
## @table @asis
## @item @qcode{"LatentDim"} (2)
## Size of the code (1 for data of fewer than 4 values per sample).
## @item @qcode{"HiddenSizes"} (512)
## Widths of the encoder's hidden layers; the decoder uses them in reverse.
## @item @qcode{"Encoder"} ([])
## The encoder as an array of layers instead (@code{convolution2dLayer},
## @code{maxPooling2dLayer}, @code{fullyConnectedLayer}, @code{reluLayer},
## @dots{}), from an image to its features; the package adds the dense layer
## to the mean and log-variance and the sampling.  @qcode{"HiddenSizes"},
## @qcode{"Activation"} and @qcode{"LeakyReluScale"} do not apply then.
## @item @qcode{"Decoder"} ([])
## The decoder as an array of layers, from the code to an output of the
## images' size (e.g. @code{projectAndReshapeLayer},
## @code{transposedConv2dLayer}); when it ends with an activation layer, that
## is the output activation.  Without it the encoder is mirrored: each
## convolution becomes a transposed convolution back to its input's size,
## each pooling layer a nearest-neighbour @code{resize2dLayer}.  A layer that
## cannot take its input is an @qcode{"autoencoder:invalidLayers"} error
## naming it and the sizes; @code{ae_summary} lists the model's layers.
## @item @qcode{"Activation"} (@qcode{"relu"})
## Hidden activation: @qcode{"relu"}, @qcode{"leakyrelu"}, @qcode{"sigmoid"},
## @qcode{"tanh"}, @qcode{"softplus"} or @qcode{"identity"}.
## @item @qcode{"LeakyReluScale"} (0.01)
## Negative-side slope of @qcode{"leakyrelu"}.
## @item @qcode{"Loss"} (@qcode{"bce"})
## Reconstruction loss: @qcode{"bce"} (binary cross-entropy, for data in [0, 1],
## computed from the decoder's logits so it stays finite), @qcode{"mse"} or
## @qcode{"l1"}.
## @item @qcode{"OutputActivation"}
## The decoder's last activation: @qcode{"sigmoid"} for @qcode{"bce"} or data in
## [0, 1], otherwise @qcode{"identity"}.
## @item @qcode{"Epochs"} (30)
## Passes over the data: a finite count, or @code{Inf} with
## @qcode{"ValidationPatience"} to train until early stopping ends it.
## @item @qcode{"BatchSize"} (128)
## Samples per optimizer step; the data are reshuffled every epoch.
## @item @qcode{"Optimizer"} (@qcode{"adam"})
## @qcode{"adam"} (beta1 0.9, beta2 0.999, epsilon 1e-8) or @qcode{"sgd"}
## (with @qcode{"Momentum"}, default 0.9).
## @item @qcode{"LearnRate"} (1e-3)
## Step size.
## @item @qcode{"Beta"} (1)
## Weight of the KL term (a beta-VAE for values other than 1).
## @item @qcode{"KLWarmupEpochs"} (0)
## Ramp the KL weight linearly from Beta/n in the first epoch to Beta in epoch
## n, a remedy against posterior collapse (the @qcode{"linear"} schedule).
## @item @qcode{"KLSchedule"} (@qcode{"linear"}), @qcode{"KLCycles"} (4), @qcode{"KLRampRatio"} (0.5)
## @qcode{"cyclical"}: the cyclical annealing of Fu et al. (2019).  The run's
## Epochs are cut into KLCycles cycles; in each the KL weight rises linearly
## from 0 to Beta over the first KLRampRatio of the cycle, batch by batch, and
## stays at Beta for the rest.  The history's @code{beta} is each epoch's mean
## weight.  The cycles span the Epochs of the call: resuming with more Epochs
## stretches them.
## @item @qcode{"FreeBits"} (0)
## Free bits (Kingma et al. 2016): a floor of lambda nats on each latent
## unit's KL, the mini-batch's mean.  The KL term becomes sum_j max (lambda,
## KL_j): a unit below the floor feels no pull towards the prior, so units are
## not driven to collapse.  The reported KL (and loss) stay the true ones.
## @item @qcode{"Labels"} ([])
## Train a conditional VAE (Sohn et al. 2015): a vector of N labels (numbers,
## logicals or a cell array of strings), one per sample.  Their sorted
## distinct values are the model's @code{classes}; each sample's one-hot
## label is appended to its input (as channels of an image, constant over
## its rows and columns, or as values after an N-by-D sample's) and to its
## code before the decoder.  Generate samples of a class with
## @code{vae_sample (model, n, "Labels", c)}; @code{vae_encode},
## @code{vae_decode}, @code{vae_reconstruct} and @code{vae_loss} take each
## sample's label the same way.  @qcode{"ValidationData"} is then a cell
## @code{@{Xval, labels_val@}}.
## @item @qcode{"WeightDecay"} (0)
## L2 decay lambda/2 * sum w^2 over every layer's weights, dense and convolution
## filters alike (not the biases).
## @item @qcode{"ValidationData"} ([])
## Held-out data in the format of @var{X}; its loss is reported every epoch,
## with the same noise each epoch so epochs compare.
## @item @qcode{"Seed"} (42)
## Seed of the run's random generator (initial weights, shuffling, noise).  The
## same data, options, seed and thread count give the same model, bit for bit.
## @item @qcode{"Threads"} (all cores)
## Threads that share each batch's work, at most the cores Octave may run on
## (@code{nproc}): more is cut to that, with the warning
## @code{autoencoder:threadsCapped}, since threads beyond the cores only wait
## for each other.  Each layer splits its work over the threads (the batch's
## samples; a dense layer's weight gradient by rows, batch normalization by
## channels; the loss and the optimizer step too), and each thread runs
## single-threaded products (OpenBLAS is set to one thread meanwhile, and
## back afterwards).  The sums of a batch's gradients
## are then taken in another order for another thread count, so results can
## differ in the last bits between thread counts, never between runs.
## @item @qcode{"Verbose"} (true)
## Print one line per epoch: loss, reconstruction, KL, validation loss, seconds.
## An epoch that takes more than a few seconds also shows a progress line
## (samples done, samples per second, time left), redrawn in place four
## times a second and erased when the epoch's line is printed.
## @item @qcode{"Plots"} (@qcode{"none"})
## @qcode{"training-progress"} draws a figure of the training and validation
## loss and the KL term per epoch, redrawn after every epoch.  Without a
## display, or where figures are invisible (a Jupyter notebook's Octave
## kernel shows them inline after the cell), the figure is drawn once when
## training ends.
## @item @qcode{"ValidationPatience"} (Inf)
## Stop early when the validation loss has not improved for this many epochs
## (needs @qcode{"ValidationData"}).
## @item @qcode{"OutputNetwork"} (@qcode{"last-iteration"})
## @qcode{"best-validation"} returns the weights of the epoch with the lowest
## validation loss (its number in @code{best_epoch}) instead of the last.
## @item @qcode{"CheckpointFile"} (@qcode{""})
## Save the model, with its training state, to this file (with
## @code{ae_save_model}) every @qcode{"CheckpointEvery"} (1) epochs, at the
## end, and when training is interrupted or diverges.  The file is written
## under a temporary name and then renamed, so a crash mid-write leaves the
## previous checkpoint whole; a failed write is a warning, not the end of the
## training.  @code{ae_load_model} reads it.
## @item @qcode{"Resume"} ([])
## A model returned by @code{vae_train} or the name of a checkpoint file:
## training continues where it stopped, up to @qcode{"Epochs"} epochs in all,
## with the model's options (only @qcode{"Epochs"}, @qcode{"Verbose"},
## @qcode{"ValidationData"}, @qcode{"Threads"}, the checkpoint and early
## stopping options may change).  With the same data, 2 epochs resumed to 4
## give the model 4 epochs in one run give, bit for bit.  A run interrupted in
## the middle of an epoch keeps that epoch's steps and resumes with the next
## epoch, so it then differs from an uninterrupted run.
## @end table
##
## The result is a struct: @code{kind} ("vae"), @code{format_version},
## @code{input_size} (the size of one sample), @code{latent_dim},
## @code{encoder} and @code{decoder} (struct arrays of layers with fields
## @code{type}, @code{W}, @code{b}, @code{scale}; a dense layer computes
## @code{W*x + b}), @code{options} and @code{history} (per-epoch columns
## @code{epoch}, @code{beta}, @code{loss}, @code{reconstruction}, @code{kl},
## @code{val_loss}, @code{val_reconstruction}, @code{val_kl}, @code{seconds},
## and @code{kl_per_unit}, one row per epoch of each latent unit's training KL),
## a conditional VAE's @code{classes} (a column) and @code{train_state} (the optimizer's moments, the random generator's
## counters and the epoch, for resuming; remove it to save space).
## @code{save} and @code{load} keep a model exactly.
##
## Pressing Ctrl-C stops training after the current mini-batch and returns the
## model trained so far with the warning @code{autoencoder:interrupted} (and
## saves it to the checkpoint file, if any).  A loss or gradient that becomes
## NaN or Inf stops training with the warning @code{autoencoder:diverged},
## naming the epoch and batch, and returns the last finite model; a training
## loss that doubles from one epoch to the next is reported with the warning
## @code{autoencoder:lossExploding}.
##
## @example
## [X, y] = ae_dataset ("mnist");
## model = vae_train (X, "LatentDim", 2, "Epochs", 30);
## [~, mu] = vae_encode (model, X);
## scatter (mu(:,1), mu(:,2), 4, y);
## @end example
##
## @seealso{convolution2dLayer, ae_summary, vae_encode, vae_decode, vae_sample, vae_reconstruct, vae_loss, ae_train}
## @end deftypefn

function model = vae_train (X, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  model = __ae_fit__ ("vae_train", "vae", X, varargin);
endfunction

%!test
%! ## a sequence VAE (Bowman et al. 2016's form): a BiLSTM's last states to the
%! ## code, decoded by an LSTM over the steps; samples have the steps asked for
%! X = cell (1, 32);
%! for k = 1:32
%!   t = 0:(4 + mod (k, 5));
%!   X{k} = 0.5 + 0.4 * [sin(0.5 * t + k); cos(0.3 * t + k)];
%! endfor
%! m = vae_train (X, "Encoder", [sequenceInputLayer(2), bilstmLayer(8, "OutputMode", "last")],
%!                "LatentDim", 2, "Epochs", 8, "BatchSize", 8, "LearnRate", 1e-2,
%!                "Verbose", false, "FreeBits", 0.1);
%! assert ({m.encoder.type}, {"bilstm", "dense", "gaussian"});
%! assert ({m.decoder.type}, {"repeat", "bilstm", "dense", "sigmoid"});
%! assert (m.history.loss(end) < m.history.loss(1));
%! [S, Z] = vae_sample (m, 3, "Steps", 7, "Seed", 1);
%! assert (size (S), [3 1]);
%! assert (size (S{2}), [2 7]);
%! assert (vae_decode (m, Z, "Steps", 7), S, 1e-6);
%! [~, mu] = vae_encode (m, X);
%! assert (size (mu), [32 2]);
%! assert (size (vae_reconstruct (m, X(1:2)){2}), size (X{2}));
%!error <a gaussian layer takes whole samples>
%! vae_train ({rand(2, 4)}, "Encoder", [sequenceInputLayer(2), lstmLayer(3)], "Epochs", 0)
%!error <models over sequences are not supported here yet>
%! vae_loglik (vae_train ({rand(2, 4)}, "HiddenSizes", 3, "LatentDim", 1, "Epochs", 0, "Verbose", false), {rand(2, 4)})

%!demo
%! ## A VAE with a 2-D code of 1,000 points on a noisy circle in 8 dimensions:
%! ## the codes' means, coloured by the points' angle, go round the plane.
%! rand ("seed", 1); randn ("seed", 1);
%! angle = 2 * pi * rand (1000, 1);
%! X = 0.5 + 0.4 * [cos(angle), sin(angle)] * orth (randn (8, 2))' + 0.01 * randn (1000, 8);
%! X = min (max (X, 0), 1);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 32, "Epochs", 100, "Beta", 0.05, ...
%!                    "Verbose", false, "Seed", 1);
%! [~, mu] = vae_encode (model, X);
%! scatter (mu(:, 1), mu(:, 2), 12, angle, "filled");
%! axis equal;
%! title (sprintf ("codes of a circle (final loss %.3f)", model.history.loss(end)));

%!shared X
%! ## 300 samples on a 2-D manifold in [0, 1]^16
%! rand ("seed", 1); randn ("seed", 1);
%! X = 1 ./ (1 + exp (-randn (300, 2) * (4 * rand (2, 16) - 2)));

%!test
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 32, "Epochs", 30,
%!                    "BatchSize", 32, "LearnRate", 1e-2, "Verbose", false);
%! assert (model.kind, "vae");
%! assert (model.latent_dim, 2);
%! assert (model.input_size, 16);
%! assert ({model.encoder.type}, {"dense", "relu", "dense", "gaussian"});
%! assert ({model.decoder.type}, {"dense", "relu", "dense", "sigmoid"});
%! assert (size (model.encoder(3).W), [4 32]);
%! assert (class (model.encoder(1).W), "single");
%! assert (numel (model.history.loss), 30);
%! ## the loss falls from 11.19 nats per sample (epoch 1) to 10.11 (epoch 30);
%! ## the entropy of the soft targets, its floor, is 8.0
%! assert (model.history.loss(1) > 11.0);
%! assert (model.history.loss(end) < 10.5);
%! assert (model.history.loss, model.history.reconstruction + model.history.kl, 1e-9);
%! assert (all (isnan (model.history.val_loss)));

%!test
%! ## same seed, same model; another seed, another model
%! a = vae_train (X, "HiddenSizes", 8, "Epochs", 2, "Verbose", false, "Seed", 3);
%! b = vae_train (X, "HiddenSizes", 8, "Epochs", 2, "Verbose", false, "Seed", 3);
%! c = vae_train (X, "HiddenSizes", 8, "Epochs", 2, "Verbose", false, "Seed", 4);
%! assert (isequal (a.encoder, b.encoder) && isequal (a.decoder, b.decoder));
%! assert (! isequal (a.encoder(1).W, c.encoder(1).W));

%!test
%! ## KL warm-up ramps beta; validation data are scored every epoch
%! m = vae_train (X, "HiddenSizes", 8, "Epochs", 4, "KLWarmupEpochs", 4, "Beta", 2,
%!                "ValidationData", X(1:50,:), "Verbose", false);
%! assert (m.history.beta, [0.5; 1; 1.5; 2], 1e-6);
%! assert (all (isfinite (m.history.val_loss)));

%!test
%! ## images in, images out; zero epochs leave the initial model
%! imgs = reshape (X(1:40,:).', 4, 4, 40);
%! m = vae_train (imgs, "HiddenSizes", [], "Epochs", 0, "Verbose", false);
%! assert (m.input_size, [4 4]);
%! assert (size (vae_reconstruct (m, imgs)), [4 4 40]);

%!test
%! ## the progress line
%! out = evalc ('vae_train (X, "HiddenSizes", 8, "Epochs", 1, "ValidationData", X);');
%! assert (! isempty (regexp (out, '^epoch 1/1  loss [\d.]+  \(recon [\d.]+  KL [\d.]+\)  val [\d.]+  [\d.]+ s', "once")));

%!test
%! ## a learning rate that explodes is reported, and the model stays finite
%! lastwarn ("");
%! out = evalc ('m = vae_train (X, "Optimizer", "sgd", "LearnRate", 1e6, "Epochs", 5, "Verbose", false);');
%! [msg, id] = lastwarn ();
%! assert (! isempty (strfind (msg, "the loss became")));
%! assert (id, "autoencoder:diverged");
%! assert (all (isfinite (m.encoder(1).W(:))));

%!test
%! ## 2 epochs resumed to 4 give the 4-epoch model bit for bit, from the model
%! ## or from its checkpoint file
%! opts = {"HiddenSizes", 8, "BatchSize", 64, "Verbose", false, "KLWarmupEpochs", 3};
%! four = vae_train (X, opts{:}, "Epochs", 4);
%! file = [tempname() '.ckpt'];
%! unwind_protect
%!   two = vae_train (X, opts{:}, "Epochs", 2, "CheckpointFile", file);
%!   again = vae_train (X, "Resume", two, "Epochs", 4, "Verbose", false);
%!   assert (isequal (again.encoder, four.encoder) && isequal (again.decoder, four.decoder));
%!   assert (isequal (again.train_state, four.train_state));
%!   assert (again.history.loss, four.history.loss);
%!   assert (again.history.beta, four.history.beta);
%!   from_file = vae_train (X, "Resume", file, "Epochs", 4, "Verbose", false);
%!   assert (isequal (from_file.decoder, four.decoder));
%!   ## the checkpoint was written whole, and no temporary file is left
%!   assert (isempty (glob ([file ".partial-*"])));
%!   fail ('vae_train (X, "Resume", two, "LearnRate", 0.1)', "LearnRate cannot change");
%!   fail ('vae_train (X(:, 1:8), "Resume", two)', "the model expects 16");
%!   fail ('ae_train (X, "Resume", two)', "MODEL is of kind \"vae\"");
%!   fail ('vae_train (X, "Resume", [file ".missing"])', "cannot open");
%!   fid = fopen (file, "w"); fputs (fid, "not a checkpoint"); fclose (fid);
%!   fail ('vae_train (X, "Resume", file)', "not a checkpoint of this package");
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect

%!test
%! ## a checkpoint that cannot be written is a warning, and training goes on
%! lastwarn ("");
%! out = evalc ('m = vae_train (X, "HiddenSizes", 8, "Epochs", 2, "Verbose", false, "CheckpointFile", "/nonexistent/dir/ckpt");');
%! [msg, id] = lastwarn ();
%! assert (id, "autoencoder:checkpointFailed");
%! assert (numel (m.history.loss), 2);

%!test
%! ## early stopping on the validation loss, keeping the best weights
%! rand ("seed", 3);
%! noise = rand (size (X));   # validation data unlike the training data
%! m = vae_train (X, "HiddenSizes", 32, "Epochs", 40, "LearnRate", 1e-2,
%!                "ValidationData", noise, "ValidationPatience", 3,
%!                "OutputNetwork", "best-validation", "Verbose", false);
%! n = numel (m.history.val_loss);
%! assert (n < 40);
%! [best, at] = min (m.history.val_loss);
%! assert (m.best_epoch, at);
%! assert (n, at + 3);
%! ## the returned weights are those of that epoch: they score its validation loss
%! ## (validation noise comes from the run's seed, as vae_loss's "Seed" does)
%! assert (vae_loss (m, noise, "Seed", m.options.Seed), best, 1e-9 * best);

%!test
%! ## a conditional VAE: 8x8 images whose class (0-3) puts a bright stripe in
%! ## columns 2c+1 and 2c+2; samples drawn for class c have the stripe there
%! ## (column means 0.9, against 0.1 elsewhere, measured), dense and convolutional
%! rand ("seed", 2);
%! n = 400; y = mod ((1:n)', 4);
%! imgs = rand (8, 8, n) * 0.2;
%! for i = 1:n
%!   imgs(:, 2*y(i)+1:2*y(i)+2, i) = 0.9;
%! endfor
%! opts = {"Labels", y, "Epochs", 30, "LearnRate", 1e-2, "BatchSize", 32, "Verbose", false};
%! dense = vae_train (imgs, opts{:}, "HiddenSizes", 32);
%! conv = vae_train (imgs, opts{:}, "Encoder", [convolution2dLayer(3, 8, "Padding", "same"), ...
%!                   reluLayer, maxPooling2dLayer(2, "Stride", 2)]);
%! assert (dense.classes, (0:3)');
%! assert ({dense.encoder(1:3).type}, {"reshape", "condition", "dense"});
%! assert (size (dense.encoder(3).W), [32 68]);        # 64 pixels and 4 classes
%! assert ({conv.encoder(1:2).type}, {"condition", "conv"});
%! assert (size (conv.encoder(2).W), [3 3 5 8]);       # a channel and 4 classes
%! assert ({dense.decoder(1:2).type}, {"condition", "dense"});
%! assert (size (dense.decoder(2).W, 2), 2 + 4);       # the code and the classes
%! for model = {dense, conv}
%!   for c = 0:3
%!     S = vae_sample (model{1}, 100, "Labels", c, "Seed", c);
%!     column_means = squeeze (mean (mean (S, 1), 3));
%!     stripe = 2*c + (1:2);
%!     assert (all (column_means(stripe) > 0.8));
%!     assert (all (column_means(setdiff (1:8, stripe)) < 0.2));
%!   endfor
%! endfor
%! ## each sample's label: one per sample, or one for all
%! [~, mu] = vae_encode (dense, imgs, "Labels", y);
%! assert (vae_decode (dense, mu, "Labels", y), vae_reconstruct (dense, imgs, "Labels", y), 1e-6);
%! assert (vae_sample (dense, 4, "Labels", [2 2 2 2], "Seed", 5),
%!         vae_sample (dense, 4, "Labels", 2, "Seed", 5));
%! [loss, recon, kl] = vae_loss (dense, imgs, "Labels", y, "Seed", "mean");
%! assert (recon < dense.history.reconstruction(1));
%! fail ('vae_sample (dense, 3)', "conditional VAE: give each sample's label");
%! fail ('vae_sample (dense, 3, "Labels", 4)', "the label 4, which is not one of the model's 4 classes");
%! fail ('vae_decode (dense, mu, "Labels", y(1:5))', "vector of 400");
%! fail ('vae_reconstruct (dense, imgs, "Labels", y, "Seed", 1)', "Invalid call");
%! fail ('vae_decode (dense, mu, "Seed", 1)', "conditional VAE: give each sample's label");
%! fail ('vae_train (imgs, "Resume", dense, "Epochs", 31)', "trained on Labels; resume it with them");
%! fail ('vae_train (imgs, opts{:}, "ValidationData", imgs)', "ValidationData must be a cell");
%! fail ('vae_train (imgs, "Labels", ones (n, 1))', "one class");
%! fail ('vae_sample (dense, 1e12, "Labels", 1)', "one-hot labels of 1000000000000 samples");
%! fail ('vae_train (rand (1e5, 2), "Labels", 1:1e5)', "one-hot labels of 100000 samples in 100000 classes");
%! fail ('vae_traverse (dense, mu(1,:))', "does not take conditional VAEs");
%! fail ('vae_active_units (dense, imgs)', "does not take conditional VAEs");

%!test
%! ## labels as strings; resuming a conditional VAE matches one run; validation labels
%! labels = {"even", "odd"}(1 + mod ((1:300)', 2));
%! opts = {"HiddenSizes", 8, "BatchSize", 64, "Verbose", false, "Labels", labels, ...
%!         "ValidationData", {X(1:40,:), labels(1:40)}};
%! four = vae_train (X, opts{:}, "Epochs", 4);
%! two = vae_train (X, opts{:}, "Epochs", 2);
%! again = vae_train (X, "Resume", two, "Labels", labels, "Epochs", 4, "Verbose", false,
%!                    "ValidationData", {X(1:40,:), labels(1:40)});
%! assert (four.classes, {"even"; "odd"});
%! assert (isequal (again.decoder, four.decoder));
%! assert (again.history.val_loss, four.history.val_loss);
%! assert (all (isfinite (four.history.val_loss)));
%! assert (size (vae_sample (four, 3, "Labels", "odd")), [3 16]);
%! fail ('vae_sample (four, 3, "Labels", 1)', "classes are strings");
%! fail ('vae_train (X, "Resume", vae_train (X, "Epochs", 1, "HiddenSizes", 8, "Verbose", false), "Labels", labels)', "trained without Labels");

%!error <Invalid call> vae_train ()
%!error <X\{1\} must be a real, full C-by-T matrix> vae_train ({"ab"})
%!error <complex> vae_train (X + 1i)
%!error <sparse> vae_train (sparse (X))
%!error <empty> vae_train (zeros (0, 5))
%!error <NaN or Inf> vae_train ([X; NaN(1, 16)])
%!error <Inf> vae_train ([X; Inf(1, 16)])
%!error <unknown option "Epocs"; the options are Activation, BatchSize, > vae_train (X, "Epocs", 3)
%!error <name/value pairs> vae_train (X, "Epochs")
%!error <Epochs must be in> vae_train (X, "Epochs", -1)
%!error <integer> vae_train (X, "Epochs", 1.5)
%!error <BatchSize must be in> vae_train (X, "BatchSize", 0)
%!error <LatentDim must be in \[1, 16\]> vae_train (X, "LatentDim", 17)
%!error <LearnRate must be . 0> vae_train (X, "LearnRate", 0)
%!error <Loss must be one of> vae_train (X, "Loss", "hinge")
%!error <needs data in \[0, 1\]> vae_train (X * 2)
%!error <Optimizer must be one of> vae_train (X, "Optimizer", "rmsprop")
%!error <Beta must be .= 0> vae_train (X, "Beta", -1)
%!error <HiddenSizes> vae_train (X, "HiddenSizes", [10 -1])
%!error <ValidationData has 3 values per sample> vae_train (X, "ValidationData", ones (2, 3))
%!error <Verbose> vae_train (X, "Verbose", "yes")
%!error <Plots> vae_train (X, "Plots", "loss")

%!test
%! ## the cyclical KL schedule (Fu et al.): 8 epochs in 2 cycles, each rising
%! ## over its first half batch by batch; each epoch's beta is the mean of
%! ## its batches' (exactly as computed here for 300 samples in batches of 50)
%! m = vae_train (X, "HiddenSizes", 8, "Epochs", 8, "BatchSize", 50, "Verbose", false,
%!                "KLSchedule", "cyclical", "KLCycles", 2, "KLRampRatio", 0.5, "Beta", 2);
%! expected = zeros (8, 1);
%! for e = 1:8
%!   progress = (e - 1 + (0:50:250) / 300) / 8;
%!   expected(e) = mean (2 * min (1, mod (progress * 2, 1) / 0.5));
%! endfor
%! assert (m.history.beta, expected, 1e-6);
%! assert (m.history.beta([3 4 7 8]), 2 * ones (4, 1));
%! flat = [3 4 7 8];   # epochs at the full weight: the loss is the ELBO's
%! assert (m.history.loss(flat), m.history.reconstruction(flat) + 2 * m.history.kl(flat), 1e-4);
%! ## the KL of each latent unit, per epoch, sums to the KL
%! assert (size (m.history.kl_per_unit), [8 m.latent_dim]);
%! assert (sum (m.history.kl_per_unit, 2), m.history.kl, 1e-9);

%!test
%! ## free bits against posterior collapse: a KL weight of 8 collapses every
%! ## unit of a 4-unit VAE on data with 2 degrees of freedom (no active
%! ## unit, KL near 0); a floor of 0.5 nats keeps each unit's KL near it and
%! ## every unit active, and the reconstruction is better for it
%! rand ("seed", 71); randn ("seed", 71);
%! Y = 1 ./ (1 + exp (-randn (600, 2) * (3 * randn (2, 12))));
%! o = {"LatentDim", 4, "HiddenSizes", 32, "Epochs", 40, "BatchSize", 50, "LearnRate", 3e-3, ...
%!      "Beta", 8, "Verbose", false};
%! collapsed = vae_train (Y, o{:});
%! floored = vae_train (Y, o{:}, "FreeBits", 0.5);
%! assert (vae_active_units (collapsed, Y), 0);
%! assert (all (collapsed.history.kl_per_unit(end, :) < 1e-3));
%! assert (vae_active_units (floored, Y), 4);
%! assert (all (floored.history.kl_per_unit(end, :) > 0.3));
%! assert (floored.history.reconstruction(end) < 0.8 * collapsed.history.reconstruction(end));
%! ## the reported loss is the true ELBO's
%! assert (floored.history.loss, floored.history.reconstruction + 8 * floored.history.kl, 1e-4);

%!error <KLSchedule must be one of> vae_train (X, "KLSchedule", "sigmoid")
%!error <cyclical KL schedule spreads its cycles over a finite number of Epochs>
%! vae_train (X, "KLSchedule", "cyclical", "Epochs", Inf, "ValidationData", X, "ValidationPatience", 2)
%!error <KLRampRatio must be . 0 and .= 1> vae_train (X, "KLRampRatio", 0)
%!error <FreeBits must be> vae_train (X, "FreeBits", -1)

%!test
%! ## without a display the training-progress figure is drawn once, at the
%! ## end, invisible: every epoch's training and validation loss and KL
%! if (! isempty (getenv ("DISPLAY")))
%!   return;   # a session with a screen draws it live
%! endif
%! warning ("off", "Octave:gnuplot-graphics", "local");
%! before = findall (0, "type", "figure");
%! unwind_protect
%!   m = vae_train (X, "HiddenSizes", 8, "Epochs", 3, "Verbose", false,
%!                  "ValidationData", X(1:40,:), "Plots", "training-progress");
%!   fig = setdiff (findall (0, "type", "figure"), before);
%!   assert (numel (fig), 1);
%!   assert (get (fig, "visible"), "off");
%!   assert (get (fig, "name"), "vae_train: training progress");
%!   lines = findall (fig, "type", "line");
%!   data = get (lines, "ydata");
%!   expected = {m.history.loss, m.history.val_loss, m.history.kl, m.history.val_kl};
%!   for k = 1:4
%!     assert (any (cellfun (@(d) isequal (d(:), expected{k}), data)));
%!   endfor
%! unwind_protect_cleanup
%!   close (setdiff (findall (0, "type", "figure"), before));
%! end_unwind_protect
%!error <OutputActivation "sigmoid"> vae_train (X, "OutputActivation", "identity")
%!error <need ValidationData> vae_train (X, "ValidationPatience", 3)
%!error <ValidationPatience must be in> vae_train (X, "ValidationPatience", 0)
%!error <OutputNetwork must be one of> vae_train (X, "OutputNetwork", "best")
%!error <CheckpointFile must be a file name> vae_train (X, "CheckpointFile", 3)
%!error <Resume must be a model> vae_train (X, "Resume", 3)
%!error id=autoencoder:outOfRange vae_train (X, "Epochs", -1)
%!error id=autoencoder:invalidOption vae_train (X, "Epocs", 3)
