## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} reluLayer ()
## @deftypefnx {} {@var{layer} =} reluLayer ("Name", @var{name})
## An activation layer computing max(x, 0) value by value.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = reluLayer (varargin)
  layer = __ae_dl_layer__ ("reluLayer", "relu", varargin);
endfunction

%!assert (reluLayer ("Name", "a").Name, "a")
%!assert (reluLayer ().Type, "relu")
%!error <unknown option "Scale"> reluLayer ("Scale", 2)
