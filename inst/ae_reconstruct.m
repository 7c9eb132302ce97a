## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{Xhat} =} ae_reconstruct (@var{model}, @var{X})
## Reconstruct data through an autoencoder (of either kind; a variational one
## decodes its mean code) in one call.  @var{Xhat} has the format of @var{X}.
##
## @seealso{ae_encode, ae_decode, vae_reconstruct}
## @end deftypefn

function Xhat = ae_reconstruct (model, X)
  if (nargin != 2)
    print_usage ();
  endif
  __ae_check_model__ ("ae_reconstruct", model, {"ae", "vae", "pca"});
  Xhat = __ae_reconstruct__ ("ae_reconstruct", model, X);
endfunction

%!test
%! ## images keep their shape
%! rand ("seed", 13);
%! imgs = rand (3, 4, 2, 10);
%! model = ae_train (imgs, "LatentDim", 4, "HiddenSizes", 8, "Epochs", 1, "Verbose", false);
%! assert (model.input_size, [3 4 2]);
%! assert (size (ae_reconstruct (model, imgs)), [3 4 2 10]);
%! assert (size (ae_decode (model, zeros (5, 4))), [3 4 2 5]);

%!error <Invalid call> ae_reconstruct (1)
%!error <samples of size \[3 4\], the model expects \[3 4 2\]> ae_reconstruct (ae_train (rand (3, 4, 2, 5), "LatentDim", 2, "Epochs", 0, "Verbose", false), rand (3, 4, 5))
