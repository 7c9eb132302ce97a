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
## accepted; uint8 is scaled to [0, 1].
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
## Passes over the data.
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
## n, a remedy against posterior collapse.
## @item @qcode{"ValidationData"} ([])
## Held-out data in the format of @var{X}; its loss is reported every epoch,
## with the same noise each epoch so epochs compare.
## @item @qcode{"Seed"} (42)
## Seed of the run's random generator (initial weights, shuffling, noise).  The
## same data, options, seed and thread count give the same model.
## @item @qcode{"Threads"} (all cores)
## Threads OpenBLAS uses for the matrix products.  Results can differ in the
## last bits between thread counts.
## @item @qcode{"Verbose"} (true)
## Print one line per epoch: loss, reconstruction, KL, validation loss, seconds.
## @end table
##
## The result is a struct: @code{kind} ("vae"), @code{format_version},
## @code{input_size} (the size of one sample), @code{latent_dim},
## @code{encoder} and @code{decoder} (struct arrays of layers with fields
## @code{type}, @code{W}, @code{b}, @code{scale}; a dense layer computes
## @code{W*x + b}), @code{options} and @code{history} (per-epoch columns
## @code{epoch}, @code{beta}, @code{loss}, @code{reconstruction}, @code{kl},
## @code{val_loss}, @code{val_reconstruction}, @code{val_kl}, @code{seconds}).
## @code{save} and @code{load} keep it exactly.
##
## Pressing Ctrl-C stops training after the current mini-batch and returns the
## model trained so far with the warning @code{autoencoder:interrupted}.  A loss
## that becomes NaN or Inf stops training with the warning
## @code{autoencoder:diverged} and returns the last finite model.
##
## @example
## [X, y] = ae_dataset ("mnist");
## model = vae_train (X, "LatentDim", 2, "Epochs", 30);
## [~, mu] = vae_encode (model, X);
## scatter (mu(:,1), mu(:,2), 4, y);
## @end example
##
## @seealso{vae_encode, vae_decode, vae_sample, vae_reconstruct, vae_loss, ae_train}
## @end deftypefn

function model = vae_train (X, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  model = __ae_fit__ ("vae_train", "vae", X, varargin);
endfunction

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

%!error <Invalid call> vae_train ()
%!error <X must be numeric> vae_train ({1, 2})
%!error <complex> vae_train (X + 1i)
%!error <sparse> vae_train (sparse (X))
%!error <empty> vae_train (zeros (0, 5))
%!error <NaN or Inf> vae_train ([X; NaN(1, 16)])
%!error <Inf> vae_train ([X; Inf(1, 16)])
%!error <unknown option "Epocs"; the options are LatentDim, > vae_train (X, "Epocs", 3)
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
%!error <OutputActivation "sigmoid"> vae_train (X, "OutputActivation", "identity")
%!error id=autoencoder:outOfRange vae_train (X, "Epochs", -1)
%!error id=autoencoder:invalidOption vae_train (X, "Epocs", 3)
