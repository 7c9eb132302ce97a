## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{err} =} ae_mse (@var{X}, @var{Y})
## @deftypefnx {} {@var{err} =} ae_mse (@var{X}, @var{Y}, "DataFormat", @var{format})
## @deftypefnx {} {[@var{err}, @var{per_image}] =} ae_mse (@dots{})
## Mean squared error between @var{X} and @var{Y}, as MATLAB's @code{immse}
## and scikit-image's @code{mean_squared_error} compute it.
##
## A 2-D array is one image and an H-by-W-by-3 array one colour image, as
## MATLAB and scikit-image read them; any other 3-D array is H-by-W-by-N grey
## images and a 4-D array H-by-W-by-C-by-N colour images.  The option
## @qcode{"DataFormat"} says otherwise, with MATLAB's dlarray labels:
## @qcode{"SS"}, @qcode{"SSC"}, @qcode{"SSB"}, @qcode{"SSCB"}, or for
## vector data @qcode{"BC"} (N-by-D, a sample per row, as @code{ae_train}
## takes them) and @qcode{"CB"} (D-by-N, a sample per column, as
## @code{trainAutoencoder} takes them).  Every image metric of the package
## (@code{ae_mse}, @code{ae_psnr}, @code{ae_ssim}) reads arrays this way.
##
## @var{per_image} (N-by-1) holds each image's mean of squared differences;
## @var{err} is their mean, which is the mean over all values.  Values are
## compared as they are (uint8 images in 0..255).  Computed in double
## precision by the C core.
##
## @seealso{ae_psnr, ae_ssim, ae_reconstruct}
## @end deftypefn

function [err, per_image] = ae_mse (X, Y, varargin)
  if (nargin != 2 && nargin != 4)
    print_usage ();
  endif
  format = __ae_metric_options__ ("ae_mse", varargin);
  per_image = __ae_image_mse__ ("ae_mse", X, Y, format);
  err = mean (per_image);
endfunction

%!test
%! ## a 2-D array is one image; "BC" reads its rows as samples
%! X = [1 2 3; 4 5 6];
%! Y = [1 2 4; 4 7 6];
%! [e, per] = ae_mse (X, Y);
%! assert (per, 5/6, 1e-15);
%! assert (e, 5/6, 1e-15);
%! [e, per] = ae_mse (X, Y, "DataFormat", "BC");
%! assert (per, [1/3; 4/3], 1e-15);
%! assert (e, 5/6, 1e-15);
%! [e, per] = ae_mse (X.', Y.', "DataFormat", "CB");
%! assert (per, [1/3; 4/3], 1e-15);

%!test
%! ## batches: per image along the last dimension; immse's value on the whole
%! rand ("seed", 60);
%! X = rand (5, 4, 3, 7);
%! Y = X + 0.1 * rand (size (X));
%! [e, per] = ae_mse (X, Y);
%! assert (size (per), [7 1]);
%! assert (per(3), mean ((X(:,:,:,3) - Y(:,:,:,3))(:) .^ 2), 1e-15);
%! assert (e, mean ((X(:) - Y(:)) .^ 2), 1e-15);
%! assert (ae_mse (uint8 ([0 10]), uint8 ([2 10])), 2);
%! ## H-by-W-by-3 is one colour image unless DataFormat says "SSB"
%! [~, per] = ae_mse (X(:,:,:,1), Y(:,:,:,1));
%! assert (size (per), [1 1]);
%! [~, per] = ae_mse (X(:,:,:,1), Y(:,:,:,1), "DataFormat", "SSB");
%! assert (size (per), [3 1]);
%! [~, per] = ae_mse (X(:,:,1:2,1), Y(:,:,1:2,1));
%! assert (size (per), [2 1]);

%!error <Invalid call> ae_mse (1)
%!error <X is \[2 2\] but Y is \[2 3\]> ae_mse (ones (2), ones (2, 3))
%!error <X is uint8 but Y is double> ae_mse (uint8 (1), 1)
%!error <NaN or Inf> ae_mse ([1 NaN], [1 1])
%!error <real, full numeric> ae_mse ({1}, {1})
%!error <real, full numeric> ae_mse ([1i 2], [1 2])
%!error <empty> ae_mse ([], [])
%!error <DataFormat must be> ae_mse (1, 1, "DataFormat", "XY")
%!error <does not fit DataFormat "SSB"> ae_mse (ones (2, 2, 2, 2), ones (2, 2, 2, 2), "DataFormat", "SSB")
%!error <unknown option> ae_mse (1, 1, "Format", "SS")
