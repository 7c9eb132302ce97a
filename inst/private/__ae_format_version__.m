## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{v} =} __ae_format_version__ ()
## @deftypefnx {} {@var{v} =} __ae_format_version__ (@var{spatial})
## The newest version of the model struct layout this package reads, or the
## version a model is written with: 3 when it has convolutional layers
## (@var{spatial} true), else 1, so that models of dense layers stay readable
## by the releases before them.  Version 2 held a pooling window, a resize
## factor and a reshape grid in one field, size; version 3 names them
## window, factor and grid (ae_load_model upgrades version 2).
## @end deftypefn

function v = __ae_format_version__ (spatial = true)
  v = 1 + 2 * logical (spatial);
endfunction
