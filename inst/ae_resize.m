## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{B} =} ae_resize (@var{A}, [@var{h}, @var{w}])
## @deftypefnx {} {@var{B} =} ae_resize (@var{A}, [@var{h}, @var{w}], @var{method})
## Resize images to @var{h}-by-@var{w}.
##
## @var{A} is H-by-W, H-by-W-by-C or H-by-W-by-C-by-N (any number of
## channels and images, each resized alike); @var{B} has the same class
## (integers are rounded and saturated) and trailing sizes.
##
## @var{method} is @qcode{"bicubic"} (the default), @qcode{"bilinear"} or
## @qcode{"nearest"}.  The arithmetic is that of MATLAB's @code{imresize}
## (and of the Octave image package's): output pixel centres map to
## @code{(i - 0.5) / scale + 0.5}, the cubic kernel is Keys' with a = -0.5,
## edges are mirrored, and when shrinking the bicubic and bilinear kernels are
## stretched by 1/scale so that the result is antialiased.  Bicubic
## interpolation can overshoot: results of floating-point images in [0, 1] may
## leave the range slightly; clip them if needed.
##
## @example
## @group
## small = ae_resize (X, [14 14]);          # Fashion-MNIST at half size
## back = ae_resize (small, [28 28]);       # the super-resolution baseline
## @end group
## @end example
## @seealso{ae_image_folder}
## @end deftypefn

function B = ae_resize (A, out_size, method = "bicubic")
  if (nargin < 2)
    print_usage ();
  endif
  if (! (isnumeric (A) || islogical (A)) || ! isreal (A) || isempty (A))
    error ("autoencoder:invalidArgument", "ae_resize: A must be a non-empty real image array");
  endif
  if (! isnumeric (out_size) || numel (out_size) != 2 || any (out_size < 1)
      || any (out_size != fix (out_size)) || any (out_size > 65536))
    error ("autoencoder:outOfRange",
           "ae_resize: the size must be [h, w], two integers from 1 to 65536");
  endif
  method = __ae_check_option__ ("choice", "ae_resize", "method", method,
                                {"bicubic", "bilinear", "nearest"});
  dims = size (A);
  dims(end+1:4) = 1;
  out_bytes = prod ([double(out_size), dims(3:end)]) * 8;
  __ae_check_memory__ ("ae_resize", "the resized images", out_bytes);
  rows_weights = resize_weights (dims(1), out_size(1), method);
  cols_weights = resize_weights (dims(2), out_size(2), method);
  images = reshape (double (A), dims(1), dims(2), []);
  B = zeros (out_size(1), out_size(2), size (images, 3));
  for k = 1:size (images, 3)
    B(:, :, k) = rows_weights * images(:, :, k) * cols_weights.';
  endfor
  B = reshape (B, [out_size(:).', dims(3:end)]);
  if (isinteger (A))
    B = cast (round (B), class (A));   # the cast saturates
  elseif (islogical (A))
    B = B > 0.5;
  else
    B = cast (B, class (A));
  endif
endfunction

## The sparse out-by-in matrix whose row i holds the weights output pixel i
## gives to the input pixels.
function W = resize_weights (n_in, n_out, method)
  scale = n_out / n_in;
  switch (method)
    case "bicubic"
      kernel = @cubic;
      width = 4;
    case "bilinear"
      kernel = @(x) max (0, 1 - abs (x));
      width = 2;
    case "nearest"
      kernel = @(x) double (-0.5 <= x & x < 0.5);
      width = 1;
  endswitch
  if (scale < 1 && ! strcmp (method, "nearest"))
    ## shrinking: a kernel 1/scale times wider, so every input pixel counts
    kernel = @(x) scale * kernel (scale * x);
    width /= scale;
  endif
  centres = ((1:n_out).' - 0.5) / scale + 0.5;
  taps = ceil (width) + 2;
  first = floor (centres - width / 2);
  indices = first + (0:taps-1);
  weights = kernel (centres - indices);
  weights ./= sum (weights, 2);
  ## mirrored edges: index 0 reads pixel 1, n_in + 1 reads pixel n_in
  mirror = [1:n_in, n_in:-1:1];
  indices = mirror(mod (indices - 1, 2 * n_in) + 1);
  W = sparse (repmat ((1:n_out).', 1, taps), indices, weights, n_out, n_in);
endfunction

## Keys' cubic convolution kernel with a = -0.5
function y = cubic (x)
  x = abs (x);
  y = (1.5 * x .^ 3 - 2.5 * x .^ 2 + 1) .* (x <= 1) ...
      + (-0.5 * x .^ 3 + 2.5 * x .^ 2 - 4 * x + 2) .* (x > 1 & x <= 2);
endfunction

%!test
%! ## a constant image stays constant; nearest by an integer factor repeats
%! assert (ae_resize (0.3 * ones (5, 7), [11 3]), 0.3 * ones (11, 3), 1e-12);
%! A = magic (4);
%! assert (ae_resize (A, [8 8], "nearest"), repelem (A, 2, 2));
%! assert (ae_resize (A, [4 4]), A, 1e-12);   # the same size changes nothing

%!test
%! ## linear ramps are reproduced exactly inside the image by bilinear and
%! ## bicubic, shrinking or growing
%! [c, r] = meshgrid (1:12, 1:10);
%! A = 0.1 * r + 0.05 * c;
%! for method = {"bilinear", "bicubic"}
%!   B = ae_resize (A, [20 24], method{1});
%!   [cc, rr] = meshgrid (((1:24) - 0.5) / 2 + 0.5, ((1:20) - 0.5) / 2 + 0.5);
%!   inside = 4:17;
%!   assert (B(inside, inside), 0.1 * rr(inside, inside) + 0.05 * cc(inside, inside), 1e-12);
%! endfor

%!test
%! ## classes and trailing sizes are kept; integers saturate
%! A = uint8 (255 * (rand (6, 6, 3, 2) > 0.5));
%! B = ae_resize (A, [12 12]);
%! assert (class (B), "uint8");
%! assert (size (B), [12 12 3 2]);
%! S = single (rand (6, 6, 1, 5));
%! T = ae_resize (S, [3 3]);
%! assert (class (T), "single");
%! assert (T(:, :, 1, 5), ae_resize (S(:, :, 1, 5), [3 3]));   # each image alone

%!error <A must be> ae_resize ("abc", [2 2])
%!error <the size must be> ae_resize (rand (4), [0 2])
%!error <the size must be> ae_resize (rand (4), 3)
%!error <method> ae_resize (rand (4), [2 2], "lanczos")
%!error id=autoencoder:outOfMemory ae_resize (rand (4), [65536 65536])
