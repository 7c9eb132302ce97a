## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{loss} =} ae_loss (@var{model}, @var{X})
## @deftypefnx {} {@var{loss} =} ae_loss (@var{model}, @var{X}, @var{T})
## The reconstruction loss of an autoencoder on @var{X}, as @code{ae_train}
## reports it: the model's loss (for example the mean squared error) averaged
## over the values of each sample and over the samples; for a PCA model
## (@code{ae_pca}), the mean squared error of its reconstruction.  For a
## model trained on targets (@code{ae_train (X, "Targets", T)}), the loss of
## its outputs against the targets @var{T}.  For a variational model, use
## @code{vae_loss}.
##
## @seealso{ae_train, vae_loss}
## @end deftypefn

function loss = ae_loss (model, X, T)
  if (nargin < 2 || nargin > 3)
    print_usage ();
  endif
  __ae_check_model__ ("ae_loss", model, {"ae", "pca"});
  Xt = __ae_check_data__ ("ae_loss", X, "X", __ae_input_size__ (model),
                           __ae_data_class__ (model));
  if (strcmp (model.kind, "pca"))
    loss = mean ((__ae_forward__ (model, Xt, "reconstruct") - double (Xt))(:) .^ 2);
    return;
  endif
  opts = struct ("loss", model.options.Loss, "reduction", model.options.Reduction,
                 "beta", 0, "seed", -1);
  if (nargin < 3 && ! isfield (model, "output_size"))
    loss = __autoencoder__ ("evaluate", model, Xt, opts);
    return;
  elseif (nargin < 3)
    error ("autoencoder:invalidCall",
           "ae_loss: the model was trained on targets: give them, ae_loss (model, X, T)");
  endif
  Tt = __ae_check_data__ ("ae_loss", T, "T", __ae_output_size__ (model),
                          __ae_data_class__ (model));
  if (columns (Tt) != columns (Xt))
    error ("autoencoder:sizeMismatch", "ae_loss: X has %d samples, T %d", columns (Xt),
           columns (Tt));
  endif
  loss = __autoencoder__ ("evaluate", model, Xt, opts, Tt);
endfunction

%!test
%! rand ("seed", 14);
%! X = rand (40, 6);
%! model = ae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 2, "Verbose", false);
%! assert (ae_loss (model, X), mean ((ae_reconstruct (model, X) - X)(:) .^ 2), 1e-6);

%!error <Invalid call> ae_loss (1)
%!error <MODEL is of kind "vae"> ae_loss (vae_train (rand (5, 3), "LatentDim", 1, "Epochs", 0, "Verbose", false), rand (5, 3))
