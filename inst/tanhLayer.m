## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} tanhLayer ()
## @deftypefnx {} {@var{layer} =} tanhLayer ("Name", @var{name})
## An activation layer computing tanh(x) value by value.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = tanhLayer (varargin)
  layer = __ae_dl_layer__ ("tanhLayer", "tanh", varargin);
endfunction

%!assert (tanhLayer ("Name", "a").Name, "a")
%!assert (tanhLayer ().Type, "tanh")
%!error <unknown option "Scale"> tanhLayer ("Scale", 2)
