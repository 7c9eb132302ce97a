## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_input_layer__ (@var{args}, @var{options}, @var{type})
## The first layer of the layer array given as the first of @var{options}
## (say @{"Encoder", "Discriminator"@}) in the name-value pairs @var{args}
## whose first layer is of @var{type} ("imageInput", "sequenceInput"), or []
## without one; read before the options are parsed, so that the data can be
## checked against what the layers declare.
## @end deftypefn

function layer = __ae_input_layer__ (args, options, type)
  layer = [];
  for option = options
    at = __ae_option_at__ (args, option{1});
    if (! isempty (at) && at < numel (args))
      layers = args{at + 1};
      if (iscell (layers) && ! isempty (layers))
        layers = layers{1};
      endif
      if (isstruct (layers) && isfield (layers, "Type") && ! isempty (layers)
          && strcmp (layers(1).Type, type))
        layer = layers(1);
        return;
      endif
    endif
  endfor
endfunction
