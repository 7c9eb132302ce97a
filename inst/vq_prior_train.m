## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} vq_prior_train (@var{model}, @var{X})
## @deftypefnx {} {@var{model} =} vq_prior_train (@var{model}, @var{X}, @var{name}, @var{value}, @dots{})
## Fit the autoregressive prior of a VQ-VAE (van den Oord et al. 2017): a
## PixelCNN (van den Oord et al. 2016) over the grid of codes the encoder
## gives the images @var{X}, which @code{vq_sample} then samples from.
## @var{model} is an @code{ae_train} model whose encoder ends with a
## @code{vectorQuantizationLayer}; the result is that model with the prior
## in its field @code{prior}.
##
## The prior reads the codes as one-hot channels (one per code) and predicts
## each position's code from the positions before it in raster order: a 1x1
## convolution to @qcode{"EmbeddingSize"} channels (each code's embedding),
## a 7x7 @code{maskedConvolution2dLayer} of mask "A", @qcode{"Layers"} 3x3
## layers of mask "B", each followed by a ReLU, then two 1x1 convolutions to
## one logit per code.  (A plain PixelCNN: its masks leave a blind spot
## above and right of each position beyond the first layer's reach, which
## the gated PixelCNN of van den Oord et al. 2016b removes.)  It minimises the cross-entropy of the codes, summed
## over a sample's positions: the history's @code{loss} is the prior's
## negative log-likelihood of a sample's codes in nats
## (@code{val_loss} on @qcode{"ValidationData"}, images).
##
## Options: @qcode{"EmbeddingSize"} (32), @qcode{"Filters"} (64),
## @qcode{"Layers"} (5), @qcode{"Epochs"}
## (10), @qcode{"BatchSize"} (64), @qcode{"LearnRate"} (1e-3),
## @qcode{"Seed"} (42), @qcode{"Threads"} (the cores), @qcode{"Verbose"} (true) and
## @qcode{"ValidationData"}.
##
## @example
## vq = ae_train (X, "Encoder", enc, "Decoder", dec, "Epochs", 10);
## vq = vq_prior_train (vq, X, "Epochs", 10);
## images = vq_sample (vq, 16);
## @end example
## @seealso{vq_sample, vectorQuantizationLayer, maskedConvolution2dLayer, ae_train}
## @end deftypefn

