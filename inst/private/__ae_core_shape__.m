## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{out}, @var{n_params}] =} __ae_core_shape__ (@var{layer}, @var{in})
## The output size [height width channels] of one element of a model's layer
## list (fields type, W, b, scale, size, stride, padding, output_padding) on
## an input of size @var{in}, and its parameter count.  A dense layer's output
## is 1-by-1-by-n.  Geometry is not checked here: a size below 1 means the
## layer does not fit.
## @end deftypefn

function [out, n_params] = __ae_core_shape__ (layer, in)
  n_params = numel (layer.W) + numel (layer.b);
  switch (layer.type)
    case "dense"
      out = [1, 1, rows(layer.W)];
    case "gaussian"
      out = [1, 1, prod(in) / 2];
    case {"conv", "maxpool", "avgpool"}
      if (strcmp (layer.type, "conv"))
        k = [size(layer.W, 1), size(layer.W, 2)];
        channels = size (layer.W, 4);
      else
        k = layer.size;
        channels = in(3);
      endif
      p = layer.padding;
      out = [floor((in(1:2) + p([1 3]) + p([2 4]) - k) / layer.stride) + 1, channels];
    case "tconv"
      k = [size(layer.W, 1), size(layer.W, 2)];
      p = layer.padding;
      out = [(in(1:2) - 1) * layer.stride + k - p([1 3]) - p([2 4]) + layer.output_padding, ...
             size(layer.W, 3)];
    case "resize"
      out = [in(1:2) * layer.size, in(3)];
    case "reshape"
      out = layer.size;
    otherwise   # activations
      out = in;
  endswitch
endfunction
