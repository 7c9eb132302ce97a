## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{per_image}, @var{range}] =} __ae_image_mse__ (@var{fname}, @var{X}, @var{Y}, @var{format})
## The mean squared difference of each image (or sample) of @var{X} and
## @var{Y}, read as __ae_image_format__ reads @var{format}: an N-by-1
## vector, computed in double precision by the core.  @var{range} is the
## data range the arrays' class implies (__ae_check_pair__).
## @end deftypefn

function [per_image, range] = __ae_image_mse__ (fname, X, Y, format)
  [A, B, range] = __ae_check_pair__ (fname, X, Y);
  [sz, format] = __ae_image_format__ (fname, A, format);
  if (strcmp (format, "BC"))
    A = A.';
    B = B.';
  endif
  n = sz(4);
  per_image = __autoencoder__ ("mse", reshape (A, [], n), reshape (B, [], n), n);
endfunction
