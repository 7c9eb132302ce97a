## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{X}, @var{y}] =} __ae_shifted_copies__ (@var{X}, @var{y}, @var{n_copies})
## The images and n_copies copies of them, each image moved by one of the 24
## shifts of up to 2 pixels each way (cyclic: MNIST's digits have 4 blank
## pixels on every side), the shifts taken in turn so that the copies are
## the same on every run.
## @end deftypefn

function [X, y] = __ae_shifted_copies__ (X, y, n_copies)
  [dy, dx] = ndgrid (-2:2, -2:2);
  shifts = [dy(:), dx(:)];
  shifts(all (shifts == 0, 2), :) = [];
  n = size (X, 3);
  copies = cell (1, n_copies + 1);
  copies{1} = X;
  for c = 1:n_copies
    which = mod ((1:n) * 7 + c * 5, rows (shifts)) + 1;
    moved = X;
    for s = 1:rows (shifts)
      at = which == s;
      moved(:, :, at) = circshift (X(:, :, at), shifts(s, :));
    endfor
    copies{c + 1} = moved;
  endfor
  X = cat (3, copies{:});
  y = repmat (y(:), n_copies + 1, 1);
endfunction
