## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{cls} =} __ae_data_class__ (@var{model})
## The class data are handed to @var{model} in: "single" for the networks of
## the C core, "double" for PCA, which Octave computes.
## @end deftypefn

function cls = __ae_data_class__ (model)
  cls = merge (strcmp (model.kind, "pca"), "double", "single");
endfunction
