## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} ae_classifier_train (@var{X}, @var{labels})
## @deftypefnx {} {@var{model} =} ae_classifier_train (@var{X}, @var{labels}, @var{name}, @var{value}, @dots{})
## Train a classifier (dense layers, softmax output, cross-entropy loss) on
## the data @var{X} (N-by-D or images, as for @code{ae_train}) with the N
## @var{labels} (numbers).  Its last hidden layer gives the features that
## @code{ae_fid} and @code{ae_precision_recall} compare; @code{ae_encode}
## returns them, and @code{ae_classify} the predicted labels.
##
## The model (kind "classifier") has the usual fields, with @code{encoder} the
## hidden layers (their output, the features, has @code{latent_dim} values),
## @code{decoder} the dense layer to the class scores, and @code{classes} the
## sorted distinct labels.
##
## Options: @qcode{"HiddenSizes"} ([512 128]), @qcode{"Activation"}
## (@qcode{"relu"}), or instead @qcode{"Layers"}, a layer array
## (@code{convolution2dLayer}, @code{maxPooling2dLayer}, @dots{}) whose
## output gives the features; @qcode{"Epochs"} (20), @qcode{"BatchSize"} (128),
## @qcode{"LearnRate"} (1e-3), @qcode{"Optimizer"} (@qcode{"adam"}),
## @qcode{"LearnRateSchedule"} (@qcode{"none"}, or @qcode{"piecewise"} as
## MATLAB's @code{trainingOptions}: the rate is multiplied by
## @qcode{"LearnRateDropFactor"} (0.1) every @qcode{"LearnRateDropPeriod"}
## (10) epochs),
## @qcode{"Seed"} (42), @qcode{"Threads"}, @qcode{"Verbose"} (true),
## @qcode{"Plots"} (@qcode{"none"}, or @qcode{"training-progress"} as in
## @code{vae_train}) and
## @qcode{"ValidationData"}, a cell @code{@{Xval, labels_val@}}.
##
## @seealso{ae_classify, ae_feature_extractor, ae_fid}
## @end deftypefn

