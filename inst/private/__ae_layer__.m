## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_layer__ (@var{type}, @var{n_in}, @var{n_out}, @var{scale})
## One element of a model's layer list: the field set of every layer type
## (type, W, b, each type's settings and buffers, from the core's type
## table), all empty but the type.  A "dense" layer gets zero weights of its
## size (W is @var{n_out}-by-@var{n_in}, b is @var{n_out}-by-1); the core
## initialises them.  @var{scale} is the negative slope of "leakyrelu".
## Layers from MATLAB-style layer arrays are made by __ae_compile_layers__.
## @end deftypefn

function layer = __ae_layer__ (type, n_in, n_out, scale)
  [~, layer] = __ae_layer_types__ ();
  layer.type = type;
  if (strcmp (type, "dense"))
    layer.W = zeros (n_out, n_in, "single");
    layer.b = zeros (n_out, 1, "single");
  endif
  if (nargin == 4 && strcmp (type, "leakyrelu"))
    layer.scale = scale;
  endif
endfunction

%!test
%! l = __ae_layer__ ("dense", 3, 2);
%! assert (size (l.W), [2 3]);
%! assert (isempty (l.stride));
%! assert (__ae_layer__ ("leakyrelu", 0, 0, 0.2).scale, 0.2);
