## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{Y} =} __ae_sequence_output__ (@var{Yt}, @var{X})
## Sequences the gateway gave (struct ("frames", F, "lengths", L)) in the
## form of the data @var{X} they came from: a cell array of the same shape
## of C-by-T double matrices, or a C-by-N-by-T array when @var{X} was one;
## @var{X} empty gives an N-by-1 cell array.
## @end deftypefn

function Y = __ae_sequence_output__ (Yt, X = [])
  C = rows (Yt.frames);
  Y = mat2cell (double (Yt.frames), C, Yt.lengths);
  if (iscell (X))
    Y = reshape (Y, size (X));
  elseif (isnumeric (X) && ndims (X) == 3)
    Y = permute (cat (3, Y{:}), [1 3 2]);
  else
    Y = Y(:);
  endif
endfunction
