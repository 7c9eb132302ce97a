## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} maskedConvolution2dLayer (@var{filterSize}, @var{numFilters})
## @deftypefnx {} {@var{layer} =} maskedConvolution2dLayer (@dots{}, "Mask", @var{mask})
## @deftypefnx {} {@var{layer} =} maskedConvolution2dLayer (@dots{}, "Name", @var{name})
## A masked convolution (van den Oord et al. 2016, PixelCNN): a convolution
## of stride 1 and @qcode{"same"} padding whose filters see only the
## positions before their centre in raster order (rows above, and the
## columns left of it on its own row), so that a stack of them models each
## position from the ones before it: the autoregressive prior of a VQ-VAE
## (@code{vq_prior_train}).  @var{mask} @qcode{"A"} hides the centre too (the
## first layer, which must not see the value it predicts); @qcode{"B"}, the
## default, lets it through (the layers after it).  @var{filterSize} is odd,
## a scalar or [height width].  The weights are FH-by-FW-by-C-by-F as a
## @code{convolution2dLayer}'s, with the hidden taps zero.
## @seealso{ae_layers, vq_prior_train, convolution2dLayer}
## @end deftypefn

function layer = maskedConvolution2dLayer (filterSize, numFilters, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("maskedConvolution2dLayer", "maskedConvolution2d", varargin,
                           {"FilterSize", filterSize, "NumFilters", numFilters});
  if (any (mod (layer.FilterSize, 2) == 0))
    error ("autoencoder:invalidOption",
           "maskedConvolution2dLayer: filterSize must be odd (the mask needs a centre), got %s",
           mat2str (layer.FilterSize));
  endif
endfunction

%!test
%! l = maskedConvolution2dLayer (7, 32, "Mask", "A", "Name", "first");
%! assert ({l.Type, l.FilterSize, l.NumFilters, l.Mask, l.Name},
%!         {"maskedConvolution2d", [7 7], 32, "A", "first"});
%! assert (maskedConvolution2dLayer (3, 8).Mask, "B");
%!error <Mask must be one of> maskedConvolution2dLayer (3, 8, "Mask", "C")
%!error <unknown option "Stride"> maskedConvolution2dLayer (3, 8, "Stride", 2)
%!error <Invalid call> maskedConvolution2dLayer (3)
%!error <filterSize must be odd> maskedConvolution2dLayer ([3 4], 8)
