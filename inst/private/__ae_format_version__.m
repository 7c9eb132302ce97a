## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{v} =} __ae_format_version__ ()
## The version of the model struct layout this package writes.
## @end deftypefn

function v = __ae_format_version__ ()
  v = 1;
endfunction
