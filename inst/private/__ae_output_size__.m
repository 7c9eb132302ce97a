## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{sz} =} __ae_output_size__ (@var{model})
## The size of one output sample of an autoencoder: its targets' size when it
## was trained on targets (@code{ae_train (X, "Targets", T)}), else its
## input's.
## @end deftypefn

function sz = __ae_output_size__ (model)
  if (isfield (model, "output_size"))
    sz = model.output_size;
  else
    sz = model.input_size;
  endif
endfunction
