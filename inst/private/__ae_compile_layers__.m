## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{core}, @var{out}, @var{sizes}] =} __ae_compile_layers__ (@var{fname}, @var{part}, @var{layers}, @var{in})
## Turn a layer array made by convolution2dLayer, reluLayer, @dots{} into
## the model's layer list @var{core} (see __ae_layer__), from the input size
## @var{in} = [height width channels].  The core works out every layer's
## size (the gateway's "geometry" command, the one place that knows it);
## "same" paddings become its numbers here.  A layer that cannot take its
## input is an "autoencoder:invalidLayers" error naming @var{part}, the layer
## and the core's reason.  @var{out} is the last output size;
## @var{sizes}(k, :) holds layer k's input and output sizes, then the
## padding [top bottom left right] its convolution or pooling used.  A
## layer array too large to hold (a typo of 1e6 filters or units) is an
## "autoencoder:outOfMemory" error, not Octave's bad-alloc.
## @end deftypefn

function [core, out, sizes] = __ae_compile_layers__ (fname, part, layers, in)
  try
    [core, out, sizes] = compile (fname, part, layers, in);
  catch err
    if (! strcmp (err.identifier, "Octave:bad-alloc"))
      rethrow (err);
    endif
    error ("autoencoder:outOfMemory", "%s: the %s's weights do not fit in memory (%s)",
           fname, part, err.message);
  end_try_catch
endfunction

function [core, out, sizes] = compile (fname, part, layers, in)
  if (iscell (layers) && all (cellfun (@isstruct, layers(:))))
    layers = [layers{:}];
  endif
  if (! (isstruct (layers) && isfield (layers, "Type") && isvector (layers)))
    error ("autoencoder:invalidLayers",
           "%s: the %s must be an array of layers made by convolution2dLayer, reluLayer, ...",
           fname, part);
  endif
  core = __ae_layer__ ("relu")([]);
  sizes = zeros (numel (layers), 10);
  for k = 1:numel (layers)
    L = layers(k);
    what = sprintf ("%s: %s layer %d (%s%s)", fname, part, k, L.Type,
                    merge (isempty (L.Name), "", [" '" L.Name "'"]));
    added = layer_of (L, in, what, k, part);
    sizes(k, 1:3) = in;
    for j = 1:numel (added)
      [added(j), in, padding] = placed (added(j), in, what);
      if (! isempty (padding))
        sizes(k, 7:10) = padding;
      endif
    endfor
    sizes(k, 4:6) = in;
    core = [core, added];
  endfor
  out = in;
endfunction

## The layer c on an input of size in, as the core places it: its output
## size, and its padding with "same" worked out
function [c, out, padding] = placed (c, in, what)
  try
    [geometry, paddings] = __autoencoder__ ("geometry", c, in);
  catch err
    error ("autoencoder:invalidLayers", "%s: %s", what,
           regexprep (err.message, "^__autoencoder__: ", ""));
  end_try_catch
  out = geometry(4:6);
  padding = [];
  if (any (strcmp (c.type, {"conv", "tconv", "maxpool", "avgpool"})))
    c.padding = padding = paddings(1:4);
  endif
  if (strcmp (c.type, "tconv"))
    c.output_padding = paddings(5:6);
  endif
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
      c.padding = L.Padding;
    case "transposedConv2d"
      c = __ae_layer__ ("tconv");
      c.W = zeros ([L.FilterSize, L.NumFilters, in(3)], "single");
      c.b = zeros (L.NumFilters, 1, "single");
      c.stride = L.Stride(1);
      ## "same": as Keras, the adjoint of the "same" convolution from in * stride
      c.padding = L.Cropping;
      c.output_padding = L.OutputPadding;
    case {"maxPooling2d", "averagePooling2d"}
      c = __ae_layer__ (merge (L.Type(1) == "m", "maxpool", "avgpool"));
      c.window = L.PoolSize;
      c.stride = L.Stride(1);
      c.padding = L.Padding;
    case "resize2d"
      c = __ae_layer__ ("resize");
      c.factor = L.Scale(1);
    case "fullyConnected"
      c = __ae_layer__ ("dense", prod (in), L.OutputSize);
    case "projectAndReshape"
      c = [__ae_layer__("dense", prod (in), prod (L.OutputSize)), __ae_layer__("reshape")];
      c(2).grid = L.OutputSize;
    case "flatten"
      c = __ae_layer__ ("reshape");
      c.grid = [1, 1, prod(in)];
    case {"relu", "sigmoid", "tanh"}
      c = __ae_layer__ (L.Type);
    case "batchNormalization"
      c = __ae_layer__ ("batchnorm");
      c.W = ones (in(3), 1, "single");
      c.b = c.mean = zeros (in(3), 1, "single");
      c.variance = ones (in(3), 1, "single");
      c.epsilon = L.Epsilon;
      c.mean_decay = L.MeanDecay;
      c.variance_decay = L.VarianceDecay;
    case "dropout"
      c = __ae_layer__ ("dropout");
      c.probability = L.Probability;
    case "leakyRelu"
      c = __ae_layer__ ("leakyrelu", 0, 0, L.Scale);
    otherwise
      error ("autoencoder:invalidLayers", "%s: layers of type \"%s\" are not supported", what,
             L.Type);
  endswitch
endfunction
