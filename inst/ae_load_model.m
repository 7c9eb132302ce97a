## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} ae_load_model (@var{filename})
## Load a model saved by @code{ae_save_model} (or a training checkpoint).
##
## The file's length and checksum are verified before its contents are read:
## a truncated, corrupted or foreign file is an error
## (@code{autoencoder:badModelFile}), as is a model written by a newer version
## of the package (@code{autoencoder:incompatibleModel}); a missing or
## unreadable file is @code{autoencoder:io}.
##
## @seealso{ae_save_model, vae_train, ae_train}
## @end deftypefn

function model = ae_load_model (filename)
  if (nargin != 1)
    print_usage ();
  elseif (! ischar (filename) || rows (filename) != 1)
    error ("autoencoder:invalidArgument", "ae_load_model: FILENAME must be a string");
  endif
  try
    bytes = __autoencoder__ ("read_checkpoint", filename);
  catch err
    id = merge (strcmp (err.identifier, "autoencoder:io"), "autoencoder:io",
                "autoencoder:badModelFile");
    error (id, "ae_load_model: %s", err.message);
  end_try_catch
  scratch = [tempname() '.bin'];
  unwind_protect
    fid = fopen (scratch, "w");
    fwrite (fid, bytes);
    fclose (fid);
    try
      contents = load (scratch);
    catch err
      error ("autoencoder:badModelFile", "ae_load_model: %s: %s", filename, err.message);
    end_try_catch
  unwind_protect_cleanup
    unlink (scratch);
  end_unwind_protect
  if (! isfield (contents, "model"))
    error ("autoencoder:badModelFile", "ae_load_model: %s holds no model", filename);
  endif
  model = contents.model;
  __ae_check_model__ ("ae_load_model", model, {"ae", "vae", "pca", "classifier", "gan", "vaegan"});
  model = upgrade_layers (model);
endfunction

## Layers as this version writes them, so that they stack with new ones:
## models saved before the convolutional layers came lack the geometry
## fields; those of format 2 held a pooling window, a resize factor and a
## reshape grid in one field, size.
function model = upgrade_layers (model)
  fields = fieldnames (__ae_layer__ ("relu")).';
  for part = {"encoder", "decoder", "generator", "discriminator"}
    if (! (isfield (model, part{1}) && isstruct (model.(part{1}))))
      continue;
    endif
    layers = model.(part{1});
    for field = fields(! isfield (layers, fields))
      [layers.(field{1})] = deal ([]);
    endfor
    if (isfield (layers, "size"))
      for k = 1:numel (layers)
        switch (layers(k).type)
          case {"maxpool", "avgpool"}
            layers(k).window = layers(k).size;
          case "resize"
            layers(k).factor = layers(k).size;
          case "reshape"
            layers(k).grid = layers(k).size;
        endswitch
      endfor
      layers = rmfield (layers, "size");
      model.format_version = max (model.format_version, __ae_format_version__ ());
    endif
    model.(part{1}) = orderfields (layers, fields);
  endfor
endfunction

%!test
%! rand ("seed", 51);
%! model = ae_train (rand (30, 5), "LatentDim", 2, "HiddenSizes", 3, "Epochs", 1, "Verbose", false);
%! file = [tempname() '.model'];
%! unwind_protect
%!   ae_save_model (file, model);
%!   pristine = fileread (file);
%!   ## every truncation, and a flipped byte anywhere, is refused
%!   for cut = [0, 10, 23, 24, numel(pristine) - 1]
%!     fid = fopen (file, "w"); fwrite (fid, pristine(1:cut)); fclose (fid);
%!     fail ("ae_load_model (file)", "autoencoder:badModelFile|not a checkpoint|truncated");
%!   endfor
%!   for at = [1, 9, 13, 17, 25, round(numel (pristine) / 2), numel(pristine)]
%!     bytes = pristine;
%!     bytes(at) = char (bitxor (double (bytes(at)), 1));
%!     fid = fopen (file, "w"); fwrite (fid, bytes); fclose (fid);
%!     try
%!       ae_load_model (file);
%!       error ("flipping byte %d went unnoticed", at);
%!     catch err
%!       assert (err.identifier, "autoencoder:badModelFile");
%!     end_try_catch
%!   endfor
%!   ## a model from a newer package version
%!   model.format_version = 99;
%!   save ("-binary", file, "model");
%!   fail ("ae_load_model (file)", "not a checkpoint of this package");
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect

%!test
%! ## a container written by a newer format version
%! file = [tempname() '.model'];
%! unwind_protect
%!   fid = fopen (file, "w");
%!   fwrite (fid, [double("AECKPT"), 13, 10], "uint8");
%!   fwrite (fid, [7 0 0 0, 0 0 0 0, 0 0 0 0 0 0 0 0], "uint8");
%!   fclose (fid);
%!   fail ("ae_load_model (file)", "checkpoint format 7; this version reads up to 1");
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect

%!error <Invalid call> ae_load_model ()
%!error <FILENAME must be a string> ae_load_model (1)
%!error id=autoencoder:io ae_load_model ("/nonexistent/file.model")
