## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{Z} =} vae_encode (@var{model}, @var{X})
## @deftypefnx {} {[@var{Z}, @var{mu}, @var{logvar}] =} vae_encode (@var{model}, @var{X})
## @deftypefnx {} {@dots{} =} vae_encode (@var{model}, @var{X}, "Seed", @var{seed})
## @deftypefnx {} {@dots{} =} vae_encode (@var{model}, @var{X}, "Labels", @var{y}, @dots{})
## Encode data with a variational autoencoder.
##
## @var{X} has the format the model was trained on (N-by-D, or images).  The
## encoder gives, for each sample, the mean @var{mu} and the log-variance
## @var{logvar} of its Gaussian code (N-by-LatentDim each); @var{Z} is a code
## drawn from it, @code{mu + exp(logvar/2) .* eps} with @code{eps} from the C
## core's generator, the one training uses: the same @var{seed} (an integer in
## [0, 2^53]) gives the same codes on every machine.  Without
## @qcode{"Seed"} the seed is drawn from Octave's @code{rand}, so
## @code{rand ("seed", s)} before the call makes it repeatable too.  Use
## @var{mu} for plots and comparisons: it is the deterministic code.
##
## A conditional VAE (trained with @qcode{"Labels"}) needs each sample's
## label: @var{y} is a vector of N labels (or one for all), each one of the
## model's @code{classes}.
##
## @seealso{vae_train, vae_decode, vae_reconstruct}
## @end deftypefn

function [Z, mu, logvar] = vae_encode (model, X, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ ("vae_encode", model, {"vae", "vaegan"});
  Xt = __ae_check_data__ ("vae_encode", X, "X", __ae_input_size__ (model));
  [Ct, varargin] = __ae_conditions__ ("vae_encode", model, varargin, __ae_n_samples__ (Xt));
  seed = __ae_sampling_seed__ ("vae_encode", varargin);
  stats = double (__ae_forward__ (model, Xt, "encode", Ct).');
  L = model.latent_dim;
  if (columns (stats) != 2 * L)
    error ("autoencoder:invalidModel",
           "vae_encode: MODEL.latent_dim is %d but its encoder gives %d values", L, columns (stats));
  endif
  mu = stats(:, 1:L);
  logvar = stats(:, L+1:end);
  epsilon = double (__autoencoder__ ("normal", seed, L, rows (mu)).');
  Z = mu + exp (logvar / 2) .* epsilon;
endfunction

%!shared model, X
%! rand ("seed", 2); randn ("seed", 2);
%! X = rand (40, 6);
%! model = vae_train (X, "LatentDim", 3, "HiddenSizes", 5, "Epochs", 2, "Verbose", false);

%!test
%! [Z, mu, logvar] = vae_encode (model, X);
%! assert (size (Z), [40 3]);
%! assert (size (mu), [40 3]);
%! assert (size (logvar), [40 3]);
%! ## mu and logvar are the encoder's affine maps of the hidden layer
%! h = max (double (model.encoder(1).W) * X.' + double (model.encoder(1).b), 0);
%! stats = double (model.encoder(3).W) * h + double (model.encoder(3).b);
%! assert (mu, stats(1:3,:).', 1e-5);
%! assert (logvar, stats(4:6,:).', 1e-5);

%!test
%! ## the codes spread as exp(logvar/2) says
%! [~, mu, logvar] = vae_encode (model, X(1,:));
%! Z = zeros (4000, 3);
%! for k = 1:4000
%!   Z(k,:) = vae_encode (model, X(1,:));
%! endfor
%! assert (mean (Z), mu, 0.1);
%! assert (std (Z), exp (logvar / 2), 0.1);

%!test
%! ## the seed alone fixes the draw; Octave's generators play no part
%! Z1 = vae_encode (model, X, "Seed", 5);
%! rand ("seed", 11); randn ("seed", 11);
%! assert (vae_encode (model, X, "Seed", 5), Z1);
%! assert (! isequal (vae_encode (model, X, "Seed", 6), Z1));

%!error <Invalid call> vae_encode (model)
%!error id=autoencoder:outOfRange vae_encode (model, X, "Seed", -3)
%!error <MODEL must be a model struct> vae_encode (struct ("a", 1), X)
%!error <has 5 values per sample> vae_encode (model, ones (3, 5))
%!error <NaN or Inf> vae_encode (model, NaN (1, 6))
%!error <complex> vae_encode (model, complex (X))
%!error <MODEL is of kind "ae"> vae_encode (setfield (model, "kind", "ae"), X)
%!error <format version> vae_encode (setfield (model, "format_version", 99), X)
