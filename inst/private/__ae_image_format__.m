## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{sz}, @var{format}] =} __ae_image_format__ (@var{fname}, @var{X}, @var{format})
## How the image metrics read an array: its size as [H W C N] (height, width,
## channels, images) under @var{format}, one of MATLAB's dlarray labels:
## @table @asis
## @item "SS"   one grey H-by-W image
## @item "SSC"  one H-by-W-by-C colour image
## @item "SSB"  H-by-W-by-N grey images
## @item "SSCB" H-by-W-by-C-by-N colour images
## @item "BC"   N-by-D data, a sample per row (the package's vector data)
## @item "CB"   D-by-N data, a sample per column (trainAutoencoder's)
## @end table
## A sample of "BC" or "CB" data is returned as a 1-by-D image.  @var{format}
## "auto" (or empty) reads the array as MATLAB's psnr, immse and ssim and
## scikit-image do: a 2-D array is one image and an H-by-W-by-3 array one
## colour image; otherwise a 3-D array is a batch of grey images and a 4-D
## array a batch of colour images.
## @end deftypefn

function [sz, format] = __ae_image_format__ (fname, X, format)
  formats = {"SS", "SSC", "SSB", "SSCB", "BC", "CB"};
  if (nargin < 3 || isempty (format) || (ischar (format) && strcmpi (format, "auto")))
    format = default_format (X);
  elseif (! ischar (format) || ! any (strcmpi (format, formats)))
    error ("autoencoder:invalidOption", "%s: DataFormat must be \"auto\" or one of %s", fname,
           strjoin (strcat ("\"", formats, "\""), ", "));
  endif
  format = upper (format);
  dims = size (X);
  if (ndims (X) > numel (format) && ! any (strcmp (format, {"BC", "CB"})))
    error ("autoencoder:invalidData", "%s: a %s array does not fit DataFormat \"%s\"", fname,
           __ae_dims__ (dims), format);
  elseif (any (strcmp (format, {"BC", "CB"})) && ndims (X) > 2)
    error ("autoencoder:invalidData", "%s: DataFormat \"%s\" needs a 2-D array, not %s", fname,
           format, __ae_dims__ (dims));
  endif
  dims(end+1:4) = 1;
  switch (format)
    case "SS"
      sz = [dims(1:2), 1, 1];
    case "SSC"
      sz = [dims(1:3), 1];
    case "SSB"
      sz = [dims(1:2), 1, dims(3)];
    case "SSCB"
      sz = dims(1:4);
    case "BC"
      sz = [1, dims(2), 1, dims(1)];
    case "CB"
      sz = [1, dims(1), 1, dims(2)];
  endswitch
endfunction

function format = default_format (X)
  switch (ndims (X))
    case 2
      format = "SS";
    case 3
      format = merge (size (X, 3) == 3, "SSC", "SSB");
    otherwise
      format = "SSCB";
  endswitch
endfunction
