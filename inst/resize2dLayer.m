## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} resize2dLayer ("Scale", @var{scale})
## @deftypefnx {} {@var{layer} =} resize2dLayer (@dots{}, @var{name}, @var{value}, @dots{})
## A nearest-neighbour upsampling layer: every pixel becomes a
## @var{scale}-by-@var{scale} block, as the Deep Learning Toolbox's
## @code{resize2dLayer} with @qcode{"Method"} @qcode{"nearest"} does for an
## integer scale.
##
## Options: @qcode{"Scale"} (required; a positive integer, or [a a]),
## @qcode{"Method"} (@qcode{"nearest"}, the only method here) and
## @qcode{"Name"}.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = resize2dLayer (varargin)
  fname = "resize2dLayer";
  layer = __ae_dl_layer__ (fname, "resize2d", varargin, {}, {"Method"},
                           struct ("Method", "nearest"));
  if (! (ischar (layer.Method) && strcmpi (layer.Method, "nearest")))
    error ("autoencoder:invalidOption", "%s: Method must be \"nearest\"", fname);
  endif
  layer = rmfield (layer, "Method");
endfunction

%!test
%! l = resize2dLayer ("Scale", 2);
%! assert (l.Scale, [2 2]);
%! assert (l.Type, "resize2d");
%!error <give the "Scale"> resize2dLayer ()
%!error <Method must be> resize2dLayer ("Scale", 2, "Method", "bilinear")
%!error <Scale must be> resize2dLayer ("Scale", 1.5)
