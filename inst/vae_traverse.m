## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} vae_traverse (@var{model}, @var{x})
## @deftypefnx {} {[@var{X}, @var{Z}] =} vae_traverse (@var{model}, @var{x}, @var{name}, @var{value}, @dots{})
## A latent traversal: vary one latent unit at a time over a range of values,
## the others fixed at the posterior mean of the sample @var{x}, and decode.
## Each unit's row shows what it controls (the thickness or slant of a digit,
## say); a unit whose row does not change is inactive.
##
## Options: @qcode{"Units"} (the units to vary, default all),
## @qcode{"Range"} (the values, default [-3 3]: three prior standard
## deviations either side of 0), @qcode{"Steps"} (values per unit, default
## 7).  The unit varies over the range itself, not around the sample's mean,
## so the rows compare.
##
## @var{X} holds the decoded samples unit by unit (Steps per unit, in the data's
## format); @var{Z} their codes, (Steps x numel (Units))-by-LatentDim.
## @seealso{vae_interpolate, vae_active_units, vae_decode}
## @end deftypefn

function [X, Z] = vae_traverse (model, x, varargin)
  fname = "vae_traverse";
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ (fname, model, {"vae"});
  __ae_no_sequences__ (fname, model);
  __ae_unconditional__ (fname, model);
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Units", 1:model.latent_dim);
  p.addParameter ("Range", [-3 3]);
  p.addParameter ("Steps", 7);
  opts = __ae_parse__ (fname, p, varargin);
  units = opts.Units(:).';
  if (! isnumeric (units) || isempty (units) || any (units != fix (units))
      || any (units < 1 | units > model.latent_dim))
    error ("autoencoder:outOfRange", "%s: Units must be unit numbers from 1 to %d", fname,
           model.latent_dim);
  endif
  range = opts.Range;
  if (! (isnumeric (range) && numel (range) == 2 && all (isfinite (range)) && range(1) < range(2)))
    error ("autoencoder:outOfRange", "%s: Range must be [low high] with low < high", fname);
  endif
  __ae_check_option__ ("integer", fname, "Steps", opts.Steps, 2, 1e4);
  if (! (isnumeric (x) || islogical (x)) || numel (x) != prod (model.input_size))
    error ("autoencoder:invalidData", "%s: X must be one sample (%d values)", fname,
           prod (model.input_size));
  endif
  [~, mu] = vae_encode (model, reshape (double (x), 1, []));
  values = linspace (range(1), range(2), opts.Steps).';
  Z = repmat (mu, opts.Steps * numel (units), 1);
  for k = 1:numel (units)
    Z((k - 1) * opts.Steps + (1:opts.Steps), units(k)) = values;
  endfor
  X = vae_decode (model, Z);
endfunction

%!test
%! rand ("seed", 61);
%! X = rand (40, 6);
%! model = vae_train (X, "LatentDim", 3, "HiddenSizes", 8, "Epochs", 2, "Verbose", false);
%! [T, Z] = vae_traverse (model, X(5, :), "Units", [3 1], "Steps", 4, "Range", [-2 2]);
%! [~, mu] = vae_encode (model, X(5, :));
%! assert (size (Z), [8 3]);
%! assert (Z(1:4, 3), linspace (-2, 2, 4).', 1e-12);
%! assert (Z(1:4, 1:2), repmat (mu(1:2), 4, 1), 1e-12);
%! assert (Z(5:8, 1), linspace (-2, 2, 4).', 1e-12);
%! assert (Z(5:8, 2:3), repmat (mu(2:3), 4, 1), 1e-12);
%! assert (T, vae_decode (model, Z), 1e-12);
%! assert (size (vae_traverse (model, X(1, :))), [21 6]);

%!error <Units must be> vae_traverse (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), [0 1], "Units", 2)
%!error <Range must be> vae_traverse (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), [0 1], "Range", [1 0])
%!error <X must be one sample> vae_traverse (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), [0 1 2])
