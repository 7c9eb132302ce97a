## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{Xhat} =} __ae_decode__ (@var{fname}, @var{model}, @var{Z}, @var{Ct})
## Run the decoder of @var{model} on the N-by-LatentDim codes @var{Z}, with
## the one-hot labels @var{Ct} of a conditional VAE (__ae_conditions__).
## @end deftypefn

function Xhat = __ae_decode__ (fname, model, Z, Ct = [], steps = [])
  if (! ismatrix (Z))
    error ("autoencoder:invalidData", "%s: Z must be an N-by-%d matrix", fname, model.latent_dim);
  endif
  __ae_check_memory__ (fname, sprintf ("decoding %d codes", rows (Z)),
                       rows (Z) * 12 * prod (__ae_output_size__ (model)) * max ([steps, 1]));
  Zt = __ae_check_data__ (fname, Z, "Z", model.latent_dim, __ae_data_class__ (model));
  Yt = __ae_forward__ (model, Zt, "decode", Ct, steps);
  if (! isempty (steps))   # a sequence of `steps` steps of each code, C-by-steps each
    C = prod (__ae_output_size__ (model));
    Xhat = mat2cell (reshape (double (Yt), C, []), C, repmat (steps, 1, columns (Yt)));
    Xhat = Xhat(:);
    return;
  endif
  Xhat = __ae_shape_output__ (Yt, __ae_output_size__ (model));
endfunction
