## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_check_model__ (@var{fname}, @var{model}, @var{kinds})
## Error unless @var{model} is a model of one of the cell array @var{kinds}
## with a format version this package reads.
## @end deftypefn

function __ae_check_model__ (fname, model, kinds)
  if (! isstruct (model) || ! isscalar (model)
      || ! all (isfield (model, {"kind", "format_version", "input_size", "latent_dim"}))
      || ! (all (isfield (model, {"encoder", "decoder"}))
            || all (isfield (model, {"generator", "discriminator"}))
            || all (isfield (model, {"mean", "components"}))))
    error ("autoencoder:invalidModel",
           "%s: MODEL must be a model struct made by ae_train, vae_train, gan_train, vaegan_train or ae_pca",
           fname);
  endif
  if (! isnumeric (model.format_version) || ! isscalar (model.format_version)
      || model.format_version > __ae_format_version__ ())
    error ("autoencoder:incompatibleModel",
           "%s: MODEL has format version %s; this package reads versions up to %d",
           fname, disp (model.format_version)(1:end-1), __ae_format_version__ ());
  endif
  for field = {"input_size", "output_size"}
    if (! isfield (model, field{1}))
      continue;   # output_size: only where trained on targets
    endif
    sz = model.(field{1});
    if (! (isnumeric (sz) && isreal (sz) && isvector (sz) && numel (sz) <= 3
           && all (sz >= 1 & sz == fix (sz))))
      error ("autoencoder:invalidModel",
             "%s: MODEL.%s must be a vector of up to 3 positive integers", fname, field{1});
    endif
  endfor
  L = model.latent_dim;
  if (! (isnumeric (L) && isreal (L) && isscalar (L) && L >= 1 && L == fix (L)))
    error ("autoencoder:invalidModel", "%s: MODEL.latent_dim must be a positive integer", fname);
  endif
  if (! ischar (model.kind) || ! any (strcmp (model.kind, kinds)))
    error ("autoencoder:wrongModelKind", "%s: MODEL is of kind \"%s\"; expected %s",
           fname, disp (model.kind)(1:end-1), strjoin (strcat ("\"", kinds, "\""), " or "));
  endif
  if (strcmp (model.kind, "pca"))
    D = prod (sz);
    if (! (isfield (model, "mean") && isfield (model, "components")
           && isreal (model.components) && isnumeric (model.components)
           && isequal (size (model.components), [D, L]) && isnumeric (model.mean)
           && numel (model.mean) == D && all (isfinite (model.components(:)))
           && all (isfinite (model.mean(:)))))
      error ("autoencoder:invalidModel",
             "%s: a PCA MODEL needs a %d-value mean and %d-by-%d finite components", fname,
             D, D, L);
    endif
  endif
endfunction
