## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} transposedConv2dLayer (@var{filterSize}, @var{numFilters})
## @deftypefnx {} {@var{layer} =} transposedConv2dLayer (@dots{}, @var{name}, @var{value}, @dots{})
## A 2-D transposed convolution layer (the adjoint of a convolution: it
## upsamples by its stride), as the Deep Learning Toolbox describes it.
##
## An input of height h becomes (h - 1) stride + FH - cropping + output
## padding.  Options: @qcode{"Stride"} (1, equal in both directions),
## @qcode{"Cropping"} (0; @qcode{"same"} gives exactly h stride, as Keras's
## @code{padding="same"}, or p, [a b] or [top bottom left right] rows and
## columns cut from the output), @qcode{"OutputPadding"} (0: rows and columns
## added at the bottom and right, below the stride; PyTorch's
## @code{output_padding}, not a MATLAB option) and @qcode{"Name"}.  The
## weights are FH-by-FW-by-F-by-C (MATLAB's layout).
##
## @example
## decoder = [transposedConv2dLayer(3, 32, "Stride", 2, "Cropping", "same"), reluLayer];
## @end example
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = transposedConv2dLayer (filterSize, numFilters, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  fname = "transposedConv2dLayer";
  layer = __ae_dl_layer__ (fname, "transposedConv2d", varargin,
                           {"FilterSize", filterSize, "NumFilters", numFilters});
  if (any (layer.OutputPadding >= layer.Stride))
    error ("autoencoder:invalidOption", "%s: OutputPadding must be below the stride %d",
           fname, layer.Stride(1));
  endif
endfunction

%!test
%! l = transposedConv2dLayer (3, 64, "Stride", 2, "Cropping", "same");
%! assert (l.FilterSize, [3 3]);
%! assert (l.Cropping, "same");
%! assert (l.OutputPadding, [0 0]);
%!test
%! l = transposedConv2dLayer ([3 3], 1, "Stride", 2, "Cropping", 1, "OutputPadding", 1);
%! assert (l.Cropping, [1 1 1 1]);
%! assert (l.OutputPadding, [1 1]);
%!error <OutputPadding must be below> transposedConv2dLayer (3, 1, "OutputPadding", 1)
%!error <Cropping> transposedConv2dLayer (3, 1, "Cropping", -1)
%!error <Stride must be the same> transposedConv2dLayer (3, 1, "Stride", [2 1])
%!error <unknown option "Padding"> transposedConv2dLayer (3, 1, "Padding", 1)
