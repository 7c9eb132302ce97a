## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {[@var{X}, @var{Z}] =} gan_sample (@var{model}, @var{n})
## @deftypefnx {} {[@var{X}, @var{Z}] =} gan_sample (@var{model}, @var{n}, "Seed", @var{seed})
## @deftypefnx {} {@var{X} =} gan_sample (@var{model}, @var{Z})
## Draw @var{n} images from the GAN @var{model} (made by @code{gan_train}):
## the generator on codes @var{Z} ~ N(0, I) (@var{n}-by-latent_dim), or on
## the given codes.  Images come back as the training data were shaped
## (H-by-W-by-C-by-@var{n}, or @var{n} rows).  With a @qcode{"Seed"} the
## codes are the same on every call; without one they are drawn from a seed
## taken from Octave's @code{rand}.  Batch normalization uses its running
## statistics.
## @seealso{gan_train, vae_sample}
## @end deftypefn

function [X, Z] = gan_sample (model, n, varargin)
  fname = "gan_sample";
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"gan"});
  if (isscalar (n))
    if (! (isnumeric (n) && isreal (n) && isfinite (n) && n == fix (n) && n >= 1))
      error ("autoencoder:outOfRange", "%s: N must be a positive integer", fname);
    endif
    seed = __ae_sampling_seed__ (fname, varargin);
    __ae_check_memory__ (fname, sprintf ("drawing %d samples", n),
                         n * (16 * model.latent_dim + 12 * prod (model.input_size)));
    Z = double (__autoencoder__ ("normal", seed, model.latent_dim, n).');
  elseif (isempty (varargin))
    Z = n;
  else
    print_usage ();
  endif
  if (! ismatrix (Z))
    error ("autoencoder:invalidData", "%s: Z must be an N-by-%d matrix", fname,
           model.latent_dim);
  endif
  __ae_check_memory__ (fname, sprintf ("generating %d images", rows (Z)),
                       rows (Z) * 12 * prod (model.input_size));
  Zt = __ae_check_data__ (fname, Z, "Z", model.latent_dim);
  X = __ae_shape_output__ (__autoencoder__ ("gan_forward", model, Zt, "generate"),
                           model.input_size);
endfunction

%!shared m
%! rand ("seed", 1);
%! m = gan_train (rand (8, 8, 1, 20), "LatentDim", 4, "Epochs", 1, "Verbose", false);
%!test
%! [X, Z] = gan_sample (m, 3, "Seed", 7);
%! assert (size (X), [8 8 1 3]);
%! assert (size (Z), [3 4]);
%! assert (gan_sample (m, 3, "Seed", 7), X);
%! assert (gan_sample (m, Z), X, 1e-6);
%! assert (all (X(:) >= 0 & X(:) <= 1));
%!error <N must be a positive integer> gan_sample (m, 0)
%!error <Z has 3 values per sample> gan_sample (m, zeros (2, 3))
%!error <MODEL is of kind "vae"; expected "gan">
%! gan_sample (vae_train (rand (20, 4), "Epochs", 0, "Verbose", false), 2)
