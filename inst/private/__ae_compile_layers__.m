## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{core}, @var{out}, @var{sizes}] =} __ae_compile_layers__ (@var{fname}, @var{part}, @var{layers}, @var{in})
## Turn a layer array made by convolution2dLayer, reluLayer, @dots{} into
## the model's layer list @var{core} (see __ae_core_shape__), working out
## every layer's size from the input size @var{in} = [height width channels].
## "same" paddings become numbers here.  A layer that cannot take its input
## is an "autoencoder:invalidLayers" error naming @var{part}, the layer and
## the sizes.  @var{out} is the last output size; @var{sizes}(k, :) holds
## layer k's input and output sizes.
## @end deftypefn

function [core, out, sizes] = __ae_compile_layers__ (fname, part, layers, in)
  if (iscell (layers) && all (cellfun (@isstruct, layers(:))))
    layers = [layers{:}];
  endif
  if (! (isstruct (layers) && isfield (layers, "Type") && isvector (layers)))
    error ("autoencoder:invalidLayers",
           "%s: the %s must be an array of layers made by convolution2dLayer, reluLayer, ...",
           fname, part);
  endif
  core = __ae_layer__ ("relu")([]);
  sizes = zeros (numel (layers), 6);
  for k = 1:numel (layers)
    L = layers(k);
    what = sprintf ("%s: %s layer %d (%s%s)", fname, part, k, L.Type,
                    merge (isempty (L.Name), "", [" '" L.Name "'"]));
    added = layer_of (L, in, what, k, part);
    sizes(k, 1:3) = in;
    for c = added
      in = output_size (c, in, what);
    endfor
    sizes(k, 4:6) = in;
    core = [core, added];
  endfor
  out = in;
endfunction

function c = layer_of (L, in, what, k, part)
  c = __ae_layer__ ("relu")([]);
  switch (L.Type)
    case "imageInput"
      if (k != 1 || ! strcmp (part, "encoder"))
        error ("autoencoder:invalidLayers", "%s: an image input layer may only start the encoder",
               what);
      elseif (! isequal (L.InputSize, in))
        error ("autoencoder:sizeMismatch", "%s: expects %s images, the data are %s", what,
               __ae_dims__ (L.InputSize), __ae_dims__ (in));
      endif
    case "convolution2d"
      c = __ae_layer__ ("conv");
      c.W = zeros ([L.FilterSize, in(3), L.NumFilters], "single");
      c.b = zeros (L.NumFilters, 1, "single");
      c.stride = L.Stride(1);
      c.padding = padding_of (L.Padding, in, L.FilterSize, c.stride);
    case "transposedConv2d"
      c = __ae_layer__ ("tconv");
      c.W = zeros ([L.FilterSize, L.NumFilters, in(3)], "single");
      c.b = zeros (L.NumFilters, 1, "single");
      c.stride = s = L.Stride(1);
      if (ischar (L.Cropping))
        ## as Keras: the adjoint of the "same" convolution from in * stride
        c.padding = __ae_same_padding__ (in(1:2) * s, L.FilterSize, s);
        c.output_padding = max (s - L.FilterSize, 0);
      else
        c.padding = L.Cropping;
        c.output_padding = L.OutputPadding;
      endif
    case {"maxPooling2d", "averagePooling2d"}
      c = __ae_layer__ (merge (L.Type(1) == "m", "maxpool", "avgpool"));
      c.size = L.PoolSize;
      c.stride = L.Stride(1);
      c.padding = padding_of (L.Padding, in, L.PoolSize, c.stride);
      if (any (c.padding >= L.PoolSize([1 1 2 2])))
        error ("autoencoder:invalidLayers",
               "%s: padding %s must be smaller than the %s pool, or a window would lie in it",
               what, __ae_dims__ (c.padding, "/"), __ae_dims__ (L.PoolSize));
      endif
    case "resize2d"
      c = __ae_layer__ ("resize");
      c.size = L.Scale(1);
    case "fullyConnected"
      c = __ae_layer__ ("dense", prod (in), L.OutputSize);
    case "projectAndReshape"
      c = [__ae_layer__("dense", prod (in), prod (L.OutputSize)), __ae_layer__("reshape")];
      c(2).size = L.OutputSize;
    case "flatten"
      c = __ae_layer__ ("reshape");
      c.size = [1, 1, prod(in)];
    case {"relu", "sigmoid", "tanh"}
      c = __ae_layer__ (L.Type);
    case "leakyRelu"
      c = __ae_layer__ ("leakyrelu", 0, 0, L.Scale);
    otherwise
      error ("autoencoder:invalidLayers", "%s: layers of type \"%s\" are not supported", what,
             L.Type);
  endswitch
endfunction

function p = padding_of (padding, in, k, stride)
  p = padding;
  if (ischar (padding))
    p = __ae_same_padding__ (in, k, stride);
  endif
endfunction

function out = output_size (c, in, what)
  if (any (strcmp (c.type, {"conv", "maxpool", "avgpool"})))
    k = merge (strcmp (c.type, "conv"), size (c.W)(1:2), c.size);
    padded = in(1:2) + c.padding([1 3]) + c.padding([2 4]);
    if (any (padded < k))
      error ("autoencoder:invalidLayers",
             "%s: a %s window does not fit the %s input padded by %s", what, __ae_dims__ (k),
             __ae_dims__ (in), __ae_dims__ (c.padding, "/"));
    endif
  elseif (strcmp (c.type, "reshape") && prod (c.size) != prod (in))
    error ("autoencoder:invalidLayers", "%s: cannot reshape %s (%d values) into %s", what,
           __ae_dims__ (in), prod (in), __ae_dims__ (c.size));
  endif
  out = __ae_core_shape__ (c, in);
  if (any (out < 1))
    error ("autoencoder:invalidLayers", "%s: a %s input gives no output (%s)", what,
           __ae_dims__ (in), __ae_dims__ (out));
  elseif (prod (out) > 2^30)
    error ("autoencoder:invalidLayers", "%s: its output of %s is too large", what, __ae_dims__ (out));
  endif
endfunction

