## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{s} =} __ae_dims__ (@var{v}, @var{sep})
## The integers @var{v} joined by @var{sep} ("x" by default): "28x28x1".
## @end deftypefn

function s = __ae_dims__ (v, sep = "x")
  s = strjoin (arrayfun (@num2str, v, "uniformoutput", false), sep);
endfunction
