## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} ae_expost_fit (@var{model}, @var{X})
## @deftypefnx {} {@var{model} =} ae_expost_fit (@var{model}, @var{X}, @var{name}, @var{value}, @dots{})
## Ex-post density estimation (Ghosh et al. 2020, "From variational to
## deterministic autoencoders"): a Gaussian mixture fitted to the codes a
## trained autoencoder or VAE gives the data @var{X} (a VAE's means
## @var{mu}), from which @code{ae_expost_sample} draws new codes to decode.
## It replaces the prior N(0, I) that a VAE's codes only roughly follow,
## and gives a plain autoencoder a sampler at all.
##
## The number of components is chosen by Schwarz's criterion: of 1 to
## @qcode{"MaxComponents"} (10, the paper's choice of a fixed number) the
## one with the least BIC (@code{ae_gmm_fit}), unless @qcode{"Components"}
## names one.  @qcode{"Seed"} (42) fixes each fit's k-means++ start; the
## other options of @code{ae_gmm_fit} (@qcode{"MaxIterations"},
## @qcode{"Tolerance"}, @qcode{"Regularization"}) pass through.
##
## The model gains @code{expost}: the mixture (@code{weights}, @code{means},
## @code{covariances}, @code{log_likelihood}, @code{bic}, @dots{}) and
## @code{bic_by_components}, the criterion of each number tried.
## @seealso{ae_expost_sample, ae_gmm_fit, vae_sample}
## @end deftypefn

function model = ae_expost_fit (model, X, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_expost_model__ ("ae_expost_fit", model);
  components = [];
  max_components = 10;
  seed = 42;
  pass = {};
  for k = 1:2:numel (varargin)
    if (! ischar (varargin{k}) || k == numel (varargin))
      error ("autoencoder:invalidOption", "ae_expost_fit: options come as name, value pairs");
    endif
    switch (lower (varargin{k}))
      case "components"
        components = varargin{k+1};
      case "maxcomponents"
        max_components = varargin{k+1};
      case "seed"
        seed = varargin{k+1};
      case {"maxiterations", "tolerance", "regularization"}
        pass(end+1:end+2) = varargin(k:k+1);
      otherwise
        error ("autoencoder:invalidOption", "ae_expost_fit: unknown option \"%s\"", varargin{k});
    endswitch
  endfor
  count = @(v) isnumeric (v) && isscalar (v) && v == fix (v) && v >= 1;
  if (! isempty (components) && ! count (components))
    error ("autoencoder:invalidOption", "ae_expost_fit: Components must be a positive integer");
  elseif (! count (max_components))
    error ("autoencoder:invalidOption", "ae_expost_fit: MaxComponents must be a positive integer");
  endif
  if (strcmp (model.kind, "vae"))
    [~, Z] = vae_encode (model, X);
  else
    Z = ae_encode (model, X);
  endif
  tried = merge (isempty (components), 1:min (max_components, rows (Z)), components);
  bic = zeros (size (tried));
  fits = cell (size (tried));
  for j = 1:numel (tried)
    fits{j} = ae_gmm_fit (Z, tried(j), "Seed", seed, pass{:});
    bic(j) = fits{j}.bic;
  endfor
  [~, best] = min (bic);
  model.expost = fits{best};
  model.expost.bic_by_components = [tried; bic];
endfunction

%!shared model, X
%! ## data from three groups of a 2-D code: a linear autoencoder's codes
%! ## keep the groups, which the mixture finds
%! randn ("seed", 5);
%! Z = [randn(200, 2) * 0.3; randn(200, 2) * 0.3 + [3 0]; randn(200, 2) * 0.3 + [0 3]];
%! X = Z * [1 0 1 0.5 2; 0 1 -1 0.5 1];
%! model = ae_train (X, "LatentDim", 2, "HiddenSizes", [], "Activation", "identity",
%!                   "Epochs", 40, "BatchSize", 20, "LearnRate", 1e-2, "Verbose", false);
%!test
%! m = ae_expost_fit (model, X, "MaxComponents", 6);
%! assert (size (m.expost.bic_by_components), [2 6]);
%! [~, best] = min (m.expost.bic_by_components(2, :));
%! assert (best, 3);
%! assert (numel (m.expost.weights), 3);
%! assert (sort (m.expost.weights), [1 1 1] / 3, 0.02);
%!test
%! m = ae_expost_fit (model, X, "Components", 2);
%! assert (m.expost.bic_by_components(1), 2);
%! assert (numel (m.expost.weights), 2);
%!error <MODEL must be an autoencoder or a VAE> ae_expost_fit (ae_pca (rand (20, 4), 2), rand (20, 4))
%!error <Components must be a positive integer> ae_expost_fit (model, X, "Components", 0)
%!error <unknown option "Prior"> ae_expost_fit (model, X, "Prior", 1)
