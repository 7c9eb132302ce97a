## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} convolution2dLayer (@var{filterSize}, @var{numFilters})
## @deftypefnx {} {@var{layer} =} convolution2dLayer (@dots{}, @var{name}, @var{value}, @dots{})
## A 2-D convolution layer for the @qcode{"Encoder"} and @qcode{"Decoder"}
## options of @code{vae_train} and @code{ae_train}, as the Deep Learning
## Toolbox's function of that name describes it.
##
## @var{filterSize} is a scalar or [height width]; @var{numFilters} filters
## make as many output channels.  Options: @qcode{"Stride"} (1; a scalar or
## [a a]: strides must be equal in both directions here),
## @qcode{"Padding"} (0; @qcode{"same"} keeps ceil(input / stride), with
## the odd pixel at the bottom and right as MATLAB and TensorFlow do, or p,
## [a b] or [top bottom left right] zero rows and columns) and
## @qcode{"Name"}.  Like MATLAB's and PyTorch's, the layer computes a
## cross-correlation.  Its weights are FH-by-FW-by-C-by-F (MATLAB's layout),
## initialised as PyTorch does.
##
## @example
## encoder = [convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), reluLayer];
## @end example
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = convolution2dLayer (filterSize, numFilters, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("convolution2dLayer", "convolution2d", varargin,
                           {"FilterSize", filterSize, "NumFilters", numFilters});
endfunction

%!test
%! l = convolution2dLayer (3, 32, "Stride", 2, "Padding", "same", "Name", "c1");
%! assert (l.FilterSize, [3 3]);
%! assert (l.NumFilters, 32);
%! assert (l.Stride, [2 2]);
%! assert (l.Padding, "same");
%! assert (l.Name, "c1");
%! assert (l.Type, "convolution2d");
%!test
%! l = convolution2dLayer ([5 3], 4, "padding", [1 2]);
%! assert (l.Padding, [1 1 2 2]);
%! assert (l.Stride, [1 1]);
%!test
%! layers = [convolution2dLayer(3, 8), reluLayer, maxPooling2dLayer(2, "Stride", 2)];
%! assert (size (layers), [1 3]);
%!error <Stride must be the same> convolution2dLayer (3, 8, "Stride", [1 2])
%!error <filterSize> convolution2dLayer (0, 8)
%!error <numFilters> convolution2dLayer (3, 2.5)
%!error <Padding> convolution2dLayer (3, 8, "Padding", "valid")
%!error <unknown option "DilationFactor"> convolution2dLayer (3, 8, "DilationFactor", 2)
%!error <Invalid call> convolution2dLayer (3)
