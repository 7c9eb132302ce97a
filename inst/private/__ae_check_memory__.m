## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {} __ae_check_memory__ (@var{fname}, @var{what}, @var{bytes})
## @deftypefnx {} {@var{bytes} =} __ae_check_memory__ ("training", @var{n_params}, @var{n_activations}, @var{batch})
## Refuse, before anything is allocated, work that needs more memory than
## the machine has available: the error @code{autoencoder:outOfMemory} names
## @var{what} needs @var{bytes} and what /proc/meminfo's MemAvailable says
## the machine has.  A computation the kernel would end for want of memory
## takes the user's whole Octave session with it; this error leaves it alive.
## Where /proc/meminfo cannot be read nothing is checked.
##
## The second form estimates a training run's memory: the parameters as the
## model holds them (single, twice while an epoch's model replaces the last),
## the core's copy, gradients and Adam's two moments (7 x 4 bytes each), and
## for each sample of a batch its activations, their pre-activation values
## and their gradients (3 x 4 bytes each), with 16 MB of convolution scratch.
## @end deftypefn

function bytes = __ae_check_memory__ (fname, what, bytes, batch)
  if (strcmp (fname, "training"))
    [n_params, n_activations] = deal (what, bytes);
    bytes = 28 * n_params + 12 * batch * n_activations + 16e6;
    return;
  endif
  available = memory_available ();
  if (bytes > available)
    error ("autoencoder:outOfMemory",
           "%s: %s needs about %s of memory, but this machine has %s available",
           fname, what, human (bytes), human (available));
  endif
endfunction

## MemAvailable of /proc/meminfo in bytes, or Inf where it cannot be read
function bytes = memory_available ()
  bytes = Inf;
  [fid, msg] = fopen ("/proc/meminfo", "r");
  if (fid < 0)
    return;
  endif
  text = fread (fid, Inf, "char=>char").';
  fclose (fid);
  kb = regexp (text, 'MemAvailable:\s*(\d+)\s*kB', "tokens", "once");
  if (! isempty (kb))
    bytes = 1024 * str2double (kb{1});
  endif
endfunction

function s = human (bytes)
  units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
  k = min (max (floor (log10 (max (bytes, 1)) / 3), 0), numel (units) - 1);
  s = sprintf ("%.3g %s", bytes / 1000 ^ k, units{k+1});
endfunction
