## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{gmm} =} ae_gmm_fit (@var{Z}, @var{K})
## @deftypefnx {} {@var{gmm} =} ae_gmm_fit (@var{Z}, @var{K}, @var{name}, @var{value}, @dots{})
## Fit a mixture of @var{K} Gaussians with full covariances to the rows of
## @var{Z} (N-by-d) by expectation-maximisation, as scikit-learn's
## @code{GaussianMixture} does: the start is k-means++ seeding and ten
## Lloyd iterations (or @qcode{"InitialMeans"}, d-by-K, with equal weights),
## each M-step adds @qcode{"Regularization"} (1e-6) to the covariances'
## diagonals, and EM stops when the mean log-likelihood per point changes by
## less than @qcode{"Tolerance"} (1e-3, scikit-learn's default) or after @qcode{"MaxIterations"}
## (500).  @qcode{"Seed"} (42) fixes the seeding.
##
## @var{gmm} has @code{weights} (1-by-K), @code{means} (d-by-K),
## @code{covariances} (d-by-d-by-K), @code{log_likelihood} (the mean per
## point), @code{bic} (Schwarz's criterion, -2 N log-likelihood + p log N
## with p = K - 1 + K d + K d (d + 1) / 2 free parameters), @code{iterations}
## and @code{converged}.  @code{ae_gmm_sample} draws from it;
## @code{ae_expost_fit} fits one to a model's codes.
## @seealso{ae_gmm_sample, ae_expost_fit}
## @end deftypefn

