## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{d} =} ae_fid (@var{F1}, @var{F2})
## Frechet distance between Gaussians fitted to the feature sets @var{F1}
## (N1-by-D) and @var{F2} (N2-by-D): the Frechet Inception Distance when the
## features come from a classifier.
##
## @example
## d = |mu1 - mu2|^2 + Tr (C1 + C2 - 2 (C1 C2)^(1/2))
## @end example
## with the covariances normalised by N - 1, as pytorch-fid does.  The trace of
## the matrix root is taken as the sum of the square roots of the eigenvalues
## of C1^(1/2) C2 C1^(1/2) (LAPACK's symmetric eigensolver), which is sound for
## singular covariances too; should it still not be finite, both diagonals are
## offset by 1e-6, pytorch-fid's fallback.  The values match pytorch-fid's
## formula with SciPy's @code{sqrtm} to 1e-7 relative.
##
## @seealso{ae_precision_recall, vae_sample}
## @end deftypefn

function d = ae_fid (F1, F2)
  if (nargin != 2)
    print_usage ();
  endif
  [F1t, F2t] = __ae_check_features__ ("ae_fid", F1, F2, {"F1", "F2"});
  d = __autoencoder__ ("fid", F1t, F2t);
endfunction

%!test
%! ## the features of tests/reference/make_metrics_reference.py, against SciPy
%! k = (0:200*16-1);
%! F1 = reshape (sin (0.77 * k + 0.1) + 0.5 * sin (0.013 * k + 0.1), 16, 200).';
%! k = (0:150*16-1);
%! F2 = reshape (sin (0.77 * k + 0.9) + 0.5 * sin (0.013 * k + 0.9), 16, 150).' * 1.1 + 0.2;
%! assert (ae_fid (F1, F2), 0.62544275060074739, 1e-6 * 0.625);
%! assert (abs (ae_fid (F1, F1)) < 1e-6);

%!test
%! ## two Gaussians with known means and covariances: the closed form
%! randn ("seed", 63);
%! F1 = randn (20000, 3);
%! F2 = 2 * randn (20000, 3) + 1;
%! ## |mu|^2 = 3; Tr (I + 4I - 2 * 2I) = 3
%! assert (ae_fid (F1, F2), 6, 0.15);

%!error <Invalid call> ae_fid (1)
%!error <F1 has 3 features, F2 has 2> ae_fid (rand (5, 3), rand (5, 2))
%!error <at least 2 samples> ae_fid (rand (1, 3), rand (5, 3))
%!error id=autoencoder:tooFewSamples ae_fid (rand (1, 3), rand (5, 3))
%!error <NaN or Inf> ae_fid ([1 NaN; 2 3], rand (5, 2))
%!error <N-by-D matrix> ae_fid (rand (2, 2, 2), rand (2, 2))
