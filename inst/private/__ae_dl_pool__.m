## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_dl_pool__ (@var{fname}, @var{type}, @var{poolSize}, @var{args})
## The layer of maxPooling2dLayer and averagePooling2dLayer: pool size,
## "Stride" (1, MATLAB's default) and "Padding" (0), as the core declares them.
## @end deftypefn

function layer = __ae_dl_pool__ (fname, type, poolSize, args)
  layer = __ae_dl_layer__ (fname, type, args, {"PoolSize", poolSize});
endfunction
