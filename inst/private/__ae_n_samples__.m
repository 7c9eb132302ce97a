## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{n} =} __ae_n_samples__ (@var{Xt})
## The samples of data from __ae_check_data__: the columns of a matrix, or
## those of data kept in the gateway (a struct).
## @end deftypefn

function n = __ae_n_samples__ (Xt)
  if (isstruct (Xt) && isfield (Xt, "lengths"))   # sequences
    n = numel (Xt.lengths);
  elseif (isstruct (Xt) && isfield (Xt, "image_files"))   # read from files
    n = numel (Xt.image_files);
  elseif (isstruct (Xt))
    n = Xt.columns;
  else
    n = columns (Xt);
  endif
endfunction
