## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{err} =} ae_mse (@var{X}, @var{Y})
## @deftypefnx {} {[@var{err}, @var{per_sample}] =} ae_mse (@var{X}, @var{Y})
## Mean squared error (reconstruction error) between @var{X} and @var{Y}.
##
## Samples follow the package's convention: the rows of N-by-D matrices, or
## the last dimension of H-by-W-by-N and H-by-W-by-C-by-N images.
## @var{per_sample} (N-by-1) holds each sample's mean of squared differences;
## @var{err} is their mean, the mean over all values.  Values are compared as
## they are (uint8 images in 0..255).  Computed in double precision by the C
## core.
##
## @seealso{ae_psnr, ae_ssim, ae_reconstruct}
## @end deftypefn

function [err, per_sample] = ae_mse (X, Y)
  if (nargin != 2)
    print_usage ();
  endif
  [A, B] = __ae_check_pair__ ("ae_mse", X, Y);
  [At, Bt, n] = __ae_samples__ (A, B);
  per_sample = __autoencoder__ ("mse", At, Bt, n);
  err = mean (per_sample);
endfunction

%!test
%! X = [1 2 3; 4 5 6];
%! Y = [1 2 4; 4 7 6];
%! [e, per] = ae_mse (X, Y);
%! assert (per, [1/3; 4/3], 1e-15);
%! assert (e, 5/6, 1e-15);

%!test
%! ## images: per image along the last dimension; immse's value on the whole
%! rand ("seed", 60);
%! X = rand (5, 4, 3, 7);
%! Y = X + 0.1 * rand (size (X));
%! [e, per] = ae_mse (X, Y);
%! assert (size (per), [7 1]);
%! assert (per(3), mean ((X(:,:,:,3) - Y(:,:,:,3))(:) .^ 2), 1e-15);
%! assert (e, mean ((X(:) - Y(:)) .^ 2), 1e-15);
%! assert (ae_mse (uint8 ([0 10]), uint8 ([2 10])), 2);

%!error <Invalid call> ae_mse (1)
%!error <X is \[2 2\] but Y is \[2 3\]> ae_mse (ones (2), ones (2, 3))
%!error <X is uint8 but Y is double> ae_mse (uint8 (1), 1)
%!error <NaN or Inf> ae_mse ([1 NaN], [1 1])
%!error <real, full numeric> ae_mse ({1}, {1})
%!error <real, full numeric> ae_mse ([1i 2], [1 2])
%!error <empty> ae_mse ([], [])
