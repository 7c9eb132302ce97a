## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{size} =} __ae_input_size__ (@var{model})
## The sample size __ae_check_data__ expects of the model's data: its
## input_size, or @{input_size@} for a model over sequences (model.sequence),
## whose data are sequences of that many features a step.
## @end deftypefn

function size = __ae_input_size__ (model)
  size = model.input_size;
  if (isfield (model, "sequence") && model.sequence)
    size = {size};
  endif
endfunction
