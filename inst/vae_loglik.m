## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{ll} =} vae_loglik (@var{model}, @var{X})
## @deftypefnx {} {@var{ll} =} vae_loglik (@var{model}, @var{X}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{ll}, @var{per_sample}, @var{stderr}, @var{elbo}] =} vae_loglik (@dots{})
## The log-likelihood log p(x) of data under a variational autoencoder,
## estimated by importance sampling (Burda et al. 2015, the IWAE bound):
## for each sample, K codes z_k drawn from the encoder's q(z|x),
##
## @example
## log p(x) ~ log (1/K sum_k p(x|z_k) p(z_k) / q(z_k|x)),
## @end example
##
## computed as a log-sum-exp in double precision.  K = 1 gives a one-sample
## estimate of the ELBO; the estimate rises towards log p(x) as K grows.
##
## @var{ll} is the mean over the samples of @var{X}, in nats per sample;
## @var{per_sample} holds each sample's estimate (N-by-1) and @var{stderr}
## each estimate's standard error over the draw of the codes (the delta
## method on the mean of the importance weights).  @var{elbo} holds each
## sample's ELBO estimated with the same K codes (the mean of the log
## weights: a bound below @var{per_sample}).
##
## The decoder's likelihood is the one its training loss implies:
## @qcode{"bce"}, Bernoulli with the decoder's output as probabilities (for
## data in [0, 1], as the VAE literature uses it); @qcode{"mse"} (a summed
## squared error), Gaussian with variance 1/2 per value; @qcode{"l1"},
## Laplace with scale 1.  These are the densities whose negative logarithm
## is the training's reconstruction term, plus their normalising constants.
##
## Options: @qcode{"Samples"} (K, default 100); @qcode{"Seed"} (the codes'
## draw from the core's generator: the same seed gives the same estimate;
## without it the seed comes from Octave's @code{rand}).  The work goes in
## blocks of samples whose size depends on K and the data's width only, so
## the estimate does not depend on the machine.
##
## @example
## @group
## model = vae_train (X, "LatentDim", 20, "HiddenSizes", 400);
## ll = vae_loglik (model, Xtest, "Samples", 5000, "Seed", 1)
## @end group
## @end example
## @seealso{vae_loss, vae_encode, vae_active_units}
## @end deftypefn

function [ll, per_sample, stderr, elbo] = vae_loglik (model, X, varargin)
  fname = "vae_loglik";
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"vae"});
  __ae_no_sequences__ (fname, model);
  __ae_unconditional__ (fname, model);
  [K, seed] = options (fname, varargin);
  Xt = double (__ae_check_data__ (fname, X, "X", model.input_size));
  [D, N] = size (Xt);
  L = model.latent_dim;
  loss = model.options.Loss;
  logits = strcmp (loss, "bce");
  decoder_model = model;
  if (logits)
    ## the Bernoulli likelihood from logits: no probability rounds to 0 or 1
    decoder_model.decoder = model.decoder(1:end-1);
  endif
  block = max (1, floor (2^22 / (K * max (D, L))));
  __ae_check_memory__ (fname, sprintf ("%d codes per sample", K),
                       min (N, block) * K * (8 * (3 * L + 2 * D) + 4 * D));
  per_sample = stderr = elbo = zeros (N, 1);
  for first = 1:block:N
    idx = first:min (N, first + block - 1);
    n = numel (idx);
    stats = single (__ae_forward__ (model, single (Xt(:, idx)), "encode"));   # [mu; logvar]
    eps = __autoencoder__ ("normal", seed + (first - 1) / block, L, K * n);
    ## code k of sample j sits in column (k - 1) * n + j
    z = repmat (double (stats(1:L, :)), 1, K) ...
        + repmat (exp (double (stats(L+1:end, :)) / 2), 1, K) .* double (eps);
    out = __ae_forward__ (decoder_model, single (z), "decode");
    ## log p(x|z) + log p(z) - log q(z|x) of every code, in C: over all K n
    ## codes of D values, Octave's element-wise arithmetic took two thirds of
    ## the time
    log_w = reshape (__autoencoder__ ("importance_log_weights", loss, out, single (Xt(:, idx)),
                                      stats, eps), n, K);
    top = max (log_w, [], 2);
    w = exp (log_w - top);
    mean_w = mean (w, 2);
    per_sample(idx) = top + log (mean_w);
    elbo(idx) = mean (log_w, 2);
    if (K > 1)
      stderr(idx) = std (w, 0, 2) ./ (sqrt (K) * mean_w);
    else
      stderr(idx) = NaN;   # one code per sample says nothing of its spread
    endif
  endfor
  ll = mean (per_sample);
