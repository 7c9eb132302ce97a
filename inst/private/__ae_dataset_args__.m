## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{name}, @var{folder}] =} __ae_dataset_args__ (@var{fname}, @var{name}, @var{folder})
## Check the data set @var{name} ("mnist" or "fashion-mnist", any case) and
## resolve the data @var{folder}: as given, or when empty $AUTOENCODER_DATA,
## else ~/.cache/autoencoder.
## @end deftypefn

function [name, folder] = __ae_dataset_args__ (fname, name, folder)
  if (! ischar (name) || ! any (strcmpi (name, {"mnist", "fashion-mnist"})))
    error ("autoencoder:invalidArgument", "%s: NAME must be \"mnist\" or \"fashion-mnist\"",
           fname);
  endif
  name = lower (name);
  if (! isempty (folder) && ! ischar (folder))
    error ("autoencoder:invalidArgument", "%s: FOLDER must be a string", fname);
  elseif (isempty (folder))
    folder = getenv ("AUTOENCODER_DATA");
    if (isempty (folder))
      folder = fullfile (getenv ("HOME"), ".cache", "autoencoder");
    endif
  endif
endfunction
