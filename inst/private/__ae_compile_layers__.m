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
## padding [top bottom left right] its convolution or pooling used, then
## whether its input and its output are sequences (@var{in} may have a 4th
## value, 1 for sequences of [height width channels] steps).  A
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
  [~, core] = __ae_layer_types__ ();
  core = core([]);
  sizes = zeros (numel (layers), 12);
  in = [in(1:3), numel(in) > 3 && in(4)];
  for k = 1:numel (layers)
    L = layers(k);
    what = sprintf ("%s: %s layer %d (%s%s)", fname, part, k, L.Type,
                    merge (isempty (L.Name), "", [" '" L.Name "'"]));
    sizes(k, [1:3, 11]) = in;
    [added, in, padding] = layer_of (L, in, what, k, part);
    if (! isempty (padding))
      sizes(k, 7:10) = padding;
    endif
    sizes(k, [4:6, 12]) = in;
    core = [core, added];
  endfor
  out = in(1:3);
endfunction

## The size the gateway takes: [h w c], with a 4th value 1 for a sequence
function size = gateway_size (in)
  size = in(1:3 + in(4));
endfunction

## The model's layers of the MATLAB layer L on an input of size in: those
## of the core's types through its declaration, the three MATLAB layers that
## are not a type of their own here; out is their output size.
function [c, out, padding] = layer_of (L, in, what, k, part)
  [~, c] = __ae_layer_types__ ();
  c = c([]);
  out = in;
  padding = [];
  switch (L.Type)
    case "imageInput"
      if (k != 1 || ! strcmp (part, "encoder"))
        error ("autoencoder:invalidLayers", "%s: an image input layer may only start the encoder",
               what);
      elseif (in(4))
        error ("autoencoder:invalidLayers", "%s: the data are sequences, not images", what);
      elseif (! isequal (L.InputSize, in(1:3)))
        error ("autoencoder:sizeMismatch", "%s: expects %s images, the data are %s", what,
               __ae_dims__ (L.InputSize), __ae_dims__ (in(1:3)));
      endif
    case "sequenceInput"
      if (k != 1 || ! strcmp (part, "encoder"))
        error ("autoencoder:invalidLayers",
               "%s: a sequence input layer may only start the encoder", what);
      elseif (! in(4))
        error ("autoencoder:invalidLayers", "%s: the data are not sequences (give a cell array of C-by-T matrices or a C-by-N-by-T array)", what);
      elseif (L.InputSize != prod (in(1:3)))
        error ("autoencoder:sizeMismatch", "%s: expects sequences of %d features a step, the data have %d", what, L.InputSize, prod (in(1:3)));
      endif
    case "projectAndReshape"
      c = [__ae_layer__("dense", prod (in(1:3)), prod (L.OutputSize)), __ae_layer__("reshape")];
      c(2).grid = L.OutputSize;
      out = [L.OutputSize, in(4)];
    case "flatten"
      c = __ae_layer__ ("reshape");
      c.grid = [1, 1, prod(in(1:3))];
      out = [c.grid, in(4)];
    otherwise
      [c, out, padding] = declared (L, in, what);
      return;
  endswitch
  if (! isempty (c))   # placed as the core places it, for its reasons
    geometry_of (c, in, what);
  endif
endfunction

## A layer of one of the core's types: the gateway writes its settings out
## ("same" worked out) and gives the sizes of its weights, made here
function [c, out, padding] = declared (L, in, what)
  types = __ae_layer_types__ ();
  if (! any (strcmp ({types.matlab}, L.Type)))
    error ("autoencoder:invalidLayers", "%s: layers of type \"%s\" are not supported", what,
           L.Type);
  endif
  try
    [c, geometry, padding, shapes] = __autoencoder__ ("layer", L, gateway_size (in));
  catch err
    error (merge (strcmp (err.identifier, "autoencoder:outOfMemory"), err.identifier,
                  "autoencoder:invalidLayers"),
           "%s: %s", what, regexprep (err.message, "^__autoencoder__: ", ""));
  end_try_catch
  for [shape, name] = shapes
    c.(name) = zeros (shape, "single");
  endfor
  out = geometry([4:6, 8]);
  padding = merge (isempty (c.padding), [], padding(1:4));
endfunction

function geometry_of (c, in, what)
  try
    __autoencoder__ ("geometry", c, gateway_size (in));
  catch err
    error ("autoencoder:invalidLayers", "%s: %s", what,
           regexprep (err.message, "^__autoencoder__: ", ""));
  end_try_catch
endfunction
