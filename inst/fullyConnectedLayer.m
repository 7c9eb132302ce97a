## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} fullyConnectedLayer (@var{outputSize})
## @deftypefnx {} {@var{layer} =} fullyConnectedLayer (@dots{}, "Name", @var{name})
## A fully connected layer of @var{outputSize} units, y = W x + b with W
## @var{outputSize}-by-(number of input values).  An image input is read as
## one column, @code{x(:)} of its H-by-W-by-C values (so no flatten layer is
## needed before it); the output is a 1-by-1-by-@var{outputSize} image.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = fullyConnectedLayer (outputSize, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("fullyConnectedLayer", "fullyConnected", varargin,
                           {"OutputSize", outputSize});
endfunction

%!test
%! l = fullyConnectedLayer (16, "Name", "fc");
%! assert (l.OutputSize, 16);
%! assert (l.Name, "fc");
%!error <outputSize> fullyConnectedLayer (0)
%!error <Name must be a string> fullyConnectedLayer (3, "Name", 3)
%!error <pairs> fullyConnectedLayer (3, "Name")
