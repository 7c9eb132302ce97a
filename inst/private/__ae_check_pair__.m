## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{A}, @var{B}, @var{range}] =} __ae_check_pair__ (@var{fname}, @var{X}, @var{Y})
## Check two arrays compared by a metric: numeric, real, full, finite, non-empty,
## of equal size and compatible classes.  They are returned as doubles, with
## the data range their class implies (1 for floating point, the class's
## maximum for integers, as Octave's image package does).
## @end deftypefn

function [A, B, range] = __ae_check_pair__ (fname, X, Y)
  names = {"X", "Y"};
  values = {X, Y};
  for k = 1:2
    v = values{k};
    if (! (isnumeric (v) || islogical (v)) || iscomplex (v) || issparse (v))
      error ("autoencoder:invalidData", "%s: %s must be a real, full numeric array", fname,
             names{k});
    elseif (isempty (v))
      error ("autoencoder:invalidData", "%s: %s is empty", fname, names{k});
    elseif (! all (isfinite (v(:))))
      error ("autoencoder:nonFinite", "%s: %s contains NaN or Inf", fname, names{k});
    endif
  endfor
  if (! size_equal (X, Y))
    error ("autoencoder:sizeMismatch", "%s: X is %s but Y is %s", fname,
           mat2str (size (X)), mat2str (size (Y)));
  endif
  if ((isinteger (X) || isinteger (Y)) && ! strcmp (class (X), class (Y)))
    error ("autoencoder:classMismatch", "%s: X is %s but Y is %s", fname, class (X), class (Y));
  endif
  if (isinteger (X))
    range = double (intmax (class (X)));
  else
    range = 1;
  endif
  A = double (X);
  B = double (Y);
endfunction
