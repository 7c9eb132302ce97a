## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_dl_layer__ (@var{fname}, @var{type}, @var{args}, @var{names}, @var{layer})
## A layer description of the kind the Deep Learning Toolbox's layer functions
## return: one struct with the same fields for every type, so that layers
## concatenate into arrays (@code{[convolution2dLayer(3, 8), reluLayer]}).
## The name/value pairs @var{args} (names case-insensitive, from @var{names}
## and "Name") set the fields over the defaults in the struct @var{layer}.
## Values are checked by the caller.
## @end deftypefn

function layer = __ae_dl_layer__ (fname, type, args, names = {}, defaults = struct ())
  layer = struct ("Name", "", "Type", type, "InputSize", [], "FilterSize", [],
                  "NumFilters", [], "PoolSize", [], "OutputSize", [], "Stride", [],
                  "Padding", [], "Cropping", [], "OutputPadding", [], "Scale", [],
                  "Epsilon", [], "MeanDecay", [], "VarianceDecay", [], "Probability", []);
  for [value, key] = defaults
    layer.(key) = value;
  endfor
  names = [{"Name"}, names];
  if (mod (numel (args), 2) != 0)
    error ("autoencoder:invalidOption", "%s: options must come in name/value pairs", fname);
  endif
  for k = 1:2:numel (args)
    match = [];
    if (ischar (args{k}) && rows (args{k}) <= 1)
      match = find (strcmpi (args{k}, names), 1);
    endif
    if (isempty (match))
      error ("autoencoder:invalidOption", "%s: unknown option \"%s\"; the options are %s",
             fname, disp (args{k})(1:end-1), strjoin (names, ", "));
    endif
    layer.(names{match}) = args{k+1};
  endfor
  if (! (ischar (layer.Name) && rows (layer.Name) <= 1))
    error ("autoencoder:invalidOption", "%s: Name must be a string", fname);
  endif
endfunction
