## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{Yt} =} __ae_targets__ (@var{fname}, @var{T}, @var{n_classes}, @var{n})
## Targets in MATLAB's convention: a K-by-N matrix whose columns are class
## distributions (one-hot for labels), K = @var{n_classes} when that is not
## empty, as single.
## @end deftypefn

function Yt = __ae_targets__ (fname, T, n_classes, n)
  if (! (isnumeric (T) || islogical (T)) || ! ismatrix (T) || ! isreal (T) || issparse (T)
      || columns (T) != n || (! isempty (n_classes) && rows (T) != n_classes)
      || rows (T) < 2)
    error ("autoencoder:invalidData",
           "%s: T must be a %s-by-%d matrix of targets, one column per sample", fname,
           merge (isempty (n_classes), "K", num2str (n_classes)), n);
  endif
  Yt = single (T);
  if (! all (isfinite (Yt(:))) || any (Yt(:) < 0) || any (abs (sum (Yt, 1) - 1) > 1e-3))
    error ("autoencoder:invalidData",
           "%s: each column of T must be a distribution over the classes (non-negative, summing to 1), such as a one-hot column",
           fname);
  endif
endfunction
