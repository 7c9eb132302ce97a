## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{codes}, @var{grid}] =} __ae_vq_codes__ (@var{fname}, @var{model}, @var{X})
## The code each position of each sample of @var{X} is given by the VQ-VAE
## @var{model} (one whose encoder ends with a vector quantization layer):
## @var{codes} is P-by-N, 1-based, its rows the positions in the core's
## order (row by row of the code grid); @var{grid} is the code grid's size
## [height width channels].  The nearest codebook column is found again from
## the encoder's output, a few thousand samples at a time.
## @end deftypefn

function [codes, grid] = __ae_vq_codes__ (fname, model, X)
  W = double (model.encoder(end).W);        # channels-by-codes
  C = rows (W);
  in = __ae_input_size__ (model);
  sizes = __autoencoder__ ("geometry", model.encoder, [in, ones(1, 3 - numel (in))]);
  grid = sizes(end, 4:6);
  P = prod (grid(1:2));
  Xt = __ae_check_data__ (fname, X, "X", __ae_input_size__ (model), "single");
  N = columns (Xt);
  codes = zeros (P, N);
  chunk = max (1, floor (2e6 / (P * columns (W))));
  for first = 1:chunk:N
    last = min (N, first + chunk - 1);
    Z = double (__ae_forward__ (model, Xt(:, first:last), "encode"));   # (C*P)-by-n, [c][p]
    vectors = reshape (permute (reshape (Z, P, C, []), [1 3 2]), [], C);
    codes(:, first:last) = reshape (__ae_nearest__ (vectors, W), P, []);
  endfor
endfunction
