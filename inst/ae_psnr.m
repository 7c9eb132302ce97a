## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{p} =} ae_psnr (@var{X}, @var{ref})
## @deftypefnx {} {@var{p} =} ae_psnr (@var{X}, @var{ref}, @var{peak})
## @deftypefnx {} {[@var{p}, @var{per_sample}] =} ae_psnr (@dots{})
## Peak signal-to-noise ratio of @var{X} against @var{ref}, in decibels:
## @code{10 log10 (peak^2 / mse)} per sample.
##
## Samples follow @code{ae_mse}'s convention.  @var{peak}, the data range,
## defaults to 1 for floating-point data and to the class's maximum for
## integer data (255 for uint8), as Octave's image package does.
## @var{per_sample} holds each sample's PSNR (Inf for identical samples);
## @var{p} is their mean.
##
## @seealso{ae_mse, ae_ssim}
## @end deftypefn

function [p, per_sample] = ae_psnr (X, ref, peak)
  if (nargin < 2 || nargin > 3)
    print_usage ();
  endif
  [A, B, range] = __ae_check_pair__ ("ae_psnr", X, ref);
  if (nargin > 2)
    if (! (isnumeric (peak) && isscalar (peak) && isreal (peak) && isfinite (peak) && peak > 0))
      error ("autoencoder:outOfRange", "ae_psnr: PEAK must be a positive finite scalar");
    endif
    range = double (peak);
  endif
  [At, Bt, n] = __ae_samples__ (A, B);
  mse = __autoencoder__ ("mse", At, Bt, n);
  per_sample = 10 * log10 (range ^ 2 ./ mse);
  p = mean (per_sample);
endfunction

%!test
%! ## the value skimage's peak_signal_noise_ratio gives (tests/reference/metrics.txt)
%! X = [0.5 0.25; 1 0];
%! Y = [0.5 0.5; 0.75 0];
%! [p, per] = ae_psnr (X, Y);
%! assert (per, [10 * log10(1 / (0.25^2 / 2)); 10 * log10(1 / (0.25^2 / 2))], 1e-12);
%! assert (ae_psnr (uint8 ([0 100]), uint8 ([10 100])), 10 * log10 (255^2 / 50), 1e-12);
%! assert (ae_psnr ([0 100], [10 100], 255), 10 * log10 (255^2 / 50), 1e-12);

%!test
%! ## identical samples give Inf
%! assert (ae_psnr ([1 2; 3 4], [1 2; 3 5])(1) > 0);
%! [p, per] = ae_psnr ([1 2; 3 4], [1 2; 3 5], 4);
%! assert (isinf (per(1)) && isinf (p));

%!error <Invalid call> ae_psnr (1)
%!error <PEAK must be> ae_psnr (1, 1, -3)
%!error <X is \[1 2\] but Y is \[2 1\]> ae_psnr ([1 2], [1; 2])
