## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{seed} =} __ae_sampling_seed__ (@var{fname}, @var{args})
## The seed of a sampling call's draws from the core's generator: the option
## @qcode{"Seed"} in @var{args} (an integer in [0, 2^53]), or one drawn from
## Octave's @code{rand} when it is not given.
## @end deftypefn

function seed = __ae_sampling_seed__ (fname, args)
  p = inputParser ();
  p.addParameter ("Seed", []);
  opts = __ae_parse__ (fname, p, args);
  seed = opts.Seed;
  if (isempty (seed))
    seed = floor (rand () * 2^32);
  elseif (! (isnumeric (seed) && isscalar (seed) && isreal (seed) && seed == fix (seed)
             && seed >= 0 && seed <= 2^53))
    error ("autoencoder:outOfRange", "%s: Seed must be an integer in [0, 2^53]", fname);
  endif
  seed = double (seed);
endfunction
