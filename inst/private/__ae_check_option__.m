## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {} __ae_check_option__ ("integer", @var{fname}, @var{name}, @var{value}, @var{lo}, @var{hi})
## @deftypefnx {} {} __ae_check_option__ ("real", @var{fname}, @var{name}, @var{value}, @var{lo}, @var{hi}, @var{lo_allowed})
## @deftypefnx {} {@var{choice} =} __ae_check_option__ ("choice", @var{fname}, @var{name}, @var{value}, @var{choices})
## @deftypefnx {} {@var{flag} =} __ae_check_option__ ("logical", @var{fname}, @var{name}, @var{value})
## @deftypefnx {} {} __ae_check_option__ ("filename", @var{fname}, @var{name}, @var{value})
## Check the option @var{name} of @var{fname}: an integer scalar in
## [@var{lo}, @var{hi}]; a finite real scalar in [@var{lo}, @var{hi}] (or
## above @var{lo} when not @var{lo_allowed}); one of the strings
## @var{choices} (case-insensitive; returned in lower case); true or false
## (returned as a logical); a file name (a row of characters, maybe empty).
## A bad type is
## an "autoencoder:invalidOption" error, a value out of range
## "autoencoder:outOfRange".
## @end deftypefn

function choice = __ae_check_option__ (rule, fname, name, value, varargin)
  choice = value;
  switch (rule)
    case "integer"
      [lo, hi] = varargin{:};
      if (! (isnumeric (value) && isscalar (value) && isreal (value) && value == fix (value)))
        error ("autoencoder:invalidOption", "%s: %s must be an integer scalar", fname, name);
      elseif (value < lo || value > hi)
        error ("autoencoder:outOfRange", "%s: %s must be in [%d, %d], got %d",
               fname, name, lo, hi, value);
      endif
    case "real"
      [lo, hi, lo_allowed] = varargin{:};
      if (! (isnumeric (value) && isscalar (value) && isreal (value) && isfinite (value)))
        error ("autoencoder:invalidOption", "%s: %s must be a finite real scalar", fname, name);
      elseif (value > hi || value < lo || (! lo_allowed && value == lo))
        error ("autoencoder:outOfRange", "%s: %s must be %s %g%s, got %g", fname, name,
               merge (lo_allowed, ">=", ">"), lo,
               merge (isinf (hi), "", sprintf (" and <= %g", hi)), value);
      endif
    case "choice"
      choices = varargin{1};
      if (! ischar (value) || ! any (strcmpi (value, choices)))
        error ("autoencoder:invalidOption", "%s: %s must be one of %s", fname, name,
               strjoin (strcat ("\"", choices, "\""), ", "));
      endif
      choice = lower (value);
    case "logical"
      if (! (isscalar (value) && (islogical (value) || isnumeric (value))))
        error ("autoencoder:invalidOption", "%s: %s must be true or false", fname, name);
      endif
      choice = logical (value);
    case "filename"
      if (! ischar (value) || rows (value) > 1)
        error ("autoencoder:invalidOption", "%s: %s must be a file name", fname, name);
      endif
  endswitch
endfunction
