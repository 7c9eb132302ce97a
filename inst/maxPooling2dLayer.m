## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} maxPooling2dLayer (@var{poolSize})
## @deftypefnx {} {@var{layer} =} maxPooling2dLayer (@dots{}, @var{name}, @var{value}, @dots{})
## A 2-D pooling layer that keeps the largest value of each window (ties go to the first; padding never wins), channel by channel, as the Deep Learning
## Toolbox's function of that name describes it.
##
## @var{poolSize} is a scalar or [height width].  Options: @qcode{"Stride"}
## (1, MATLAB's default; use the pool size for windows that do not overlap),
## @qcode{"Padding"} (0, @qcode{"same"}, p, [a b] or [top bottom left right];
## less than the pool size) and @qcode{"Name"}.  When decoders are mirrored,
## a pooling layer becomes a nearest-neighbour @code{resize2dLayer} by its
## stride.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = maxPooling2dLayer (poolSize, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_pool__ ("maxPooling2dLayer", "maxPooling2d", poolSize, varargin);
endfunction

%!test
%! l = maxPooling2dLayer (2, "Stride", 2);
%! assert (l.PoolSize, [2 2]);
%! assert (l.Stride, [2 2]);
%! assert (l.Padding, [0 0 0 0]);
%!error <poolSize> maxPooling2dLayer ([2 2 2])
%!error <Stride must be the same> maxPooling2dLayer (2, "Stride", [1 2])
%!error <Invalid call> maxPooling2dLayer ()
