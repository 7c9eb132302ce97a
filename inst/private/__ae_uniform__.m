## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{U} =} __ae_uniform__ (@var{seed}, @var{rows}, @var{n})
## A @var{rows}-by-@var{n} array of uniform draws in (0, 1) from the C
## core's seeded generator: Phi of its standard normals, so that the same
## @var{seed} gives the same draws on every machine.  Single precision
## stays single.
## @end deftypefn

function U = __ae_uniform__ (seed, rows, n)
  U = 0.5 * erfc (-__autoencoder__ ("normal", seed, rows, n) / sqrt (2));
endfunction
