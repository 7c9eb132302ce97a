## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} globalAveragePooling2dLayer ()
## @deftypefnx {} {@var{layer} =} globalAveragePooling2dLayer ("Name", @var{name})
## A global average pooling layer, as the Deep Learning Toolbox's function
## of that name describes it: each channel of an H-by-W-by-C input becomes
## its mean over the H x W positions, a 1-by-1-by-C output (what a
## convolutional encoder often ends with instead of a flatten layer, and
## what PyTorch's @code{AdaptiveAvgPool2d(1)} computes).  It has no weights.
## In a mirrored decoder it is undone by a fully connected layer back to
## the H-by-W-by-C size.
##
## @example
## encoder = [convolution2dLayer(3, 16, "Padding", "same"), reluLayer, ...
##            globalAveragePooling2dLayer, fullyConnectedLayer(8)];
## @end example
## @seealso{ae_layers}
## @end deftypefn

function layer = globalAveragePooling2dLayer (varargin)
  layer = __ae_dl_layer__ ("globalAveragePooling2dLayer", "globalAveragePooling2d", varargin);
endfunction

%!test
%! l = globalAveragePooling2dLayer ("Name", "gap");
%! assert (l.Type, "globalAveragePooling2d");
%! assert (l.Name, "gap");
%! assert (size ([convolution2dLayer(3, 4), globalAveragePooling2dLayer]), [1 2]);
%!test
%! ## each channel's mean, as the model's forward pass computes it
%! X = rand (6, 5, 3, 4);
%! m = ae_train (X, "Encoder", globalAveragePooling2dLayer, "LatentDim", 2, "Epochs", 0,
%!               "Verbose", false);
%! assert ({m.encoder.type}, {"globalavgpool", "dense"});
%! ## the code layer after it reads the three channel means
%! W = m.encoder(2).W;
%! b = m.encoder(2).b;
%! means = reshape (mean (mean (X, 1), 2), 3, 4);
%! assert (double (ae_encode (m, X)), (double (W) * means + double (b)).', 1e-5);
%! ## the mirrored decoder undoes it with a fully connected layer to 6x5x3
%! assert ({m.decoder.type}, {"dense", "dense", "reshape", "sigmoid"});
%! t = ae_summary (m);
%! assert (! isempty (regexp (t, "global average pooling 6x5 +1x1x3 +0\n", "once")));
%! assert (! isempty (regexp (t, "fully connected 3 -> 90 +1x1x90 +360\n", "once")));
%!error <unknown option "PoolSize"> globalAveragePooling2dLayer ("PoolSize", 2)
