## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{types}, @var{blank}, @var{matlab_blank}] =} __ae_layer_types__ ()
## The core's layer types (its type table, ae_layers.c), as the gateway's
## "layer_types" command gives them: one struct per type with its model
## name, the Type of its MATLAB layer ("" for none), its kind, its settings
## (field, option, what, type, lo, hi, hi_open, default, positional,
## weight_dim), whether the mirrored decoder passes it by, and its buffers.
## @var{blank} is a model layer with every field, all empty;
## @var{matlab_blank} a MATLAB layer with every property (Name, Type,
## InputSize, OutputSize and each type's options), all empty.  Asked once
## per session.
## @end deftypefn

function [types, blank, matlab_blank] = __ae_layer_types__ ()
  persistent cache = {};
  if (isempty (cache))
    [types, blank] = __autoencoder__ ("layer_types");
    names = {"Name", "Type", "InputSize", "OutputSize"};
    for t = types
      options = {t.settings.option};
      names = [names, options(! cellfun (@isempty, options))];
    endfor
    names = unique (names, "stable");
    matlab_blank = cell2struct (cell (numel (names), 1), names, 1);
    cache = {types, blank, matlab_blank};
  endif
  [types, blank, matlab_blank] = cache{:};
endfunction

%!test
%! [types, blank, matlab_blank] = __ae_layer_types__ ();
%! assert (any (strcmp ({types.name}, "conv")));
%! assert (isfield (blank, {"type", "W", "b", "stride", "mean", "variance"}));
%! assert (isfield (matlab_blank, {"Name", "Type", "FilterSize", "Stride", "Probability"}));
%! conv = types(strcmp ({types.name}, "conv"));
%! assert ({conv.settings.option}, {"FilterSize", "NumFilters", "Stride", "Padding"});
