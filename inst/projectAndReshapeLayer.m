## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} projectAndReshapeLayer (@var{outputSize})
## @deftypefnx {} {@var{layer} =} projectAndReshapeLayer (@dots{}, "Name", @var{name})
## A fully connected layer to prod(@var{outputSize}) units whose output is
## seen as an image of @var{outputSize} = [height width channels]: how a
## convolutional decoder starts from a code (Keras's @code{Dense} then
## @code{Reshape}).  The name is that of the layer in MATLAB's GAN examples.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = projectAndReshapeLayer (outputSize, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  fname = "projectAndReshapeLayer";
  layer = __ae_dl_layer__ (fname, "projectAndReshape", varargin);
  if (isnumeric (outputSize) && numel (outputSize) == 2)
    outputSize(3) = 1;
  endif
  if (! (isnumeric (outputSize) && numel (outputSize) == 3))
    error ("autoencoder:invalidOption", "%s: outputSize must be [height width] or [height width channels]",
           fname);
  endif
  layer.OutputSize = __ae_dl_size__ (fname, "outputSize ([height width channels])",
                                     outputSize, 3);
endfunction

%!test
%! l = projectAndReshapeLayer ([7 7 64]);
%! assert (l.OutputSize, [7 7 64]);
%! assert (projectAndReshapeLayer ([4 5]).OutputSize, [4 5 1]);
%!error <outputSize> projectAndReshapeLayer (7)
