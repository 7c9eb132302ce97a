## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{n} =} vae_active_units (@var{model}, @var{X})
## @deftypefnx {} {[@var{n}, @var{active}, @var{activity}] =} vae_active_units (@var{model}, @var{X}, "Threshold", @var{t})
## Count the active latent units of a VAE on the data @var{X} (Burda et al.
## 2015): unit u is active when its activity A_u = Cov_x (E_q(z|x) [z_u]),
## the variance over the samples of its posterior mean, exceeds the
## threshold (default 0.01).  A unit whose mean does not move with the input
## carries no information about it: its posterior has collapsed to the prior.
##
## @var{active} is a logical row (one entry per unit) and @var{activity} the
## row of A_u.  @var{X} is in the form the model takes, sequences too (a
## cell array of C-by-T matrices or a C-by-N-by-T array).
## @seealso{vae_train, vae_encode, vae_loglik}
## @end deftypefn

function [n, active, activity] = vae_active_units (model, X, varargin)
  fname = "vae_active_units";
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"vae"});
  __ae_unconditional__ (fname, model);
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Threshold", 0.01);
  opts = __ae_parse__ (fname, p, varargin);
  __ae_check_option__ ("real", fname, "Threshold", opts.Threshold, 0, Inf, true);
  [~, mu] = vae_encode (model, X);
  if (rows (mu) < 2)
    error ("autoencoder:invalidData", "%s: X needs at least 2 samples for a variance", fname);
  endif
  activity = var (double (mu), 1, 1);   # over the samples, as a covariance (1/N)
  active = activity > opts.Threshold;
  n = nnz (active);
endfunction

%!test
%! ## a VAE with 4 latent units on data with 2 degrees of freedom: the data
%! ## need 2 units; the others' means do not move
%! rand ("seed", 41); randn ("seed", 41);
%! z = randn (500, 2);
%! X = 1 ./ (1 + exp (-z * (3 * randn (2, 10))));
%! model = vae_train (X, "LatentDim", 4, "HiddenSizes", 32, "Epochs", 200, "LearnRate", 3e-3,
%!                    "Verbose", false);
%! [n, active, activity] = vae_active_units (model, X);
%! [~, mu] = vae_encode (model, X);
%! assert (activity, var (mu, 1, 1), 1e-12);
%! assert (n, 2);
%! assert (active, activity > 0.01);
%! assert (vae_active_units (model, X, "Threshold", 0), 4);

%!error <Invalid call> vae_active_units (1)
%!error <Threshold must be> vae_active_units (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (4, 2), "Threshold", -1)
%!error <at least 2 samples> vae_active_units (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (1, 2))

%!test
%! ## a sequence VAE: the means of its codes over the sequences
%! X = cell (1, 24);
%! for k = 1:24
%!   t = 0:(3 + mod (k, 4));
%!   X{k} = 0.5 + 0.4 * [sin(0.5 * t + k); cos(0.3 * t + k)];
%! endfor
%! m = vae_train (X, "HiddenSizes", 6, "LatentDim", 3, "Epochs", 2, "BatchSize", 8,
%!                "Verbose", false);
%! [n, active, activity] = vae_active_units (m, X);
%! [~, mu] = vae_encode (m, X);
%! assert (activity, var (mu, 1, 1), 1e-12);
%! assert (n, nnz (activity > 0.01));
