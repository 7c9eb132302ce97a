## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{n} =} __ae_threads__ (@var{fname}, @var{requested})
## The thread count a training call uses: @var{requested}, or the cores Octave
## may run on (@code{nproc}) where it asks for more, with the warning
## @code{autoencoder:threadsCapped}.  OpenBLAS threads beyond the cores spin
## waiting for each other: with 1000 of them on 2 cores a call never ended
## while the machine was busy.
## @end deftypefn

function n = __ae_threads__ (fname, requested)
  n = requested;
  cores = nproc ();
  if (requested > cores)
    __ae_warning__ ("autoencoder:threadsCapped",
                    "%s: Threads %d is more than the %d cores this session may use; using %d",
                    fname, requested, cores, cores);
    n = cores;
  endif
endfunction
