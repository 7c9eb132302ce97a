## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{p} =} __ae_dl_padding__ (@var{fname}, @var{what}, @var{value})
## A Padding or Cropping value as MATLAB takes it: "same", or p for every
## side, [a b] for a at the top and bottom and b left and right, or
## [top bottom left right].  Returns "same" or the four numbers.
## @end deftypefn

function p = __ae_dl_padding__ (fname, what, value)
  if (ischar (value) && strcmpi (value, "same"))
    p = "same";
    return;
  endif
  if (! (isnumeric (value) && isreal (value) && any (numel (value) == [1 2 4])
         && all (value(:) >= 0 & value(:) == fix (value(:)) & value(:) <= 2^16)))
    error ("autoencoder:invalidOption",
           "%s: %s must be \"same\" or 1, 2 or 4 non-negative integers", fname, what);
  endif
  value = double (value(:).');
  switch (numel (value))
    case 1
      p = repmat (value, 1, 4);
    case 2
      p = value([1 1 2 2]);
    otherwise
      p = value;
  endswitch
endfunction