function gmm = ae_gmm_fit (Z, K, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  if (! (isnumeric (Z) && isreal (Z) && ismatrix (Z) && ! isempty (Z) && all (isfinite (Z(:)))))
    error ("autoencoder:invalidData", "ae_gmm_fit: Z must be a finite real N-by-d matrix");
  endif
  [N, d] = size (Z);
  if (! (isnumeric (K) && isscalar (K) && K == fix (K) && K >= 1 && K <= N))
    error ("autoencoder:outOfRange",
           "ae_gmm_fit: K must be an integer from 1 to the %d points", N);
  endif
  __ae_check_memory__ ("ae_gmm_fit", sprintf ("a mixture of %d components", K),
                       8 * (3 * N * K + K * d * d + 2 * N * d));
  p = inputParser ();
  p.addParameter ("MaxIterations", 500);
  p.addParameter ("Tolerance", 1e-3);
  p.addParameter ("Regularization", 1e-6);
  p.addParameter ("Seed", 42);
  p.addParameter ("InitialMeans", []);
  p.parse (varargin{:});
  opts = p.Results;
  if (! (isscalar (opts.MaxIterations) && opts.MaxIterations >= 1))
    error ("autoencoder:invalidOption", "ae_gmm_fit: MaxIterations must be at least 1");
  elseif (! (isscalar (opts.Regularization) && opts.Regularization >= 0))
    error ("autoencoder:invalidOption", "ae_gmm_fit: Regularization must be >= 0");
  elseif (! isempty (opts.InitialMeans) && ! isequal (size (opts.InitialMeans), [d K]))
    error ("autoencoder:invalidOption", "ae_gmm_fit: InitialMeans must be %d-by-%d", d, K);
  endif
  Z = double (Z);
  if (isempty (opts.InitialMeans))
    labels = kmeans_start (Z, K, opts.Seed);
    R = full (sparse (1:N, labels, 1, N, K));
    [w, mu, S] = m_step (Z, R, opts.Regularization);
  else
    mu = double (opts.InitialMeans);
    w = ones (1, K) / K;
    ## scikit-learn's start from given means: responsibilities of the
    ## nearest mean, then one M-step
    labels = __ae_nearest__ (Z, mu);
    [~, ~, S] = m_step (Z, full (sparse (1:N, labels, 1, N, K)), opts.Regularization);
  endif
  previous = -Inf;
  converged = false;
  for iteration = 1:opts.MaxIterations
    [R, ll] = e_step (Z, w, mu, S);
    [w, mu, S] = m_step (Z, R, opts.Regularization);
    if (abs (ll - previous) < opts.Tolerance)
      converged = true;
      break;
    endif
    previous = ll;
  endfor
  [~, ll] = e_step (Z, w, mu, S);
  n_free = K - 1 + K * d + K * d * (d + 1) / 2;
  gmm = struct ("weights", w, "means", mu, "covariances", S, "log_likelihood", ll,
                "bic", -2 * N * ll + n_free * log (N), "iterations", iteration,
                "converged", converged);
endfunction

## responsibilities R (N-by-K) and the mean log-likelihood
function [R, ll] = e_step (Z, w, mu, S)
  [N, d] = size (Z);
  K = numel (w);
  L = zeros (N, K);
  for k = 1:K
    [C, fail] = chol (S(:, :, k));
    if (fail)
      error ("autoencoder:numericalError",
             "ae_gmm_fit: component %d's covariance is singular; raise Regularization", k);
    endif
    y = (Z - mu(:, k).') / C;
    L(:, k) = log (w(k)) - 0.5 * (sum (y .^ 2, 2) + d * log (2 * pi)) - sum (log (diag (C)));
  endfor
  top = max (L, [], 2);
  lse = top + log (sum (exp (L - top), 2));
  R = exp (L - lse);
  ll = mean (lse);
endfunction

function [w, mu, S] = m_step (Z, R, regularization)
  [N, d] = size (Z);
  K = columns (R);
  Nk = sum (R, 1) + 10 * eps;
  w = Nk / N;
  mu = (Z.' * R) ./ Nk;
  S = zeros (d, d, K);
  for k = 1:K
    D = Z - mu(:, k).';
    S(:, :, k) = (D .* R(:, k)).' * D / Nk(k) + regularization * eye (d);
  endfor
endfunction

## k-means++ seeding (Arthur and Vassilvitskii 2007) and ten Lloyd steps;
## the draws from the core's generator
function labels = kmeans_start (Z, K, seed)
  N = rows (Z);
  U = double (__ae_uniform__ (seed, K, 1));
  centres = zeros (K, columns (Z));
  centres(1, :) = Z(min (N, 1 + floor (U(1) * N)), :);
  nearest = sum ((Z - centres(1, :)) .^ 2, 2);
  for k = 2:K
    c = cumsum (nearest);
    pick = find (c >= U(k) * c(end), 1);
    if (isempty (pick) || c(end) == 0)
      pick = k;   # every point on a centre already
    endif
    centres(k, :) = Z(pick, :);
    nearest = min (nearest, sum ((Z - centres(k, :)) .^ 2, 2));
  endfor
  for step = 1:10
    labels = __ae_nearest__ (Z, centres.');
    for k = 1:K
      if (any (labels == k))
        centres(k, :) = mean (Z(labels == k, :), 1);
      endif
    endfor
  endfor
  labels = __ae_nearest__ (Z, centres.');
endfunction

%!test
%! ## scikit-learn's fit from the same start (tests/reference/make_gmm_reference.py)
%! k = (0:599).';
%! g = mod (k, 3);
%! centres = [4 * (0:2).', 2 * sin((0:2).'), -(0:2).'];
%! Z = centres(g + 1, :) + [sin(1.7 * k + 0.3), 0.6 * cos(2.3 * k + 0.1), ...
%!                          0.4 * sin(0.9 * k) + 0.3 * sin(1.7 * k + 0.3)];
%! gmm = ae_gmm_fit (Z, 3, "InitialMeans", centres.' + 0.1, "Tolerance", 1e-13,
%!                   "MaxIterations", 10000);
%! ## scikit-learn 1.2.1's values (gmm.txt)
%! assert (gmm.converged);
%! assert (gmm.weights, [0.333333333333333 0.333333333333328 0.333333333333339], 1e-9);
%! assert (gmm.means(:).', [-0.00726327300248208 -0.00189856067548263 -0.00181847625444754 4.00383599341399 ...
%!         1.67762930530985 -0.998637492791107 8.00627477973929 1.82757281599915 ...
%!         -1.99821487064524], 1e-9);
%! assert (gmm.covariances(:).', [0.498291717772633 0.000512489076660519 0.149422078146601 0.000512489076660519 ...
%!         0.181054175426184 0.000206156025215738 0.149422078146601 0.000206156025215738 ...
%!         0.124484809163305 0.50118096212382 -0.00108870424737914 0.151895586602468 ...
%!         -0.00108870424737914 0.18032826687417 -0.00108086642488426 0.151895586602468 ...
%!         -0.00108086642488426 0.126133184954584 0.499308131163469 -0.00102122040750992 ...
%!         0.148536349608869 -0.00102122040750992 0.178783877743397 -0.000191831087576044 ...
%!         0.148536349608869 -0.000191831087576044 0.124462373020327], 1e-9);
%! assert (gmm.log_likelihood, -2.88841030736603, 1e-10);
%! assert (gmm.bic, 3651.6033288405, 1e-7);
%!test
%! ## three Gaussian groups: EM from k-means++ finds them, and the
%! ## log-likelihood of every fit rises with K up to 3 and little after
%! randn ("seed", 3);
%! Z = [randn(300, 2) * 0.3; randn(200, 2) * 0.5 + [4 0]; randn(100, 2) * 0.2 + [0 3]];
%! gmm = ae_gmm_fit (Z, 3, "Seed", 1);
%! [~, order] = sort (gmm.weights, "descend");
%! assert (gmm.weights(order), [0.5 1/3 1/6], 0.01);
%! assert (gmm.means(:, order), [0 4 0; 0 0 3], 0.1);
%! assert (sqrt (squeeze (gmm.covariances(1, 1, order))).', [0.3 0.5 0.2], 0.05);
%! bic = arrayfun (@(K) ae_gmm_fit (Z, K, "Seed", 1).bic, 1:5);
%! [~, best] = min (bic);
%! assert (best, 3);
%!error <K must be an integer from 1 to the 4 points> ae_gmm_fit (rand (4, 2), 5)
%!error <Z must be a finite real> ae_gmm_fit ([1 NaN; 2 3], 1)
%!error <InitialMeans must be 2-by-2> ae_gmm_fit (rand (10, 2), 2, "InitialMeans", zeros (2, 3))
