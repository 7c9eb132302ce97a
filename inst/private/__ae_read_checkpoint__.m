## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_read_checkpoint__ (@var{fname}, @var{file})
## Read the model in a checkpoint file written by ae_train or vae_train.  A
## missing, unreadable, truncated or foreign file is an error with an
## "autoencoder:" identifier.
## @end deftypefn

function model = __ae_read_checkpoint__ (fname, file)
  if (! exist (file, "file"))
    error ("autoencoder:io", "%s: no checkpoint file %s", fname, file);
  endif
  try
    contents = load (file);
  catch err
    error ("autoencoder:badCheckpoint", "%s: cannot read the checkpoint %s: %s",
           fname, file, err.message);
  end_try_catch
  if (! isstruct (contents) || ! isfield (contents, "model"))
    error ("autoencoder:badCheckpoint", "%s: %s holds no model", fname, file);
  endif
  model = contents.model;
endfunction
