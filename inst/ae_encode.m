## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{Z} =} ae_encode (@var{model}, @var{X})
## Encode data with an autoencoder: the N-by-LatentDim codes of @var{X} (N-by-D
## or images, as in training).  For a variational model the code is the mean
## @var{mu} of its Gaussian; for PCA the projection; for a classifier of
## @code{ae_classifier_train} the features of its last hidden layer.
##
## @seealso{ae_train, ae_decode, vae_encode}
## @end deftypefn

function Z = ae_encode (model, X)
  if (nargin != 2)
    print_usage ();
  endif
  __ae_check_model__ ("ae_encode", model, {"ae", "vae", "pca", "classifier"});
  Xt = __ae_check_data__ ("ae_encode", X, "X", __ae_input_size__ (model),
                           __ae_data_class__ (model));
  Zt = __ae_forward__ (model, Xt, "encode");
  if (isstruct (Zt))   # a code that is itself a sequence
    Z = __ae_sequence_output__ (Zt, X);
    return;
  endif
  Z = double (Zt.');
  n_code = model.latent_dim * merge (strcmp (model.kind, "vae"), 2, 1);   # VAE: mu, logvar
  if (columns (Z) != n_code)
    error ("autoencoder:invalidModel",
           "ae_encode: MODEL.latent_dim is %d but its encoder gives %d values",
           model.latent_dim, columns (Z));
  endif
  Z = Z(:, 1:model.latent_dim);
endfunction

%!test
%! rand ("seed", 11);
%! X = rand (30, 5);
%! model = ae_train (X, "LatentDim", 2, "HiddenSizes", 3, "Epochs", 1, "Verbose", false);
%! h = max (double (model.encoder(1).W) * X.' + double (model.encoder(1).b), 0);
%! expected = (double (model.encoder(3).W) * h + double (model.encoder(3).b)).';
%! assert (ae_encode (model, X), expected, 1e-5);
%! vae = vae_train (X, "LatentDim", 2, "HiddenSizes", 3, "Epochs", 1, "Verbose", false);
%! [~, mu] = vae_encode (vae, X);
%! assert (ae_encode (vae, X), mu);

%!error <Invalid call> ae_encode (1)
%!error <MODEL must be a model struct> ae_encode (1, 2)
