## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{v} =} __ae_dl_square__ (@var{fname}, @var{what}, @var{value})
## A Stride or Scale value: a positive integer or [a a], returned as [a a].
## The core moves windows by the same step down and across.
## @end deftypefn

function v = __ae_dl_square__ (fname, what, value)
  v = __ae_dl_size__ (fname, what, value, 2);
  if (v(1) != v(2))
    error ("autoencoder:invalidOption",
           "%s: %s must be the same in both directions here, got [%d %d]", fname, what, v);
  endif
endfunction
