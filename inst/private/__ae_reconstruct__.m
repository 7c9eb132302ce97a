## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{Xhat} =} __ae_reconstruct__ (@var{fname}, @var{model}, @var{X}, @var{labels_args})
## (@var{labels_args}: @{"Labels", @var{y}@} for a conditional VAE, else @{@}.)
## Encode @var{X} to its (mean) code and decode it, in the format of @var{X}
## (N-by-D rows, or images; for a model trained on targets of another size,
## samples of that size in the same format).
## @end deftypefn

function Xhat = __ae_reconstruct__ (fname, model, X, labels_args = {})
  Xt = __ae_check_data__ (fname, X, "X", __ae_input_size__ (model), __ae_data_class__ (model));
  [Ct, rest] = __ae_conditions__ (fname, model, labels_args, __ae_n_samples__ (Xt));
  if (! isempty (rest))
    error ("autoencoder:invalidOption", "%s: the only option is \"Labels\"", fname);
  endif
  Yt = __ae_forward__ (model, Xt, "reconstruct", Ct);
  output_size = __ae_output_size__ (model);
  if (isstruct (Yt))
    Xhat = __ae_sequence_output__ (Yt, X);
  elseif (ismatrix (X))
    Xhat = double (Yt.');
  elseif (isequal (output_size, model.input_size))
    Xhat = reshape (double (Yt), size (X));
  else
    Xhat = __ae_shape_output__ (Yt, output_size);
  endif
endfunction
