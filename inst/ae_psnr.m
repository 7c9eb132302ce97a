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
## @deftypefnx {} {@var{p} =} ae_psnr (@dots{}, "DataFormat", @var{format})
## @deftypefnx {} {[@var{p}, @var{per_image}] =} ae_psnr (@dots{})
## Peak signal-to-noise ratio of @var{X} against @var{ref}, in decibels:
## @code{10 log10 (peak^2 / mse)} per image, as MATLAB's @code{psnr} and
## scikit-image's @code{peak_signal_noise_ratio} compute it for one image.
##
## Arrays are read as @code{ae_mse} reads them: a 2-D array is one image, an
## H-by-W-by-3 array one colour image, other 3-D arrays H-by-W-by-N grey
## images, 4-D arrays H-by-W-by-C-by-N colour images, and
## @qcode{"DataFormat"} (@qcode{"SS"}, @qcode{"SSC"}, @qcode{"SSB"},
## @qcode{"SSCB"}, @qcode{"BC"}, @qcode{"CB"}) says otherwise.  For a batch,
## @var{per_image} holds each image's PSNR (Inf for identical images) and
## @var{p} is their mean.
##
## @var{peak}, the data range, defaults to 1 for floating-point data and to
## the class's maximum for integer data (255 for uint8), as MATLAB and
## Octave's image package do.
##
## @seealso{ae_mse, ae_ssim}
## @end deftypefn

function [p, per_image] = ae_psnr (X, ref, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  peak = [];
  if (mod (numel (varargin), 2) == 1)
    peak = varargin{1};
    varargin(1) = [];
    if (! (isnumeric (peak) && isscalar (peak) && isreal (peak) && isfinite (peak) && peak > 0))
      error ("autoencoder:outOfRange", "ae_psnr: PEAK must be a positive finite scalar");
    endif
  endif
  format = __ae_metric_options__ ("ae_psnr", varargin);
  [mse, range] = __ae_image_mse__ ("ae_psnr", X, ref, format);
  if (! isempty (peak))
    range = double (peak);
  endif
  per_image = 10 * log10 (range ^ 2 ./ mse);
  p = mean (per_image);
endfunction

%!test
%! ## one image, as skimage's peak_signal_noise_ratio and MATLAB's psnr
%! X = [0.5 0.25; 1 0];
%! Y = [0.5 0.5; 0.75 0];
%! [p, per] = ae_psnr (X, Y);
%! assert (p, 10 * log10 (1 / (2 * 0.25^2 / 4)), 1e-12);
%! assert (per, p);
%! [p, per] = ae_psnr (X, Y, "DataFormat", "BC");
%! assert (per, [10 * log10(1 / (0.25^2 / 2)); 10 * log10(1 / (0.25^2 / 2))], 1e-12);
%! assert (ae_psnr (uint8 ([0 100]), uint8 ([10 100])), 10 * log10 (255^2 / 50), 1e-12);
%! assert (ae_psnr ([0 100], [10 100], 255), 10 * log10 (255^2 / 50), 1e-12);
%! assert (ae_psnr ([0 100], [10 100], 255, "DataFormat", "SS"), 10 * log10 (255^2 / 50), 1e-12);

%!test
%! ## identical images give Inf; batches are scored per image and averaged
%! [p, per] = ae_psnr (cat (3, [1 2; 3 4], [1 2; 3 4]), cat (3, [1 2; 3 5], [1 2; 3 4]), 4);
%! assert (per, [10 * log10(16 / 0.25); Inf]);
%! assert (isinf (p));
%! rand ("seed", 63);
%! X = rand (6, 5, 4);
%! Y = X + 0.05 * randn (size (X));
%! [p, per] = ae_psnr (X, Y);
%! assert (per(2), ae_psnr (X(:,:,2), Y(:,:,2)), 1e-12);
%! assert (p, mean (per), 1e-12);

%!error <Invalid call> ae_psnr (1)
%!error <PEAK must be> ae_psnr (1, 1, -3)
%!error <DataFormat must be> ae_psnr (1, 1, "DataFormat", "B")
%!error <option names must be strings> ae_psnr (1, 1, 1, "DataFormat")
%!error <X is \[1 2\] but Y is \[2 1\]> ae_psnr ([1 2], [1; 2])
