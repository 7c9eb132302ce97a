## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{mssim} =} ae_ssim (@var{X}, @var{ref})
## @deftypefnx {} {[@var{mssim}, @var{per_image}, @var{map}] =} ae_ssim (@var{X}, @var{ref}, @var{name}, @var{value}, @dots{})
## Structural similarity (SSIM) of images @var{X} and @var{ref}, as Wang et
## al. (2004) define it in their reference code.
##
## For each window position the local means, population variances and
## covariance are weighted by an 11-by-11 Gaussian window (sigma 1.5, summing
## to 1), and
## @example
## SSIM = (2 mx my + C1) (2 sxy + C2) / ((mx^2 + my^2 + C1) (sx^2 + sy^2 + C2))
## @end example
## with C1 = (K1 L)^2, C2 = (K2 L)^2, K = [0.01 0.03] and L the data range.
## The map covers the 'valid' region (the window inside the image); an image's
## SSIM is its map's mean, averaged over the channels.  The values match
## scikit-image's @code{structural_similarity} with @code{gaussian_weights=True},
## @code{sigma=1.5}, @code{use_sample_covariance=False}.
##
## Arrays are read as @code{ae_mse} reads them: a 2-D array is one image, an
## H-by-W-by-3 array one colour image, other 3-D arrays H-by-W-by-N grey
## images and 4-D arrays H-by-W-by-C-by-N colour images; the option
## @qcode{"DataFormat"} (@qcode{"SS"}, @qcode{"SSC"}, @qcode{"SSB"},
## @qcode{"SSCB"}) says otherwise.  @var{per_image} is N-by-1; @var{mssim}
## is its mean; @var{map} has the valid region's size, (H-10)-by-(W-10) for
## the default window, by the channels and images the array has.
##
## Options: @qcode{"DataFormat"} (@qcode{"auto"}), @qcode{"DataRange"} (1 for floating point, the class's maximum for
## integers), @qcode{"WindowSize"} (11), @qcode{"Sigma"} (1.5), @qcode{"K"}
## ([0.01 0.03]).  Images smaller than the window are an error
## (@code{autoencoder:imageTooSmall}).
##
## @seealso{ae_psnr, ae_mse}
## @end deftypefn

function [mssim, per_image, map] = ae_ssim (X, ref, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  [A, B, range] = __ae_check_pair__ ("ae_ssim", X, ref);
  p = inputParser ();
  p.addParameter ("DataFormat", "auto");
  p.addParameter ("DataRange", range);
  p.addParameter ("WindowSize", 11);
  p.addParameter ("Sigma", 1.5);
  p.addParameter ("K", [0.01 0.03]);
  opts = __ae_parse__ ("ae_ssim", p, varargin);
  positive = @(v) isnumeric (v) && isscalar (v) && isreal (v) && isfinite (v) && v > 0;
  if (! positive (opts.DataRange))
    error ("autoencoder:outOfRange", "ae_ssim: DataRange must be a positive scalar");
  elseif (! positive (opts.WindowSize) || opts.WindowSize != fix (opts.WindowSize))
    error ("autoencoder:outOfRange", "ae_ssim: WindowSize must be a positive integer");
  elseif (! positive (opts.Sigma))
    error ("autoencoder:outOfRange", "ae_ssim: Sigma must be a positive scalar");
  elseif (! (isnumeric (opts.K) && numel (opts.K) == 2 && isreal (opts.K)
             && all (isfinite (opts.K)) && all (opts.K >= 0)))
    error ("autoencoder:outOfRange", "ae_ssim: K must be two non-negative values [K1 K2]");
  endif
  [sz, format] = __ae_image_format__ ("ae_ssim", A, opts.DataFormat);
  if (any (strcmp (format, {"BC", "CB"})))
    error ("autoencoder:invalidOption",
           "ae_ssim: SSIM compares images; DataFormat \"%s\" holds vectors", format);
  endif
  n_planes = prod (sz(3:4));
  outputs = cell (1, max (1, nargout - 1));
  [outputs{:}] = __autoencoder__ ("ssim", A, B, sz(1), sz(2), n_planes, opts.WindowSize,
                                  opts.Sigma, opts.K(1), opts.K(2), double (opts.DataRange));
  per_image = mean (reshape (outputs{1}, sz(3), sz(4)), 1).';
  mssim = mean (per_image);
  if (nargout > 2)
    ## the map keeps the array's own dimensions: a channel or image axis
    ## only where the array has one
    map_size = [sz(1:2) - opts.WindowSize + 1, size(A)(3:end)];
    map = reshape (outputs{2}, [map_size, 1]);
  endif
endfunction

%!test
%! ## identical images score 1; the map has the valid region's size
%! rand ("seed", 61);
%! X = rand (28, 24, 3);
%! [s, per, map] = ae_ssim (X, X, "DataFormat", "SSB");
%! assert (s, 1, 1e-12);
%! assert (per, ones (3, 1), 1e-12);
%! assert (size (map), [18 14 3]);
%! ## H-by-W-by-3 is one colour image, as MATLAB and scikit-image read it
%! [s, per, map] = ae_ssim (X, X);
%! assert (per, 1, 1e-12);
%! assert (size (map), [18 14 3]);
%! [~, per, map] = ae_ssim (X(:,:,1), X(:,:,1));
%! assert (size (map), [18 14]);

%!test
%! ## the first image pair of tests/reference/make_metrics_reference.py,
%! ## against skimage's structural_similarity
%! k = (0:28*24-1).';
%! x = (0.5 + 0.5 * sin (0.37 * k)) .* (0.6 + 0.4 * sin (0.011 * k));
%! y = min (max (x + 0.08 * sin (1.91 * k + 2), 0), 1);
%! assert (ae_ssim (reshape (x, 28, 24), reshape (y, 28, 24)), 0.94283079700659878, 1e-6);

%!test
%! ## constant images: the luminance term alone; uint8 uses the range 255
%! c1 = (0.01 * 255) ^ 2;
%! s = ae_ssim (uint8 (50 * ones (20)), uint8 (150 * ones (20)));
%! assert (s, (2 * 50 * 150 + c1) / (50^2 + 150^2 + c1), 1e-12);
%! ## colour images average their channels
%! rand ("seed", 62);
%! X = rand (16, 16, 3, 2);
%! Y = X + 0.05 * randn (size (X));
%! [s, per] = ae_ssim (X, Y);
%! assert (per(2), mean (arrayfun (@(c) ae_ssim (X(:,:,c,2), Y(:,:,c,2)), 1:3)), 1e-12);

%!error <Invalid call> ae_ssim (1)
%!error <smaller than the 11-by-11 window> ae_ssim (rand (10, 20), rand (10, 20))
%!error id=autoencoder:imageTooSmall ae_ssim (rand (5), rand (5))
%!error <WindowSize must be a positive integer> ae_ssim (rand (20), rand (20), "WindowSize", 2.5)
%!error <K must be two> ae_ssim (rand (20), rand (20), "K", 0.01)
%!error <unknown option "Window"> ae_ssim (rand (20), rand (20), "Window", 7)
%!error <DataRange must be> ae_ssim (rand (20), rand (20), "DataRange", 0)
%!error <holds vectors> ae_ssim (rand (20), rand (20), "DataFormat", "BC")
%!error <does not fit DataFormat "SS"> ae_ssim (rand (20, 20, 2), rand (20, 20, 2), "DataFormat", "SS")
