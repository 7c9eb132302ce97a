## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} flattenLayer ()
## @deftypefnx {} {@var{layer} =} flattenLayer ("Name", @var{name})
## A layer that turns an H-by-W-by-C image into a 1-by-1-by-(H W C) column,
## @code{x(:)}.  A fully connected layer flattens its input itself, so this
## layer only makes a description read as it does in MATLAB or Keras.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = flattenLayer (varargin)
  layer = __ae_dl_layer__ ("flattenLayer", "flatten", varargin);
endfunction

%!assert (flattenLayer ().Type, "flatten")
%!error <unknown option> flattenLayer ("Size", 3)
