## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{Xt}, @var{image_size}] =} __ae_columns__ (@var{fname}, @var{X}, @var{name}, @var{n_rows})
## Data in MATLAB's convention for the trainAutoencoder family: a matrix whose
## columns are samples, or a cell array of images (each m-by-n or m-by-n-by-3,
## all the same size).  Returns single columns and, for images, their size
## (empty for a matrix).  @var{n_rows}, when given and not empty, is the
## number of values per sample the caller expects.
## @end deftypefn

function [Xt, image_size] = __ae_columns__ (fname, X, name, n_rows)
  image_size = [];
  if (iscell (X))
    if (isempty (X))
      error ("autoencoder:invalidData", "%s: %s is an empty cell array", fname, name);
    endif
    image_size = size (X{1});
    ok = cellfun (@(c) (isnumeric (c) || islogical (c)) && isreal (c) && ! issparse (c) ...
                       && isequal (size (c), image_size), X);
    if (! all (ok(:)) || ! any (numel (image_size) == [2 3])
        || (numel (image_size) == 3 && image_size(3) != 3))
      error ("autoencoder:invalidData",
             "%s: the images in %s must all be real m-by-n or m-by-n-by-3 arrays of one size",
             fname, name);
    endif
    X = cell2mat (cellfun (@(c) single (c(:)), X(:).', "UniformOutput", false));
  elseif (! ((isnumeric (X) || islogical (X)) && ismatrix (X)))
    error ("autoencoder:invalidData",
           "%s: %s must be a matrix whose columns are samples, or a cell array of images",
           fname, name);
  elseif (issparse (X) || iscomplex (X) || isempty (X))
    error ("autoencoder:invalidData", "%s: %s must be a real, full, non-empty matrix", fname, name);
  endif
  if (nargin > 3 && ! isempty (n_rows) && rows (X) != n_rows)
    error ("autoencoder:sizeMismatch", "%s: %s has %d values per sample, %d expected",
           fname, name, rows (X), n_rows);
  endif
  Xt = single (X);
  if (! all (isfinite (Xt(:))))
    error ("autoencoder:nonFinite", "%s: %s contains NaN or Inf", fname, name);
  endif
endfunction