endfunction

function [K, seed] = options (fname, args)
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Samples", 100);
  p.addParameter ("Seed", []);
  opts = __ae_parse__ (fname, p, args);
  __ae_check_option__ ("integer", fname, "Samples", opts.Samples, 1, 1e7);
  K = double (opts.Samples);
  seed = __ae_sampling_seed__ (fname, {"Seed", opts.Seed});
endfunction

%!test
%! ## a linear Gaussian VAE: decoder x = W z + b with the "mse" loss's
%! ## noise (variance 1/2), so p(x) = N(b, W W' + I/2) in closed form (the
%! ## probabilistic PCA likelihood). Any encoder gives a consistent
%! ## estimate; with 5,000 codes it agrees within a few standard errors.
%! rand ("seed", 21); randn ("seed", 21);
%! D = 5; L = 2;
%! X = randn (40, D) * 0.7 + 0.2;
%! model = vae_train (X, "LatentDim", L, "HiddenSizes", [], "Loss", "mse",
%!                    "OutputActivation", "identity", "Epochs", 30, "LearnRate", 1e-2,
%!                    "Verbose", false);
%! assert (numel (model.decoder), 1);   # one dense layer: linear
%! W = double (model.decoder(1).W);
%! if (rows (W) != D)
%!   W = W.';
%! endif
%! b = double (model.decoder(1).b(:));
%! C = W * W.' + eye (D) / 2;
%! R = chol (C);
%! Y = (X.' - b);
%! truth = -0.5 * sumsq (R.' \ Y, 1).' - sum (log (diag (R))) - D / 2 * log (2 * pi);
%! [ll, est, se] = vae_loglik (model, X, "Samples", 5000, "Seed", 3);
%! assert (all (abs (est - truth) < 5 * se + 1e-9));
%! assert (abs (ll - mean (truth)) < 5 * sqrt (sumsq (se)) / numel (se) + 1e-9);
%! ## more codes tighten the bound from below: K = 1 is the ELBO's estimate
%! assert (vae_loglik (model, X, "Samples", 1, "Seed", 3) < ll);
%! ## the same seed, the same estimate
%! assert (vae_loglik (model, X, "Samples", 50, "Seed", 4), vae_loglik (model, X, "Samples", 50, "Seed", 4));

%!test
%! ## the Bernoulli decoder: the estimate is a log-probability of binary data
%! ## (below 0), and K = 1 averages to the negative loss's neighbourhood
%! rand ("seed", 22);
%! X = double (rand (60, 12) > 0.6);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 8, "Epochs", 20, "Verbose", false);
%! [ll, est] = vae_loglik (model, X, "Samples", 200, "Seed", 1);
%! assert (all (est < 0));
%! elbo = -vae_loss (model, X);
%! assert (ll > elbo - 0.5);   # the bound with 200 codes is no looser than the ELBO

%!test
%! ## many codes per image: one image per block, images in and out alike
%! rand ("seed", 23);
%! imgs = rand (28, 28, 2);
%! model = vae_train (imgs, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! [~, est] = vae_loglik (model, imgs, "Samples", 6000, "Seed", 1);
%! assert (size (est), [2 1]);
%! assert (all (isfinite (est)));

%!error <Invalid call> vae_loglik (1)
%!error <Samples must be in> vae_loglik (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (4, 2), "Samples", 0)
%!error <kind "ae"> vae_loglik (ae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (4, 2))
