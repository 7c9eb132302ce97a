## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{k} =} __ae_nearest__ (@var{Z}, @var{C})
## For each row of @var{Z} (N-by-d), the index of the nearest column of
## @var{C} (d-by-K) in Euclidean distance: the least |c|^2 - 2 z.c, ties to
## the lower index.
## @end deftypefn

function k = __ae_nearest__ (Z, C)
  [~, k] = min (sum (C .^ 2, 1) - 2 * Z * C, [], 2);
endfunction
