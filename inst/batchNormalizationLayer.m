## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} batchNormalizationLayer ()
## @deftypefnx {} {@var{layer} =} batchNormalizationLayer (@var{name}, @var{value}, @dots{})
## A batch normalization layer (Ioffe and Szegedy 2015): each channel of an
## image (each value of a fully connected layer's output) is normalized
## over the mini-batch, then scaled and offset by learned parameters:
##
## @example
## y = Scale .* (x - mean) ./ sqrt (variance + Epsilon) + Offset
## @end example
##
## While training, mean and variance are the mini-batch's, and running
## averages of them are kept; predictions (@code{ae_encode},
## @code{vae_decode}, validation losses, @dots{}) use the running averages.
## The results match PyTorch's BatchNorm2d and BatchNorm1d.
##
## Options: @qcode{"Epsilon"} (1e-5, added to the variance),
## @qcode{"MeanDecay"} and @qcode{"VarianceDecay"} (0.1 each: the weight of
## the mini-batch in the running averages, PyTorch's momentum), @qcode{"Name"}.
## The scale starts at 1 and the offset at 0.  The trained model's layer
## keeps the scale in @code{W}, the offset in @code{b} and the running
## averages in @code{mean} and @code{variance}.
##
## @example
## @group
## encoder = [convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), ...
##            batchNormalizationLayer, reluLayer];
## @end group
## @end example
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = batchNormalizationLayer (varargin)
  layer = __ae_dl_layer__ ("batchNormalizationLayer", "batchNormalization", varargin);
endfunction

%!test
%! l = batchNormalizationLayer ("Name", "bn", "MeanDecay", 0.2);
%! assert ({l.Type, l.Name, l.Epsilon, l.MeanDecay, l.VarianceDecay},
%!         {"batchNormalization", "bn", 1e-5, 0.2, 0.1});
%!assert (size ([convolution2dLayer(3, 4), batchNormalizationLayer, reluLayer]), [1 3])
%!error <Epsilon must be> batchNormalizationLayer ("Epsilon", 0)
%!error <MeanDecay must be> batchNormalizationLayer ("MeanDecay", 2)
%!error <unknown option "Scale"> batchNormalizationLayer ("Scale", 2)
