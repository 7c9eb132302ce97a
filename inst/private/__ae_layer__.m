## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_layer__ (@var{type}, @var{n_in}, @var{n_out}, @var{scale})
## One element of a model's layer list, with the fields type, W, b, scale
## (a leaky relu's slope), window (a pooling window [height width]), factor
## (a resize's), grid (a reshape's [height width channels]), stride, padding,
## output_padding, batch normalization's running mean and variance,
## epsilon, mean_decay and variance_decay, dropout's probability, and a
## "condition" layer's condition_size (the classes whose one-hot label it
## appends to its input, as channels).  A "dense" layer gets zero
## weights of its size (W is @var{n_out}-by-@var{n_in}, b is @var{n_out}-by-1);
## the core initialises them.  @var{scale} is the negative slope of
## "leakyrelu".  Convolution and pooling layers get their geometry from
## __ae_compile_layers__.
## @end deftypefn

function layer = __ae_layer__ (type, n_in, n_out, scale)
  W = b = [];
  if (strcmp (type, "dense"))
    W = zeros (n_out, n_in, "single");
    b = zeros (n_out, 1, "single");
  endif
  if (nargin < 4 || ! strcmp (type, "leakyrelu"))
    scale = [];
  endif
  layer = struct ("type", type, "W", W, "b", b, "scale", scale, "window", [], "factor", [],
                  "grid", [], "stride", [], "padding", [], "output_padding", [], "mean", [],
                  "variance", [], "epsilon", [], "mean_decay", [], "variance_decay", [],
                  "probability", [], "condition_size", []);
endfunction
