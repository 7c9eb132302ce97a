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
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = leakyReluLayer (varargin)
  given = {};
  if (nargin > 0 && ! ischar (varargin{1}))
    given = {"Scale", varargin{1}};
    varargin(1) = [];
  endif
  layer = __ae_dl_layer__ ("leakyReluLayer", "leakyRelu", varargin, given);
endfunction

%!assert (leakyReluLayer ().Scale, 0.01)
%!assert (leakyReluLayer (0.2, "Name", "lr").Scale, 0.2)
%!error <scale must be> leakyReluLayer (2)
