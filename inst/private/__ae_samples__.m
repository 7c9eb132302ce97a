## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{At}, @var{Bt}, @var{n}] =} __ae_samples__ (@var{A}, @var{B})
## One sample per column, in the package's data convention: the rows of an
## N-by-D matrix, or the last dimension of H-by-W-by-N and H-by-W-by-C-by-N
## images.
## @end deftypefn

function [At, Bt, n] = __ae_samples__ (A, B)
  if (ismatrix (A))
    At = A.';
    Bt = B.';
    n = rows (A);
  else
    n = size (A, ndims (A));
    At = reshape (A, [], n);
    Bt = reshape (B, [], n);
  endif
endfunction
