## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{opts} =} __ae_check_run_options__ (@var{fname}, @var{opts})
## Checks the options of a training run that every training function has:
## Seed, Threads (cut to the cores Octave may use), Verbose, Plots,
## CheckpointFile, CheckpointEvery and Resume (a model or a checkpoint file
## name).  Returns @var{opts} with Threads, Verbose and Plots as the run
## uses them.
## @end deftypefn

function opts = __ae_check_run_options__ (fname, opts)
  __ae_check_option__ ("integer", fname, "Seed", opts.Seed, 0, flintmax ());
  __ae_check_option__ ("integer", fname, "Threads", opts.Threads, 1, flintmax ());
  opts.Threads = __ae_threads__ (fname, opts.Threads);
  opts.Verbose = __ae_check_option__ ("logical", fname, "Verbose", opts.Verbose);
  opts.Plots = __ae_check_option__ ("choice", fname, "Plots", opts.Plots,
                                    {"none", "training-progress"});
  __ae_check_option__ ("filename", fname, "CheckpointFile", opts.CheckpointFile);
  __ae_check_option__ ("integer", fname, "CheckpointEvery", opts.CheckpointEvery, 1, Inf);
  if (! (isempty (opts.Resume) || isstruct (opts.Resume)
         || (ischar (opts.Resume) && rows (opts.Resume) == 1)))
    error ("autoencoder:invalidOption",
           "%s: Resume must be a model returned by %s or a checkpoint file name", fname, fname);
  endif
endfunction
