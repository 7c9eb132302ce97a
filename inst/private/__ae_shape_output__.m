## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{Y} =} __ae_shape_output__ (@var{Yt}, @var{sample_size})
## Turn the core's one-sample-per-column result @var{Yt} into double data in the
## user's convention: N-by-D for vector samples, images for image samples.
## @end deftypefn

function Y = __ae_shape_output__ (Yt, sample_size)
  if (isscalar (sample_size))
    Y = double (Yt.');
  else
    Y = reshape (double (Yt), [sample_size, columns(Yt)]);
  endif
endfunction
