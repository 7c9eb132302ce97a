## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{results}, @var{given}] =} __ae_parse__ (@var{fname}, @var{parser}, @var{args})
## Parse the name/value pairs @var{args} with the inputParser @var{parser},
## turning every complaint into an "autoencoder:invalidOption" error that
## names the option as the user spelt it and lists the valid ones
## alphabetically.
## @var{given} holds the canonical names of the options @var{args} set.
## @end deftypefn

function [results, given] = __ae_parse__ (fname, parser, args)
  if (mod (numel (args), 2) != 0)
    error ("autoencoder:invalidOption", "%s: options must come in name/value pairs", fname);
  endif
  ## sorted here: inputParser lists them in the order they were added in
  ## Octave 7, alphabetically from Octave 9
  valid = sort (parser.Parameters);
  for k = 1:2:numel (args)
    if (! ischar (args{k}) || rows (args{k}) > 1)
      error ("autoencoder:invalidOption", "%s: option names must be strings", fname);
    elseif (! any (strcmpi (args{k}, valid)))
      error ("autoencoder:invalidOption", "%s: unknown option \"%s\"; the options are %s",
             fname, args{k}, strjoin (valid, ", "));
    endif
  endfor
  try
    parser.parse (args{:});
  catch err
    error ("autoencoder:invalidOption", "%s", err.message);
  end_try_catch
  results = parser.Results;
  given = setdiff (valid, parser.UsingDefaults);
endfunction
