## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{scores} =} ae_anomaly_score (@var{model}, @var{X})
## @deftypefnx {} {@var{scores} =} ae_anomaly_score (@var{model}, @var{X}, @var{name}, @var{value}, @dots{})
## Anomaly scores of the samples of @var{X} (N-by-1, higher = more
## anomalous) under a model trained on normal data: autoencoders are trained
## to reconstruct normal data, so what they reconstruct badly, or what a VAE
## finds unlikely, is suspect.
##
## @table @asis
## @item an autoencoder (@code{ae_train}) or PCA (@code{ae_pca})
## the reconstruction error of each sample: its loss as training measured it
## (the mean over its values of the squared error, absolute error or binary
## cross-entropy; PCA: the mean squared error).
## @item a VAE (@code{vae_train})
## @qcode{"Method"} @qcode{"elbo"} (the default): the negative ELBO,
## estimated with @qcode{"Samples"} codes per sample (default 10);
## @qcode{"loglik"}: the negative importance-weighted log-likelihood of
## @code{vae_loglik} with that many codes (default 100);
## @qcode{"reconstruction"}: the reconstruction error of the mean code.
## @qcode{"Seed"} fixes the codes' draw.
## @end table
##
## Score a labelled test set with @code{ae_roc}:
## @example
## @group
## model = ae_train (X(:, :, y == 0), "LatentDim", 32);   # one class is normal
## auc = ae_roc (ae_anomaly_score (model, Xtest), ytest != 0)
## @end group
## @end example
## @seealso{ae_roc, vae_loglik, ae_reconstruct}
## @end deftypefn

function scores = ae_anomaly_score (model, X, varargin)
  fname = "ae_anomaly_score";
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"ae", "vae", "pca"});
  __ae_unconditional__ (fname, model);
  if (isfield (model, "output_size"))
    error ("autoencoder:invalidModel",
           "%s: the model maps its inputs to targets (ae_train's Targets); it does not reconstruct them",
           fname);
  endif
  opts = options (fname, model, varargin);
  if (strcmp (model.kind, "vae") && ! strcmp (opts.Method, "reconstruction"))
    K = opts.Samples;
    if (isempty (K))
      K = merge (strcmp (opts.Method, "elbo"), 10, 100);
    endif
    [~, loglik, ~, elbo] = vae_loglik (model, X, "Samples", K, "Seed", opts.Seed);
    scores = -merge (strcmp (opts.Method, "elbo"), elbo, loglik);
    return;
  endif
  columns = __ae_check_data__ (fname, X, "X", __ae_input_size__ (model),
                              __ae_data_class__ (model));
  recon = __ae_forward__ (model, columns, "reconstruct");
  if (isstruct (recon))   # sequences: their steps side by side, scored per step first
    [recon, Xt] = deal (double (recon.frames), double (columns.frames));
  else
    [recon, Xt] = deal (double (recon), double (columns));
  endif
  loss = "mse";
  if (isfield (model, "options") && isfield (model.options, "Loss"))
    loss = model.options.Loss;
  endif
  switch (loss)
    case "mse"
      scores = meansq (recon - Xt, 1).';
    case "l1"
      scores = mean (abs (recon - Xt), 1).';
    case "bce"
      p = min (max (recon, 1e-12), 1 - 1e-12);
      scores = -mean (Xt .* log (p) + (1 - Xt) .* log1p (-p), 1).';
  endswitch
  if (isstruct (columns) && isfield (columns, "lengths"))
    ## a sequence's score: the mean over its own steps (each step's is a mean)
    sample = repelem (1:numel (columns.lengths), columns.lengths);
    scores = accumarray (sample(:), scores) ./ columns.lengths(:);
  endif
endfunction

function opts = options (fname, model, args)
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Method", "elbo");
  p.addParameter ("Samples", []);
  p.addParameter ("Seed", []);
  [opts, given] = __ae_parse__ (fname, p, args);
  if (! strcmp (model.kind, "vae") && ! isempty (given))
    error ("autoencoder:invalidOption",
           "%s: Method, Samples and Seed are for VAEs; an autoencoder's score is its reconstruction error",
           fname);
  endif
  opts.Method = __ae_check_option__ ("choice", fname, "Method", opts.Method,
                                     {"elbo", "loglik", "reconstruction"});
  if (! isempty (opts.Samples))
    __ae_check_option__ ("integer", fname, "Samples", opts.Samples, 1, 1e7);
  endif
endfunction

%!test
%! ## points near a line are normal; points off it score higher, for an
%! ## autoencoder, PCA and a VAE alike (spread wider than the "mse" VAE's
%! ## decoder noise, variance 1/2, so that its code is used)
%! rand ("seed", 31); randn ("seed", 31);
%! t = rand (400, 1);
%! normal = 4 * [t, 1 - t, 0.5 * t] + 0.04 * randn (400, 3);
%! odd = 4 * rand (40, 3);
%! test = [normal(301:end, :); odd];
%! is_odd = [false(100, 1); true(40, 1)];
%! ae = ae_train (normal(1:300, :), "LatentDim", 1, "HiddenSizes", 16, "Epochs", 200,
%!                "BatchSize", 30, "LearnRate", 5e-3, "Verbose", false);
%! pca = ae_pca (normal(1:300, :), 1);
%! vae = vae_train (normal(1:300, :), "LatentDim", 1, "HiddenSizes", 16, "Epochs", 200,
%!                  "BatchSize", 30, "LearnRate", 5e-3, "Loss", "mse", "Verbose", false);
%! s = ae_anomaly_score (ae, test);
%! assert (size (s), [140 1]);
%! assert (s(1:3), meansq (ae_reconstruct (ae, test(1:3, :)) - test(1:3, :), 2), 1e-6);
%! assert (ae_roc (s, is_odd) > 0.95);
%! assert (ae_roc (ae_anomaly_score (pca, test), is_odd) > 0.95);
%! for method = {"elbo", "loglik", "reconstruction"}
%!   assert (ae_roc (ae_anomaly_score (vae, test, "Method", method{1}, "Seed", 1), is_odd) > 0.9);
%! endfor
%! ## the VAE's scores are its negative ELBO and log-likelihood estimates
%! [~, ll, ~, elbo] = vae_loglik (vae, test, "Samples", 10, "Seed", 2);
%! assert (ae_anomaly_score (vae, test, "Seed", 2), -elbo);
%! assert (ae_anomaly_score (vae, test, "Method", "loglik", "Samples", 10, "Seed", 2), -ll);

%!error <Invalid call> ae_anomaly_score (1)
%!error <does not reconstruct them> ae_anomaly_score (ae_train (rand (10, 3), "Targets", rand (10, 5), "Epochs", 0, "Verbose", false), rand (2, 3))
%!error <are for VAEs> ae_anomaly_score (ae_pca (rand (10, 3), 1), rand (2, 3), "Samples", 3)
%!error <Method must be one of> ae_anomaly_score (vae_train (rand (10, 3), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (2, 3), "Method", "x")
