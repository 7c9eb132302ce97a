## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{p} =} __ae_same_padding__ (@var{in}, @var{k}, @var{stride})
## MATLAB's and TensorFlow's "same" padding [top bottom left right] of a
## window of size @var{k} over an input of size @var{in} (height, width):
## ceil(in / stride) outputs, with the odd pixel at the bottom and right.
## @end deftypefn

function p = __ae_same_padding__ (in, k, stride)
  total = max ((ceil (in(1:2) / stride) - 1) * stride + k - in(1:2), 0);
  p = [floor(total(1) / 2), ceil(total(1) / 2), floor(total(2) / 2), ceil(total(2) / 2)];
endfunction
