## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} ae_pca (@var{X}, @var{k})
## Principal component analysis as a model like the autoencoders: the
## @var{k}-dimensional linear code that reconstructs @var{X} with the least
## squared error.
##
## @var{X} is N-by-D or images, as for @code{ae_train}.  The components are the
## eigenvectors of the covariance matrix (normalised by N - 1) with the
## @var{k} largest eigenvalues, from LAPACK's symmetric eigensolver (or from
## the SVD of the centred data when N < D).  The model (kind "pca") has the
## fields @code{mean} (1-by-D), @code{components} (D-by-k, orthonormal
## columns, each with its largest entry positive), @code{explained_variance}
## (k-by-1) and @code{explained_variance_ratio}; @code{ae_encode},
## @code{ae_decode}, @code{ae_reconstruct} and @code{ae_loss} take it as they
## take an autoencoder: the code is @code{(x - mean) * components}, the
## reconstruction @code{code * components' + mean}.
##
## @example
## X = ae_dataset ("mnist");
## pca = ae_pca (X, 32);
## err = ae_loss (pca, X);          # mean squared error
## @end example
##
## @seealso{ae_train, ae_encode, ae_reconstruct, ae_compare}
## @end deftypefn

function model = ae_pca (X, k)
  if (nargin != 2)
    print_usage ();
  endif
  [Xt, sample_size] = __ae_check_data__ ("ae_pca", X, "X", [], "double");
  [D, N] = size (Xt);
  if (! (isnumeric (k) && isscalar (k) && isreal (k) && k == fix (k) && k >= 1 && k <= D))
    error ("autoencoder:outOfRange", "ae_pca: K must be an integer in [1, %d]", D);
  elseif (N < 2)
    error ("autoencoder:invalidData", "ae_pca: X needs at least 2 samples");
  endif
  A = Xt.';
  mu = mean (A, 1);
  A = A - mu;
  if (N >= D)
    [V, L] = eig ((A.' * A) / (N - 1));
    [variance, order] = sort (max (diag (L), 0), "descend");
    V = V(:, order);
  else
    [~, S, V] = svd (A, "econ");
    variance = diag (S) .^ 2 / (N - 1);
  endif
  W = V(:, 1:k);
  ## a deterministic sign: each component's largest entry is positive
  [~, at] = max (abs (W), [], 1);
  W = W .* sign (W(sub2ind (size (W), at, 1:k)));
  total = sum (variance);
  model = struct ("kind", "pca", "format_version", __ae_format_version__ (false),
                  "input_size", sample_size, "latent_dim", k, "mean", mu,
                  "components", W, "explained_variance", variance(1:k),
                  "explained_variance_ratio", variance(1:k) / max (total, realmin));
endfunction

%!test
%! ## data on a tilted plane: two components explain everything
%! randn ("seed", 70);
%! B = orth (randn (6, 2));
%! X = randn (300, 2) * diag ([3 1]) * B.' + 5;
%! m = ae_pca (X, 2);
%! assert (m.kind, "pca");
%! assert (m.components.' * m.components, eye (2), 1e-12);
%! assert (subspace (m.components, B) < 1e-10);
%! assert (sum (m.explained_variance_ratio), 1, 1e-12);
%! assert (m.explained_variance(1) > m.explained_variance(2));
%! assert (ae_reconstruct (m, X), X, 1e-10);
%! assert (ae_loss (m, X) < 1e-20);
%! Z = ae_encode (m, X);
%! assert (ae_decode (m, Z), X, 1e-10);
%! assert (var (Z), m.explained_variance.', 1e-10);

%!test
%! ## agrees with Octave's own SVD of the centred data, and the N < D path agrees
%! rand ("seed", 71);
%! X = rand (40, 10);
%! m = ae_pca (X, 3);
%! [~, S] = svd (X - mean (X), "econ");
%! assert (m.explained_variance, diag (S)(1:3) .^ 2 / 39, 1e-12);
%! wide = ae_pca (X(1:8, :), 3);
%! [~, S] = svd (X(1:8, :) - mean (X(1:8, :)), "econ");
%! assert (wide.explained_variance, diag (S)(1:3) .^ 2 / 7, 1e-12);

%!test
%! ## images in, images out; saved and loaded like the others
%! rand ("seed", 72);
%! imgs = rand (4, 5, 30);
%! m = ae_pca (imgs, 4);
%! assert (size (ae_reconstruct (m, imgs)), [4 5 30]);
%! assert (size (ae_decode (m, zeros (2, 4))), [4 5 2]);
%! file = [tempname() '.model'];
%! unwind_protect
%!   ae_save_model (file, m);
%!   assert (isequal (ae_load_model (file), m));
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect

%!error <Invalid call> ae_pca (1)
%!error <K must be an integer in \[1, 3\]> ae_pca (rand (5, 3), 4)
%!error <at least 2 samples> ae_pca (rand (1, 3), 1)
%!error <NaN or Inf> ae_pca ([1 NaN; 2 3], 1)
%!error <MODEL is of kind "pca"> vae_encode (ae_pca (rand (5, 3), 1), rand (5, 3))
%!error <PCA MODEL needs> ae_encode (setfield (ae_pca (rand (5, 3), 1), "components", ones (2, 1)), rand (2, 3))
