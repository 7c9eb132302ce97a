## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{at} =} __ae_option_at__ (@var{args}, @var{name})
## Where the option @var{name} (case-insensitive) stands among the
## name/value pairs @var{args}: the index of its last name, whose value is
## @var{args}@{@var{at} + 1@} (when there is one), or [] when it is not given.
## @end deftypefn

function at = __ae_option_at__ (args, name)
  names = 1:2:numel (args);
  at = names(find (cellfun (@(a) ischar (a) && strcmpi (a, name), args(names)), 1, "last"));
endfunction
