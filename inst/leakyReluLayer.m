## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} leakyReluLayer ()
## @deftypefnx {} {@var{layer} =} leakyReluLayer (@var{scale})
## @deftypefnx {} {@var{layer} =} leakyReluLayer (@dots{}, "Name", @var{name})
## An activation layer computing x for x > 0 and @var{scale} x otherwise
## (@var{scale} 0.01 by default, as in MATLAB).
## @seealso{convolution2dLayer, transposedConv2dLayer, maxPooling2dLayer, averagePooling2dLayer, resize2dLayer, fullyConnectedLayer, flattenLayer, projectAndReshapeLayer, imageInputLayer, reluLayer, leakyReluLayer, sigmoidLayer, tanhLayer, batchNormalizationLayer, dropoutLayer, ae_summary, vae_train, ae_train}
## @end deftypefn

function layer = leakyReluLayer (varargin)
  fname = "leakyReluLayer";
  scale = 0.01;
  if (nargin > 0 && isnumeric (varargin{1}))
    scale = varargin{1};
    varargin(1) = [];
  endif
  if (! (isreal (scale) && isscalar (scale) && scale >= 0 && scale <= 1))
    error ("autoencoder:invalidOption", "%s: scale must be a real scalar in [0, 1]", fname);
  endif
  layer = __ae_dl_layer__ (fname, "leakyRelu", varargin);
  layer.Scale = double (scale);
endfunction

%!assert (leakyReluLayer ().Scale, 0.01)
%!assert (leakyReluLayer (0.2, "Name", "lr").Scale, 0.2)
%!error <scale must be> leakyReluLayer (2)
