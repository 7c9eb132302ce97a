## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_dl_pool__ (@var{fname}, @var{type}, @var{poolSize}, @var{args})
## The layer of maxPooling2dLayer and averagePooling2dLayer: pool size,
## "Stride" (1, MATLAB's default) and "Padding" (0).
## @end deftypefn

function layer = __ae_dl_pool__ (fname, type, poolSize, args)
  layer = __ae_dl_layer__ (fname, type, args, {"Stride", "Padding"},
                           struct ("Stride", 1, "Padding", 0));
  layer.PoolSize = __ae_dl_size__ (fname, "poolSize", poolSize, 2);
  layer.Stride = __ae_dl_square__ (fname, "Stride", layer.Stride);
  layer.Padding = __ae_dl_padding__ (fname, "Padding", layer.Padding);
endfunction
