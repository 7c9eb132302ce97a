## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{v} =} __ae_dl_size__ (@var{fname}, @var{what}, @var{value}, @var{n}, @var{lo})
## @var{value} as a row of @var{n} integers >= @var{lo} (default 1); a scalar
## is repeated, as MATLAB's layer functions do.
## @end deftypefn

function v = __ae_dl_size__ (fname, what, value, n, lo = 1)
  if (isnumeric (value) && isreal (value) && isscalar (value))
    value = repmat (value, 1, n);
  endif
  if (! (isnumeric (value) && isreal (value) && numel (value) == n
         && all (value(:) >= lo & value(:) == fix (value(:)) & value(:) <= 2^24)))
    error ("autoencoder:invalidOption", "%s: %s must be %s integer%s >= %d", fname, what,
           merge (n == 1, "an", sprintf ("a scalar or %d", n)), merge (n == 1, "", "s"), lo);
  endif
  v = double (value(:).');
endfunction
