## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} dropoutLayer ()
## @deftypefnx {} {@var{layer} =} dropoutLayer (@var{probability})
## @deftypefnx {} {@var{layer} =} dropoutLayer (@dots{}, "Name", @var{name})
## A dropout layer (Srivastava et al. 2014): while training, each value is
## set to zero with the given @var{probability} (0.5 by default, as in
## MATLAB) and the others are scaled by 1/(1 - @var{probability}), a new
## draw for every sample of every batch from the training's seeded stream;
## predictions pass the values through unchanged.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = dropoutLayer (varargin)
  given = {};
  if (nargin > 0 && ! ischar (varargin{1}))
    given = {"Probability", varargin{1}};
    varargin(1) = [];
  endif
  layer = __ae_dl_layer__ ("dropoutLayer", "dropout", varargin, given);
endfunction

%!assert (dropoutLayer ().Probability, 0.5)
%!assert (dropoutLayer (0.2, "Name", "d").Name, "d")
%!assert (size ([fullyConnectedLayer(4), dropoutLayer, reluLayer]), [1 3])
%!error <probability must be> dropoutLayer (1)
%!error <unknown option "Probability"> dropoutLayer ("Probability", 0.3)
