## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{F1t}, @var{F2t}] =} __ae_check_features__ (@var{fname}, @var{F1}, @var{F2}, @var{names})
## Check two N-by-D feature sets (real, full, finite, equal D) and return them
## transposed, one sample per column, as doubles.
## @end deftypefn

function [F1t, F2t] = __ae_check_features__ (fname, F1, F2, names)
  values = {F1, F2};
  for k = 1:2
    v = values{k};
    if (! (isnumeric (v) || islogical (v)) || iscomplex (v) || issparse (v) || ! ismatrix (v)
        || isempty (v))
      error ("autoencoder:invalidData", "%s: %s must be a non-empty real N-by-D matrix",
             fname, names{k});
    elseif (! all (isfinite (v(:))))
      error ("autoencoder:nonFinite", "%s: %s contains NaN or Inf", fname, names{k});
    endif
  endfor
  if (columns (F1) != columns (F2))
    error ("autoencoder:sizeMismatch", "%s: %s has %d features, %s has %d", fname,
           names{1}, columns (F1), names{2}, columns (F2));
  endif
  F1t = double (F1).';
  F2t = double (F2).';
endfunction