function model = ae_classifier_train (X, labels, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  [Xt, sample_size] = __ae_check_data__ ("ae_classifier_train", X, "X", [], "single", true);
  release = onCleanup (@() __autoencoder__ ("release", Xt));
  n = __ae_n_samples__ (Xt);
  n_values = prod (sample_size);
  check_labels (labels, n, "LABELS");
  classes = unique (labels(:));
  if (numel (classes) < 2)
    error ("autoencoder:invalidData", "ae_classifier_train: LABELS need at least 2 classes");
  endif
  p = inputParser ();
  p.addParameter ("HiddenSizes", [512 128]);
  p.addParameter ("Activation", "relu");
  p.addParameter ("Epochs", 20);
  p.addParameter ("BatchSize", 128);
  p.addParameter ("LearnRate", 1e-3);
  p.addParameter ("Optimizer", "adam");
  p.addParameter ("Seed", 42);
  p.addParameter ("Threads", nproc ());
  p.addParameter ("Verbose", true);
  p.addParameter ("Plots", "none");
  p.addParameter ("ValidationData", {});
  p.addParameter ("Layers", []);
  p.addParameter ("LearnRateSchedule", "none");
  p.addParameter ("LearnRateDropFactor", 0.1);
  p.addParameter ("LearnRateDropPeriod", 10);
  [opts, given] = __ae_parse__ ("ae_classifier_train", p, varargin);
  opts.LearnRateSchedule = __ae_check_option__ ("choice", "ae_classifier_train",
                                                "LearnRateSchedule", opts.LearnRateSchedule,
                                                {"none", "piecewise"});
  __ae_check_option__ ("real", "ae_classifier_train", "LearnRateDropFactor",
                       opts.LearnRateDropFactor, 0, 1, false);
  __ae_check_option__ ("integer", "ae_classifier_train", "LearnRateDropPeriod",
                       opts.LearnRateDropPeriod, 1, Inf);
  if (! isempty (opts.Layers) && any (ismember ({"HiddenSizes", "Activation"}, given)))
    error ("autoencoder:invalidOption",
           "ae_classifier_train: HiddenSizes and Activation describe the dense layers; with \"Layers\" the layers say it");
  endif
  ## the autoencoders' checks of the shared options
  shared = __ae_options__ ("ae_classifier_train", "ae", n_values, true,
                           {"HiddenSizes", opts.HiddenSizes, "Activation", opts.Activation, ...
                            "Epochs", opts.Epochs, "BatchSize", opts.BatchSize, ...
                            "LearnRate", opts.LearnRate, "Optimizer", opts.Optimizer, ...
                            "Seed", opts.Seed, "Threads", opts.Threads, "Verbose", opts.Verbose, ...
                            "Plots", opts.Plots, "LatentDim", 1});
  if (isempty (shared.HiddenSizes))
    error ("autoencoder:outOfRange", "ae_classifier_train: HiddenSizes needs at least one layer");
  endif
  Yt = one_hot (labels, classes);
  Xvalt = Yvalt = [];
  if (! isempty (opts.ValidationData))
    if (! iscell (opts.ValidationData) || numel (opts.ValidationData) != 2)
      error ("autoencoder:invalidOption",
             "ae_classifier_train: ValidationData must be a cell {Xval, labels_val}");
    endif
    Xvalt = __ae_check_data__ ("ae_classifier_train", opts.ValidationData{1}, "Xval", sample_size);
    check_labels (opts.ValidationData{2}, columns (Xvalt), "labels_val");
    Yvalt = one_hot (opts.ValidationData{2}, classes);
  endif

  if (isempty (opts.Layers))
    [encoder, n_features] = dense_layers (n_values, shared, numel (classes),
                                          min (shared.BatchSize, n));
    spatial = false;
  else
    image = [sample_size, ones(1, 3 - numel (sample_size))];
    if (isscalar (sample_size))
      image = [1, 1, sample_size];
    endif
    [encoder, out, sizes] = __ae_compile_layers__ ("ae_classifier_train", "feature layers",
                                                   opts.Layers, image);
    n_features = prod (out);
    n_params = sum (arrayfun (@(l) numel (l.W) + numel (l.b), encoder)) ...
               + (n_features + 1) * numel (classes);
    __ae_check_memory__ ("ae_classifier_train",
                         sprintf ("training this classifier (%.3g parameters)", n_params),
                         __ae_check_memory__ ("training", n_params,
                                              2 * sum (prod (sizes(:, 4:6), 2)),
                                              min (shared.BatchSize, n)));
    spatial = true;
  endif
  decoder = __ae_layer__ ("dense", n_features, numel (classes));
  model = struct ("kind", "classifier", "format_version", __ae_format_version__ (spatial),
                  "input_size", sample_size, "latent_dim", n_features,
                  "encoder", encoder, "decoder", decoder, "classes", classes);
  model = __autoencoder__ ("init", model, shared.Seed);
  core_opts = struct ("loss", "crossentropy", "reduction", "sum", "beta", 0,
                      "kl_warmup_epochs", 0, "optimizer", shared.Optimizer,
                      "learn_rate", shared.LearnRate, "momentum", shared.Momentum,
                      "batch_size", shared.BatchSize, "seed", shared.Seed,
                      "threads", shared.Threads);
  core_opts = __ae_progress_options__ (core_opts, shared);
  model.history = struct ("epoch", zeros (0, 1), "loss", zeros (0, 1),
                          "val_loss", zeros (0, 1), "seconds", zeros (0, 1));
  model.train_state = [];
  run = struct ("Epochs", shared.Epochs, "Verbose", shared.Verbose, "CheckpointFile", "",
                "CheckpointEvery", Inf, "ValidationPatience", Inf,
                "OutputNetwork", "last-iteration", "Plots", shared.Plots);
  ## the epoch's rate: the piecewise schedule drops it every DropPeriod epochs
  drops = @(epoch) merge (strcmp (opts.LearnRateSchedule, "piecewise"),
                          floor ((epoch - 1) / opts.LearnRateDropPeriod), 0);
  rate = @(m) shared.LearnRate * opts.LearnRateDropFactor ^ drops (numel (m.history.epoch) + 1);
  train_epoch = @(m) __autoencoder__ ("train_epoch", m, m.train_state, Xt, Xvalt,
                                      setfield (core_opts, "learn_rate", rate (m)), Yt, Yvalt);
  model = __ae_epoch_loop__ ("ae_classifier_train", model, train_epoch, run, @print_epoch);
  model = rmfield (model, "train_state");
  model.options = rmfield (opts, "ValidationData");
endfunction

function print_epoch (s, n_epochs)
  printf ("epoch %*d/%d  cross-entropy %.4f%s  %.2f s\n", numel (num2str (n_epochs)), s.epoch,
          n_epochs, s.loss, merge (isnan (s.val_loss), "", sprintf ("  val %.4f", s.val_loss)),
          s.seconds);
endfunction

## HiddenSizes dense layers, each followed by Activation, refused before
## their weights are made when they would not fit
function [encoder, n_features] = dense_layers (n_input, shared, n_classes, batch)
  widths = [n_input, shared.HiddenSizes];
  n_params = sum (widths .* [widths(2:end), n_classes]) + sum (widths(2:end)) + n_classes;
  __ae_check_memory__ ("ae_classifier_train",
                       sprintf ("training this classifier (%.3g parameters)", n_params),
                       __ae_check_memory__ ("training", n_params, 2 * sum (widths), batch));
  encoder = __ae_layer__ ("relu")([]);
  for k = 1:numel (shared.HiddenSizes)
    encoder = [encoder, __ae_layer__("dense", widths(k), widths(k+1)), ...
               __ae_layer__(shared.Activation, widths(k+1), widths(k+1), shared.LeakyReluScale)];
  endfor
  n_features = widths(end);
endfunction

function check_labels (labels, n, name)
  if (! (isnumeric (labels) || islogical (labels)) || ! isvector (labels)
      || numel (labels) != n || ! isreal (labels) || ! all (isfinite (labels)))
    error ("autoencoder:invalidData",
           "ae_classifier_train: %s must be %d finite real numbers, one per sample", name, n);
  endif
endfunction

function Yt = one_hot (labels, classes)
  [known, index] = ismember (labels(:), classes);
  if (! all (known))
    error ("autoencoder:invalidData",
           "ae_classifier_train: the validation labels hold classes the training labels lack");
  endif
  Yt = zeros (numel (classes), numel (labels), "single");
  Yt(sub2ind (size (Yt), index.', 1:numel (labels))) = 1;
endfunction

%!test
%! ## three Gaussian blobs in 5-D are told apart
%! randn ("seed", 100);
%! centres = 3 * randn (3, 5);
%! y = repmat ((1:3).', 100, 1);
%! X = centres(y, :) + randn (300, 5);
%! m = ae_classifier_train (X, y * 10, "HiddenSizes", 16, "Epochs", 30, "LearnRate", 1e-2, "Verbose", false,
%!                          "ValidationData", {X(1:60,:), 10 * y(1:60)});
%! assert (m.kind, "classifier");
%! assert (m.classes, [10; 20; 30]);
%! assert (m.history.loss(end) < 0.3 * m.history.loss(1));
%! assert (all (isfinite (m.history.val_loss)));
%! [pred, prob] = ae_classify (m, X);
%! assert (mean (pred == 10 * y) > 0.95);
%! assert (sum (prob, 2), ones (300, 1), 1e-6);
%! assert (size (ae_encode (m, X)), [300 16]);

%!test
%! ## the piecewise schedule: a drop factor of 1e-9 after 2 epochs all but
%! ## stops the weights, which go on without it
%! rand ("seed", 8);
%! X = rand (200, 5);
%! y = double (X(:, 1) > 0.5);
%! o = {"HiddenSizes", 8, "LearnRate", 1e-2, "Verbose", false};
%! two = ae_classifier_train (X, y, o{:}, "Epochs", 2);
%! held = ae_classifier_train (X, y, o{:}, "Epochs", 4, "LearnRateSchedule", "piecewise",
%!                             "LearnRateDropPeriod", 2, "LearnRateDropFactor", 1e-9);
%! free = ae_classifier_train (X, y, o{:}, "Epochs", 4);
%! assert (held.encoder(1).W, two.encoder(1).W, 1e-6);
%! assert (max (abs (free.encoder(1).W(:) - two.encoder(1).W(:))) > 1e-3);

%!error <LearnRateSchedule must be one of> ae_classifier_train (rand (10, 2), mod (1:10, 2), "LearnRateSchedule", "step")
%!error <LearnRateDropFactor must be> ae_classifier_train (rand (10, 2), mod (1:10, 2), "LearnRateDropFactor", 2)
%!error <Invalid call> ae_classifier_train (1)
%!error <LABELS must be 4 finite> ae_classifier_train (rand (4, 3), [1 2 3])
%!error <at least 2 classes> ae_classifier_train (rand (4, 3), [1 1 1 1])
%!error <ValidationData must be a cell> ae_classifier_train (rand (4, 3), [1 2 1 2], "ValidationData", rand (2, 3))
%!error <classes the training labels lack> ae_classifier_train (rand (4, 3), [1 2 1 2], "ValidationData", {rand(2, 3), [1 3]})
%!error <unknown option "LatentDim"> ae_classifier_train (rand (4, 3), [1 2 1 2], "LatentDim", 2)
%!error <HiddenSizes needs at least one layer> ae_classifier_train (rand (4, 3), [1 2 1 2], "HiddenSizes", [])

%!test
%! ## a convolutional classifier from a layer array tells two kinds of toy
%! ## images apart (vertical against horizontal stripes at random phases;
%! ## measured 59 of 60 after 30 epochs)
%! rand ("seed", 4);
%! [i, j] = ndgrid (1:8, 1:8);
%! phase = 2 * pi * rand (1, 60);
%! vertical = reshape (0.5 + 0.5 * sin (j(:) + phase(1:30)), 8, 8, 1, 30);
%! horizontal = reshape (0.5 + 0.5 * sin (i(:) + phase(31:60)), 8, 8, 1, 30);
%! X = cat (4, vertical, horizontal);
%! y = [ones(30, 1); 2 * ones(30, 1)];
%! layers = [convolution2dLayer(3, 4, "Padding", "same"), reluLayer, ...
%!           maxPooling2dLayer(2, "Stride", 2), flattenLayer, fullyConnectedLayer(8), reluLayer];
%! m = ae_classifier_train (X, y, "Layers", layers, "Epochs", 30, "BatchSize", 10,
%!                          "Verbose", false);
%! assert (m.latent_dim, 8);
%! assert (size (ae_encode (m, X)), [60 8]);
%! assert (mean (ae_classify (m, X) == y) >= 0.95);
%!error <with "Layers" the layers say it>
%! ae_classifier_train (rand (10, 4), [1 2 1 2 1 2 1 2 1 2], "Layers", fullyConnectedLayer (3),
%!                      "HiddenSizes", 5)