function model = vq_prior_train (model, X, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  __ae_check_vq_model__ ("vq_prior_train", model);
  p = inputParser ();
  p.addParameter ("EmbeddingSize", 32);
  p.addParameter ("Filters", 64);
  p.addParameter ("Layers", 5);
  p.addParameter ("Epochs", 10);
  p.addParameter ("BatchSize", 64);
  p.addParameter ("LearnRate", 1e-3);
  p.addParameter ("Seed", 42);
  p.addParameter ("Threads", nproc ());
  p.addParameter ("Verbose", true);
  p.addParameter ("ValidationData", []);
  p.parse (varargin{:});
  opts = p.Results;
  count = @(v) isnumeric (v) && isscalar (v) && v == fix (v);
  if (! (count (opts.EmbeddingSize) && opts.EmbeddingSize >= 1 && opts.EmbeddingSize <= 4096))
    error ("autoencoder:invalidOption", "vq_prior_train: EmbeddingSize must be an integer in [1, 4096]");
  elseif (! (count (opts.Filters) && opts.Filters >= 1 && opts.Filters <= 4096))
    error ("autoencoder:invalidOption", "vq_prior_train: Filters must be an integer in [1, 4096]");
  elseif (! (count (opts.Layers) && opts.Layers >= 0 && opts.Layers <= 32))
    error ("autoencoder:invalidOption", "vq_prior_train: Layers must be an integer in [0, 32]");
  elseif (! (count (opts.Epochs) && opts.Epochs >= 1))
    error ("autoencoder:invalidOption", "vq_prior_train: Epochs must be a positive integer");
  endif

  [codes, grid] = __ae_vq_codes__ ("vq_prior_train", model, X);
  n_codes = columns (model.encoder(end).W);
  Xt = one_hot (codes, n_codes);
  release = onCleanup (@() __autoencoder__ ("release", Xt));
  Xvalt = [];
  if (! isempty (opts.ValidationData))
    Xvalt = one_hot (__ae_vq_codes__ ("vq_prior_train", model, opts.ValidationData), n_codes);
  endif

  in = [grid(1:2), n_codes];
  F = opts.Filters;
  ## the embedding reads each position alone, so mask A still hides the
  ## position it predicts
  layers = [convolution2dLayer(1, opts.EmbeddingSize), ...
            maskedConvolution2dLayer(7, F, "Mask", "A"), reluLayer];
  for k = 1:opts.Layers
    layers = [layers, maskedConvolution2dLayer(3, F), reluLayer];
  endfor
  layers = [layers, convolution2dLayer(1, F), reluLayer];
  [encoder, out] = __ae_compile_layers__ ("vq_prior_train", "prior", layers, in);
  decoder = __ae_compile_layers__ ("vq_prior_train", "prior", convolution2dLayer (1, n_codes),
                                   out);
  prior = struct ("kind", "ae", "format_version", __ae_format_version__ (true),
                  "input_size", in, "latent_dim", prod (out), "encoder", encoder,
                  "decoder", decoder);
  prior = __autoencoder__ ("init", prior, opts.Seed);
  prior.history = struct ("epoch", zeros (0, 1), "loss", zeros (0, 1),
                          "val_loss", zeros (0, 1), "seconds", zeros (0, 1));
  prior.train_state = [];
  core_opts = struct ("loss", "crossentropy", "reduction", "sum", "beta", 0,
                      "kl_warmup_epochs", 0, "optimizer", "adam",
                      "learn_rate", opts.LearnRate, "momentum", 0.9,
                      "batch_size", opts.BatchSize, "seed", opts.Seed,
                      "threads", opts.Threads);
  core_opts = __ae_progress_options__ (core_opts, opts);
  run = struct ("Epochs", opts.Epochs, "Verbose", opts.Verbose, "CheckpointFile", "",
                "CheckpointEvery", Inf, "ValidationPatience", Inf,
                "OutputNetwork", "last-iteration", "Plots", "none");
  train_epoch = @(m) __autoencoder__ ("train_epoch", m, m.train_state, Xt, Xvalt, core_opts,
                                      Xt, Xvalt);
  prior = __ae_epoch_loop__ ("vq_prior_train", prior, train_epoch, run, @print_epoch);
  prior = rmfield (prior, "train_state");
  prior.options = rmfield (opts, "ValidationData");
  model.prior = prior;
endfunction

## P-by-N codes (1-based) as one-hot channels, [code][position] a column
function Xt = one_hot (codes, n_codes)
  [P, N] = size (codes);
  Xt = zeros (n_codes * P, N, "single");
  Xt(sub2ind (size (Xt), (codes - 1) * P + (1:P).', repmat (1:N, P, 1))) = 1;
endfunction

function print_epoch (s, n_epochs)
  printf ("epoch %*d/%d  NLL %.2f nats a sample%s  %.2f s\n", numel (num2str (n_epochs)),
          s.epoch, n_epochs, s.loss,
          merge (isnan (s.val_loss), "", sprintf ("  val %.2f", s.val_loss)), s.seconds);
endfunction

%!shared vq, X
%! ## four stripe patterns: the codes of each image follow from its first rows
%! P = zeros (8, 8, 1, 4);
%! P(1:2:end, :, 1, 1) = 1; P(:, 1:2:end, 1, 2) = 1; P(2:2:end, :, 1, 3) = 1; P(:, 2:2:end, 1, 4) = 1;
%! X = single (P(:, :, :, repmat (1:4, 1, 40)));
%! enc = [convolution2dLayer(3, 16, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        convolution2dLayer(1, 3), vectorQuantizationLayer(32)];
%! dec = [transposedConv2dLayer(4, 16, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!        transposedConv2dLayer(3, 1, "Cropping", "same")];
%! vq = ae_train (X, "Encoder", enc, "Decoder", dec, "Epochs", 40, "BatchSize", 16,
%!                "LearnRate", 3e-3, "Seed", 2, "Verbose", false);
%!test
%! m = vq_prior_train (vq, X, "Epochs", 40, "Filters", 16, "Layers", 2, "LearnRate", 1e-2,
%!                     "BatchSize", 16, "Verbose", false, "ValidationData", X(:, :, :, 1:8));
%! h = m.prior.history;
%! assert (size (h.loss), [40 1]);
%! ## the four images are equally likely and each one's codes follow from
%! ## its first ones: the best prior costs log 4 = 1.39 nats a sample, a
%! ## uniform one over the codes in use 16 log (codes used)
%! assert (vq.history.codes_used(end) >= 2);
%! assert (h.loss(end) < 1.6 && h.val_loss(end) < 1.6);
%! assert (h.loss(1) > 10);
%! assert ({m.prior.encoder(1:2).type}, {"conv", "maskedconv"});
%! assert (m.prior.encoder(2).mask, "A");
%! assert (m.encoder, vq.encoder);
%!error <ends with a vectorQuantizationLayer> vq_prior_train (ae_train (rand (20, 4), "Epochs", 1, "Verbose", false), rand (20, 4))
%!error <Layers must be> vq_prior_train (vq, X, "Layers", -1)
%!error <EmbeddingSize must be> vq_prior_train (vq, X, "EmbeddingSize", 0)
