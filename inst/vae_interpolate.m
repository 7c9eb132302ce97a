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
## @deftypefnx {} {@dots{} =} vae_interpolate (@dots{}, "Steps", @var{steps})
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
##
## For a model over sequences, @var{x1} and @var{x2} are C-by-T matrices
## (one sequence each) and @var{X} is an n-by-1 cell array of C-by-@var{steps}
## matrices.  @var{steps} defaults to the two sequences' length when they
## have the same; give it when they differ.
## @seealso{vae_traverse, vae_encode, vae_decode}
## @end deftypefn

function [X, Z] = vae_interpolate (model, x1, x2, n, varargin)
  fname = "vae_interpolate";
  if (nargin < 4)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"vae", "ae"});
  __ae_unconditional__ (fname, model);
  if (! (isnumeric (n) && isscalar (n) && n == fix (n) && n >= 2 && n <= 1e6))
    error ("autoencoder:outOfRange", "%s: N must be an integer from 2 to 1e6", fname);
  endif
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Method", "linear");
  p.addParameter ("Steps", []);
  opts = __ae_parse__ (fname, p, varargin);
  method = __ae_check_option__ ("choice", fname, "Method", opts.Method, {"linear", "spherical"});
  sequence = isfield (model, "sequence") && model.sequence;
  ends = [code_of(fname, model, x1, "X1"); code_of(fname, model, x2, "X2")];
  t = linspace (0, 1, n).';
  omega = acos (max (-1, min (1, dot (ends(1, :), ends(2, :))
                                 / (norm (ends(1, :)) * norm (ends(2, :))))));
  if (strcmp (method, "spherical") && sin (omega) > 1e-6)
    Z = (sin ((1 - t) * omega) * ends(1, :) + sin (t * omega) * ends(2, :)) / sin (omega);
  else
    Z = (1 - t) * ends(1, :) + t * ends(2, :);   # a straight line, or nearly parallel codes
  endif
  if (sequence)
    X = ae_decode (model, Z, "Steps", decoded_steps (fname, opts.Steps, x1, x2));
  elseif (! isempty (opts.Steps))
    error ("autoencoder:invalidOption", "%s: Steps is for models over sequences", fname);
  else
    X = ae_decode (model, Z);
  endif
endfunction

## The (mean) code of one sample, given in any shape with the sample's values,
## or of one sequence (a C-by-T matrix) for a model over sequences
function z = code_of (fname, model, x, name)
  if (isfield (model, "sequence") && model.sequence)
    C = prod (model.input_size);   # the features of a step
    if (! ((isnumeric (x) || islogical (x)) && ismatrix (x) && rows (x) == C && columns (x) >= 1))
      error ("autoencoder:invalidData", "%s: %s must be one sequence (a %d-by-T matrix)",
             fname, name, C);
    endif
    xt = __ae_check_data__ (fname, {x}, name, __ae_input_size__ (model),
                            __ae_data_class__ (model));
  else
    if (! (isnumeric (x) || islogical (x)) || numel (x) != prod (model.input_size))
      error ("autoencoder:invalidData", "%s: %s must be one sample (%d values)", fname, name,
             prod (model.input_size));
    endif
    xt = __ae_check_data__ (fname, reshape (x, 1, []), name, prod (model.input_size),
                            __ae_data_class__ (model));
  endif
  stats = double (__ae_forward__ (model, xt, "encode")).';
  z = stats(1:model.latent_dim);   # a VAE's encoder gives the mean, then the log-variance
endfunction

## The steps of the decoded sequences: those asked for, or the ends' common length
function steps = decoded_steps (fname, steps, x1, x2)
  if (! isempty (steps))
    __ae_check_option__ ("integer", fname, "Steps", steps, 1, 2^30);
  elseif (columns (x1) == columns (x2))
    steps = columns (x1);
  else
    error ("autoencoder:invalidOption",
           "%s: X1 and X2 have %d and %d steps: give the \"Steps\" of the decoded sequences",
           fname, columns (x1), columns (x2));
  endif
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

%!test
%! ## a model over sequences: one C-by-T sequence at each end, sequences back
%! X = cell (1, 24);
%! for k = 1:24
%!   t = 0:(5 + mod (k, 3));
%!   X{k} = 0.5 + 0.4 * [sin(0.5 * t + k); cos(0.3 * t + k)];
%! endfor
%! m = vae_train (X, "HiddenSizes", 6, "LatentDim", 2, "Epochs", 2, "BatchSize", 8,
%!                "Verbose", false);
%! [S, Z] = vae_interpolate (m, X{1}, X{4}, 4);   # both of 7 steps
%! [~, mu] = vae_encode (m, X([1 4]));
%! assert (Z([1 end], :), mu, 1e-6);
%! assert (size (S), [4 1]);
%! assert (size (S{3}), [2 7]);
%! assert (S, vae_decode (m, Z, "Steps", 7), 1e-6);
%! S = vae_interpolate (m, X{1}, X{2}, 3, "Steps", 5);   # 7 and 8 steps: Steps given
%! assert (size (S{1}), [2 5]);
%!error <give the "Steps" of the decoded sequences>
%! X = {rand(2, 4), rand(2, 5), rand(2, 6)};
%! vae_interpolate (vae_train (X, "HiddenSizes", 3, "LatentDim", 1, "Epochs", 0, "Verbose", false), X{1}, X{2}, 3)
%!error <X1 must be one sequence \(a 2-by-T matrix\)>
%! X = {rand(2, 4), rand(2, 5), rand(2, 6)};
%! vae_interpolate (vae_train (X, "HiddenSizes", 3, "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (3, 4), X{2}, 3)
%!error <Steps is for models over sequences>
%! vae_interpolate (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), [0 1], [1 0], 3, "Steps", 4)
