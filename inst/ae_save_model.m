## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {} ae_save_model (@var{filename}, @var{model})
## Save a model (of @code{ae_train} or @code{vae_train}) to a file that
## @code{ae_load_model} reads back exactly.
##
## The file is the model in Octave's binary format inside a small container
## that records its length and CRC-32 checksum, so a truncated or corrupted
## file is refused when loaded instead of being half-read.  It is written
## under a temporary name and renamed into place, so a crash mid-write leaves
## a previous file of that name whole.  Checkpoints (option
## @qcode{"CheckpointFile"} of the training functions) are such files.
##
## @seealso{ae_load_model, vae_train, ae_train}
## @end deftypefn

function ae_save_model (filename, model)
  if (nargin != 2)
    print_usage ();
  elseif (! ischar (filename) || rows (filename) != 1)
    error ("autoencoder:invalidArgument", "ae_save_model: FILENAME must be a string");
  endif
  __ae_check_model__ ("ae_save_model", model, {"ae", "vae", "pca", "classifier", "gan", "vaegan"});
  scratch = [tempname() '.bin'];
  unwind_protect
    save ("-binary", scratch, "model");
    fid = fopen (scratch, "r");
    bytes = fread (fid, Inf, "uint8=>uint8");
    fclose (fid);
  unwind_protect_cleanup
    if (exist (scratch, "file"))
      unlink (scratch);
    endif
  end_unwind_protect
  try
    __autoencoder__ ("write_checkpoint", filename, bytes);
  catch err
    error (err.identifier, "ae_save_model: %s", err.message);
  end_try_catch
endfunction

%!test
%! rand ("seed", 50);
%! X = rand (30, 5);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 3, "Epochs", 2, "Verbose", false);
%! file = [tempname() '.model'];
%! unwind_protect
%!   ae_save_model (file, model);
%!   assert (isequaln (ae_load_model (file), model));
%!   ## a second save replaces the file whole, leaving no temporary behind
%!   model.options.Note = "second";
%!   ae_save_model (file, model);
%!   assert (ae_load_model (file).options.Note, "second");
%!   assert (isempty (glob ([file ".partial-*"])));
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect

%!error <Invalid call> ae_save_model ("x")
%!error <FILENAME must be a string> ae_save_model (3, struct ())
%!error <MODEL must be a model struct> ae_save_model ("x.model", struct ("a", 1))
%!error id=autoencoder:io ae_save_model ("/nonexistent/dir/x.model", vae_train (rand (5, 3), "LatentDim", 1, "Epochs", 0, "Verbose", false))
