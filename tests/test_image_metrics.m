## The image metrics read arrays as MATLAB and scikit-image do: a 2-D array
## is one image, an H-by-W-by-3 array one colour image, an H-by-W-by-N array
## N grey images scored one by one. The values are scikit-image's, from
## tests/reference/make_metrics_reference.py (image_metrics.txt), for image
## pairs the C check suite does not use (planes 4-7 of its formula).

%!function v = reference (name)
%!  persistent rows
%!  if (isempty (rows))
%!    rows = strsplit (fileread ("tests/reference/image_metrics.txt"), "\n");
%!  endif
%!  row = rows(strncmp (rows, [name " "], numel (name) + 1));
%!  assert (numel (row), 1, sprintf ("no reference value %s", name));
%!  fields = str2double (strsplit (strtrim (row{1})));
%!  v = fields(3:end).';
%!endfunction

%!function [x, y] = image_pair (p, h, w)
%!  ## the reference script's image_pair: plane p, column-major as Octave holds it
%!  k = (0:h*w-1).';
%!  x = (0.5 + 0.5 * sin ((0.37 + 0.01 * p) * k + 0.3 * p)) .* (0.6 + 0.4 * sin (0.011 * k + p));
%!  y = min (max (x + 0.08 * sin (1.91 * k + 2 + p), 0), 1);
%!  x = reshape (x, h, w);
%!  y = reshape (y, h, w);
%!endfunction

%!shared X, Y
%! X = Y = zeros (28, 24, 4);
%! for p = 4:7
%!   [X(:,:,p-3), Y(:,:,p-3)] = image_pair (p, 28, 24);
%! endfor

%!test
%! ## one grey image: the 2-D array is the image, not 28 rows of samples
%! assert (ae_psnr (X(:,:,1), Y(:,:,1)), reference ("grey_psnr"), 1e-10);
%! assert (ae_mse (X(:,:,1), Y(:,:,1)), reference ("grey_mse"), 1e-14);
%! assert (ae_ssim (X(:,:,1), Y(:,:,1)), reference ("grey_ssim"), 1e-6);
%! ## the row-by-row reading this package had before differs by over 1%
%! rows_psnr = ae_psnr (X(:,:,1), Y(:,:,1), "DataFormat", "BC");
%! assert (abs (rows_psnr - reference ("grey_psnr")) > 0.01 * reference ("grey_psnr"));

%!test
%! ## one colour image: PSNR and MSE over all its values, SSIM the channels' mean
%! [p, per] = ae_psnr (X(:,:,1:3), Y(:,:,1:3));
%! assert (p, reference ("colour_psnr"), 1e-10);
%! assert (per, p);
%! assert (ae_mse (X(:,:,1:3), Y(:,:,1:3)), reference ("colour_mse"), 1e-14);
%! assert (ae_ssim (X(:,:,1:3), Y(:,:,1:3)), reference ("colour_ssim"), 1e-6);
%! ## the same values as one image of a 4-D batch
%! assert (ae_psnr (reshape (X(:,:,1:3), 28, 24, 3, 1), reshape (Y(:,:,1:3), 28, 24, 3, 1)),
%!         reference ("colour_psnr"), 1e-10);

%!test
%! ## a batch of grey images: each scored as one image, then averaged
%! [p, per] = ae_psnr (X, Y);
%! assert (per, reference ("batch_psnr"), 1e-10);
%! assert (p, mean (reference ("batch_psnr")), 1e-10);
%! [e, per] = ae_mse (X, Y);
%! assert (per, reference ("batch_mse"), 1e-14);
%! [s, per] = ae_ssim (X, Y);
%! assert (per, reference ("batch_ssim"), 1e-6);
%! assert (s, mean (reference ("batch_ssim")), 1e-6);
%! ## three grey images are "SSB"; without it H-by-W-by-3 is one colour image
%! [~, per] = ae_psnr (X(:,:,1:3), Y(:,:,1:3), "DataFormat", "SSB");
%! assert (per, reference ("batch_psnr")(1:3), 1e-10);
%! ## and a batch as 4-D grey images (C = 1)
%! [~, per] = ae_ssim (reshape (X, 28, 24, 1, 4), reshape (Y, 28, 24, 1, 4));
%! assert (per, reference ("batch_ssim"), 1e-6);
