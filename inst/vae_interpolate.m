## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} vae_interpolate (@var{model}, @var{x1}, @var{x2}, @var{n})
## @deftypefnx {} {[@var{X}, @var{Z}] =} vae_interpolate (@dots{}, "Method", @var{method})
## Decode @var{n} codes on the way from sample @var{x1} to sample @var{x2}
## (both in the training data's format, one sample each): the posterior
## means z1 and z2 of the two, and codes at the fractions
## t = linspace (0, 1, n) between them.
##
## @var{method} @qcode{"linear"} (the default) takes (1 - t) z1 + t z2;
## @qcode{"spherical"} the spherical interpolation (slerp) of White 2016,
## sin ((1 - t) w) / sin (w) z1 + sin (t w) / sin (w) z2, w the angle between
## z1 and z2: under a Gaussian prior its codes keep the norm typical of the
## prior's samples, where the midpoint of a straight line falls short of it.
##
## @var{X} holds the n decoded samples in the data's format (an image strip
## for images); @var{Z} is the n-by-LatentDim matrix of codes.  For an
## autoencoder (@code{ae_train}) the codes are its encodings.
## @seealso{vae_traverse, vae_encode, vae_decode}
## @end deftypefn

function [X, Z] = vae_interpolate (model, x1, x2, n, varargin)
  fname = "vae_interpolate";
  if (nargin < 4)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"vae", "ae"});
  __ae_no_sequences__ (fname, model);
  __ae_unconditional__ (fname, model);
  if (! (isnumeric (n) && isscalar (n) && n == fix (n) && n >= 2 && n <= 1e6))
    error ("autoencoder:outOfRange", "%s: N must be an integer from 2 to 1e6", fname);
  endif
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Method", "linear");
  opts = __ae_parse__ (fname, p, varargin);
  method = __ae_check_option__ ("choice", fname, "Method", opts.Method, {"linear", "spherical"});
  ends = [code_of(fname, model, x1, "X1"); code_of(fname, model, x2, "X2")];
  t = linspace (0, 1, n).';
  omega = acos (max (-1, min (1, dot (ends(1, :), ends(2, :))
                                 / (norm (ends(1, :)) * norm (ends(2, :))))));
  if (strcmp (method, "spherical") && sin (omega) > 1e-6)
    Z = (sin ((1 - t) * omega) * ends(1, :) + sin (t * omega) * ends(2, :)) / sin (omega);
  else
    Z = (1 - t) * ends(1, :) + t * ends(2, :);   # a straight line, or nearly parallel codes
  endif
  X = ae_decode (model, Z);
endfunction

## The (mean) code of one sample, given in any shape with the sample's values
function z = code_of (fname, model, x, name)
  if (! (isnumeric (x) || islogical (x)) || numel (x) != prod (model.input_size))
    error ("autoencoder:invalidData", "%s: %s must be one sample (%d values)", fname, name,
           prod (model.input_size));
  endif
  xt = __ae_check_data__ (fname, reshape (x, 1, []), name, prod (model.input_size),
                          __ae_data_class__ (model));
  stats = double (__ae_forward__ (model, xt, "encode")).';
  z = stats(1:model.latent_dim);   # a VAE's encoder gives the mean, then the log-variance
endfunction

%!test
%! rand ("seed", 51);
%! X = rand (50, 6);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 8, "Epochs", 3, "Verbose", false);
%! [Xi, Z] = vae_interpolate (model, X(1, :), X(2, :), 5);
%! [~, mu] = vae_encode (model, X(1:2, :));
%! assert (Z([1 end], :), mu, 1e-6);
%! assert (Z(3, :), mean (mu), 1e-6);   # the midpoint of the line
%! assert (size (Xi), [5 6]);
%! assert (Xi, vae_decode (model, Z), 1e-12);
%! ## spherical: the ends, and at t = 1/2 sin (w/2) / sin (w) (z1 + z2)
%! [~, S] = vae_interpolate (model, X(1, :), X(2, :), 5, "Method", "spherical");
%! assert (S([1 end], :), mu, 1e-6);
%! w = acos (dot (mu(1, :), mu(2, :)) / (norm (mu(1, :)) * norm (mu(2, :))));
%! assert (S(3, :), sin (w / 2) / sin (w) * (mu(1, :) + mu(2, :)), 1e-6);
%! ## images come back as images
%! imgs = rand (4, 4, 20);
%! m2 = vae_train (imgs, "LatentDim", 2, "HiddenSizes", 8, "Epochs", 1, "Verbose", false);
%! assert (size (vae_interpolate (m2, imgs(:, :, 1), imgs(:, :, 2), 7)), [4 4 7]);

%!error <Invalid call> vae_interpolate (1, 2, 3)
%!error <N must be an integer> vae_interpolate (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), [0 1], [1 0], 1)
%!error <X1 must be one sample> vae_interpolate (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (2, 2), [1 0], 3)
%!error <Method must be one of> vae_interpolate (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), [0 1], [1 0], 3, "Method", "cubic")
