## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{Z} =} ae_gmm_sample (@var{gmm}, @var{n})
## @deftypefnx {} {[@var{Z}, @var{components}] =} ae_gmm_sample (@var{gmm}, @var{n}, @var{seed})
## Draw @var{n} points (@var{n}-by-d) from the Gaussian mixture @var{gmm}
## of @code{ae_gmm_fit}, and the component of each.  A point's component
## is drawn by its weight, the point from that component's Gaussian
## (mean + L' * eps with L'L its covariance).  The draws come from the C
## core's generator: the same @var{seed} gives the same points everywhere;
## without it the seed is drawn from Octave's @code{rand}.
## @seealso{ae_gmm_fit, ae_expost_sample}
## @end deftypefn

function [Z, components] = ae_gmm_sample (gmm, n, seed = [])
  if (nargin < 2)
    print_usage ();
  endif
  if (! (isstruct (gmm) && all (isfield (gmm, {"weights", "means", "covariances"}))))
    error ("autoencoder:invalidArgument",
           "ae_gmm_sample: GMM must be a mixture made by ae_gmm_fit");
  endif
  if (! (isnumeric (n) && isscalar (n) && isreal (n) && isfinite (n) && n == fix (n) && n >= 1))
    error ("autoencoder:outOfRange", "ae_gmm_sample: N must be a positive integer");
  endif
  if (isempty (seed))
    seed = floor (rand () * 2^53);
  endif
  [d, K] = size (gmm.means);
  draws = double (__autoencoder__ ("normal", seed, d + 1, n));
  u = 0.5 * erfc (-draws(1, :) / sqrt (2));   # uniform, as __ae_uniform__ makes them
  edges = cumsum (gmm.weights(:).') / sum (gmm.weights);
  components = min (K, 1 + sum (u(:) >= edges, 2));
  Z = zeros (n, d);
  for k = 1:K
    at = components == k;
    if (any (at))
      Z(at, :) = gmm.means(:, k).' + draws(2:end, at).' * chol (gmm.covariances(:, :, k));
    endif
  endfor
endfunction

%!test
%! gmm = struct ("weights", [0.25 0.75], "means", [0 10; 0 -5],
%!               "covariances", cat (3, [1 0.5; 0.5 2], [0.25 0; 0 4]));
%! [Z, c] = ae_gmm_sample (gmm, 40000, 7);
%! assert (mean (c == 1), 0.25, 0.01);
%! assert (mean (Z(c == 2, :)), [10 -5], 0.05);
%! assert (cov (Z(c == 1, :)), [1 0.5; 0.5 2], 0.06);
%! assert (cov (Z(c == 2, :)), [0.25 0; 0 4], 0.1);
%! assert (ae_gmm_sample (gmm, 10, 7), Z(1:10, :));
%!error <GMM must be a mixture> ae_gmm_sample (struct (), 3)
%!error <N must be a positive integer> ae_gmm_sample (struct ("weights", 1, "means", 0, "covariances", 1), -1)
