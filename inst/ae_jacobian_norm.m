## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{norms} =} ae_jacobian_norm (@var{model}, @var{X})
## The Frobenius norm ||J_f(x)||_F of the encoder's Jacobian at each sample
## of @var{X} (N-by-1): how strongly the code moves when the input moves, the
## quantity a contractive autoencoder (option @qcode{"ContractiveWeight"} of
## @code{ae_train}) keeps small.  Computed exactly, as the penalty is; the
## encoder must be of dense and activation layers.
##
## @seealso{ae_train, ae_encode}
## @end deftypefn

function norms = ae_jacobian_norm (model, X)
  if (nargin != 2)
    print_usage ();
  endif
  __ae_check_model__ ("ae_jacobian_norm", model, {"ae"});
  __ae_no_sequences__ ("ae_jacobian_norm", model);
  __ae_dense_encoder__ ("ae_jacobian_norm", model.encoder, "the encoder's Jacobian");
  Xt = __ae_check_data__ ("ae_jacobian_norm", X, "X", model.input_size);
  norms = sqrt (__autoencoder__ ("jacobian_norms2", model, Xt));
endfunction

%!test
%! ## a linear encoder's Jacobian is its weight matrix, the same at every sample
%! rand ("seed", 16);
%! X = rand (20, 6);
%! m = ae_train (X, "LatentDim", 3, "HiddenSizes", [], "Activation", "identity",
%!               "OutputActivation", "identity", "Epochs", 2, "Verbose", false);
%! assert (ae_jacobian_norm (m, X), norm (double (m.encoder(1).W), "fro") * ones (20, 1), 1e-5);
%! ## a tanh layer scales the rows by 1 - tanh^2
%! m = ae_train (X, "LatentDim", 3, "HiddenSizes", [], "CodeActivation", "tanh", "Epochs", 2,
%!               "Verbose", false);
%! W = double (m.encoder(1).W);
%! z = tanh (W * X(4,:).' + double (m.encoder(1).b));
%! assert (ae_jacobian_norm (m, X(4,:)), norm ((1 - z .^ 2) .* W, "fro"), 1e-5);

%!test
%! ## the contractive autoencoder contracts: smaller Jacobians at a comparable error
%! ## (measured: mean norm 0.205 against 2.219, MSE 0.0009 against 0.0005)
%! randn ("seed", 17); rand ("seed", 17);
%! B = 4 * rand (2, 20) - 2;
%! X = 1 ./ (1 + exp (-(randn (600, 2) * B)));
%! opts = {"LatentDim", 4, "HiddenSizes", 16, "Activation", "tanh", "Epochs", 40, ...
%!         "BatchSize", 32, "LearnRate", 3e-3, "Seed", 2, "Verbose", false};
%! plain = ae_train (X, opts{:});
%! cae = ae_train (X, opts{:}, "ContractiveWeight", 0.5);
%! j_plain = mean (ae_jacobian_norm (plain, X));
%! j_cae = mean (ae_jacobian_norm (cae, X));
%! printf ("      mean Jacobian norm: plain %.3f, contractive %.3f; MSE %.4f, %.4f\n",
%!         j_plain, j_cae, ae_loss (plain, X), ae_loss (cae, X));
%! assert (j_cae < 0.7 * j_plain);
%! assert (ae_loss (cae, X) < 2 * ae_loss (plain, X));
%! assert (all (cae.history.penalty > 0));

%!error <Invalid call> ae_jacobian_norm (1)
%!error <MODEL is of kind "vae"> ae_jacobian_norm (vae_train (rand (5, 3), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (5, 3))
%!error <the encoder's Jacobian needs an encoder of fully connected and activation layers, not conv>
%! X = rand (6, 6, 1, 10);
%! m = ae_train (X, "Encoder", convolution2dLayer (3, 2), "Epochs", 0, "Verbose", false);
%! ae_jacobian_norm (m, X);
