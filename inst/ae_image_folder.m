## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} ae_image_folder (@var{folder})
## @deftypefnx {} {@var{X} =} ae_image_folder (@var{folder}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{X}, @var{labels}, @var{files}] =} ae_image_folder (@dots{})
## Read a folder of image files into an array the trainers take.
##
## @var{X} is H-by-W-by-C-by-N single in [0, 1]: every PNG, JPEG, BMP, TIFF
## or GIF file of @var{folder} (sorted by path, a GIF's first frame, an
## indexed image through its colour map, an alpha channel dropped), C = 1 for
## grey and 3 for colour images.  @var{files} is the N-by-1 cell of their
## paths.  With @qcode{"LabelSource", "foldernames"}, @var{labels} is the
## N-by-1 cell of the names of the folders that hold them, as MATLAB's
## @code{imageDatastore} labels images; @code{[classes, ~, y] = unique
## (labels)} turns them into class numbers for @code{ae_classifier_train}.
##
## Every file's header is read first, so that sizes, colour and
## decompression bombs are settled before any pixel is decoded.  PNG and
## JPEG files are then decoded in C (libpng, libjpeg), converted and resized
## in the same pass, on @qcode{"Threads"} threads (Ctrl-C stops the read); BMP, TIFF, GIF and CMYK JPEG files,
## and PNG or JPEG files in a build made without those libraries, are read by
## @code{imread}.  Folders are walked with their links followed, each folder
## once, so that a link back to a folder above ends the walk.
##
## Options:
## @table @asis
## @item @qcode{"Size"} ([])
## [H W]: every image is resized to H-by-W (@code{ae_resize}, bicubic,
## antialiased when shrinking, clipped to [0, 1]).  Without it all images
## must have the first one's size.
## @item @qcode{"Color"} (@qcode{"auto"})
## @qcode{"grey"} (or @qcode{"gray"}) converts colour images to grey with
## the weights of MATLAB's @code{rgb2gray}; @qcode{"rgb"} repeats a grey
## image in three channels; @qcode{"auto"} gives colour when any image is
## colour and grey otherwise.
## @item @qcode{"IncludeSubfolders"} (false)
## Read the folders inside @var{folder} too, at any depth (needed for labels
## from folder names, as with @code{imageDatastore}).
## @item @qcode{"LabelSource"} (@qcode{"none"})
## @qcode{"foldernames"} for @var{labels} from the folders' names.
## @item @qcode{"MaxFiles"} (Inf)
## Read at most this many files (the first ones in path order).
## @item @qcode{"MaxPixels"} (178956970)
## The most pixels a file may declare.  Every file's header is read before
## its pixels: a file that declares more pixels than this, or more than the
## memory available can decode (about 8 + 10 C bytes a pixel), is not
## decoded, so a small file that declares an enormous image (a decompression
## bomb) is refused at once instead of filling the memory or the disk.  The
## default is Pillow's limit for its DecompressionBombError.
## @item @qcode{"Threads"} (@code{nproc ()})
## The threads that decode PNG and JPEG files, each taking the next file.
## @item @qcode{"OnError"} (@qcode{"skip"})
## What an unreadable, empty or too large file does: @qcode{"skip"} leaves
## it out and warns once (@code{autoencoder:unreadableImage}) with the names
## of the files skipped; @qcode{"error"} stops with that identifier (or
## @code{autoencoder:outOfMemory} for a file too large) and the file's name.
## @end table
##
## @example
## @group
## [X, labels] = ae_image_folder ("faces", "Size", [64 64],
##                                "IncludeSubfolders", true,
##                                "LabelSource", "foldernames");
## model = vae_train (X, "Encoder", ..., "Epochs", 20);
## @end group
## @end example
## @seealso{ae_resize, ae_dataset, imread}
## @end deftypefn

function [X, labels, files] = ae_image_folder (folder, varargin)
  fname = "ae_image_folder";
  if (nargin < 1)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  if (! ischar (folder) || rows (folder) > 1)
    error ("autoencoder:invalidArgument", "%s: FOLDER must be a folder's name", fname);
  elseif (! isfolder (folder))
    error ("autoencoder:io", "%s: %s: no such folder", fname, folder);
  endif
  opts = options (fname, varargin);
  files = list_images (folder, opts.IncludeSubfolders);
  if (isempty (files))
    error ("autoencoder:noImages", "%s: no image files (%s) in %s%s", fname,
           strjoin (image_extensions (), ", "), folder,
           merge (! opts.IncludeSubfolders && has_subfolders (folder),
                  "; its sub-folders are read with \"IncludeSubfolders\", true", ""));
  endif
  files = files(1:min (end, opts.MaxFiles));
  [X, kept] = __ae_read_image_files__ (fname, files, opts);
  if (! any (kept))
    error ("autoencoder:noImages", "%s: none of the %d image files in %s could be read",
           fname, numel (kept), folder);
  endif
  files = files(kept);
  labels = {};
  if (strcmp (opts.LabelSource, "foldernames"))
    labels = __ae_folder_labels__ (files);
  endif
endfunction

function opts = options (fname, args)
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Size", []);
  p.addParameter ("Color", "auto");
  p.addParameter ("IncludeSubfolders", false);
  p.addParameter ("LabelSource", "none");
  p.addParameter ("MaxFiles", Inf);
  p.addParameter ("MaxPixels", __ae_max_pixels__ ());
  p.addParameter ("OnError", "skip");
  p.addParameter ("Threads", nproc ());
  opts = __ae_parse__ (fname, p, args);
  __ae_check_option__ ("integer", fname, "Threads", opts.Threads, 1, 1024);
  opts.Threads = __ae_threads__ (fname, opts.Threads);
  if (! isempty (opts.Size))
    if (! isnumeric (opts.Size) || numel (opts.Size) != 2 || any (opts.Size < 1)
        || any (opts.Size != fix (opts.Size)) || any (opts.Size > 65536))
      error ("autoencoder:outOfRange", "%s: Size must be [H W], two integers from 1 to 65536",
             fname);
    endif
    opts.Size = double (opts.Size(:).');
  endif
  opts.Color = __ae_check_option__ ("choice", fname, "Color", opts.Color,
                                    {"auto", "grey", "gray", "rgb"});
  opts.IncludeSubfolders = __ae_check_option__ ("logical", fname, "IncludeSubfolders",
                                                opts.IncludeSubfolders);
  opts.LabelSource = __ae_check_option__ ("choice", fname, "LabelSource", opts.LabelSource,
                                          {"none", "foldernames"});
  if (! (isinf (opts.MaxFiles) && opts.MaxFiles > 0))
    __ae_check_option__ ("integer", fname, "MaxFiles", opts.MaxFiles, 1, Inf);
  endif
  opts.OnError = __ae_check_option__ ("choice", fname, "OnError", opts.OnError,
                                      {"skip", "error"});
  if (! (isinf (opts.MaxPixels) && opts.MaxPixels > 0))
    __ae_check_option__ ("integer", fname, "MaxPixels", opts.MaxPixels, 1, Inf);
  endif
endfunction

function ext = image_extensions ()
  ext = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif"};
endfunction

## The image files of folder (and of its sub-folders, at any depth, when
## asked; links followed, each folder once, so a link loop ends), sorted by
## path so that the order is the same on every machine.
function files = list_images (folder, recursive)
  files = __autoencoder__ ("list_files", folder, recursive, image_extensions ());
endfunction

function yes = has_subfolders (folder)
  entries = dir (folder);
  yes = any ([entries.isdir] & ! ismember ({entries.name}, {".", ".."}));
endfunction

%!error <no such folder> ae_image_folder ("/nonexistent/folder")
%!error <FOLDER must be> ae_image_folder (3)
%!error <Size must be> ae_image_folder (tempdir (), "Size", [0 4])
%!error <Color> ae_image_folder (tempdir (), "Color", "cmyk")
%!error <MaxFiles> ae_image_folder (tempdir (), "MaxFiles", 0)
%!error <OnError> ae_image_folder (tempdir (), "OnError", "ignore")
%!error <MaxPixels> ae_image_folder (tempdir (), "MaxPixels", 0)
%!error <Threads> ae_image_folder (tempdir (), "Threads", 0)

%!function write_bomb (file, height, width)
%!  ## a PNG header declaring height x width RGB pixels, its IHDR's CRC
%!  ## unchecked here: the reader must refuse the file from these bytes alone
%!  be32 = @(v) uint8 (bitand (bitshift (v, [-24 -16 -8 0]), 255));
%!  bytes = [uint8([137 80 78 71 13 10 26 10 0 0 0 13]), uint8("IHDR"), ...
%!           be32(width), be32(height), uint8([8 2 0 0 0]), zeros(1, 4, "uint8"), ...
%!           zeros(1, 2e6, "uint8")];
%!  fid = fopen (file, "w");
%!  fwrite (fid, bytes, "uint8");
%!  fclose (fid);
%!endfunction

%!test
%! ## a decompression bomb among good files: skipped with the warning at
%! ## once, refused with outOfMemory under "OnError", "error"
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   imwrite (uint8 (randi (255, 6, 5, 3)), fullfile (d, "a.png"));
%!   write_bomb (fullfile (d, "b.png"), 60000, 60000);
%!   imwrite (uint8 (randi (255, 6, 5, 3)), fullfile (d, "c.png"));
%!   lastwarn ("");
%!   tic;
%!   [X, ~, files] = ae_image_folder (d);
%!   [msg, id] = lastwarn ();   # before Octave 11 parses assert's helpers, which warn
%!   assert (toc < 1);
%!   assert (size (X), [6 5 3 2]);
%!   assert (numel (files), 2);
%!   assert (id, "autoencoder:unreadableImage");
%!   assert (! isempty (strfind (msg, "b.png")));
%!   warning ("off", "autoencoder:unreadableImage", "local");
%!   tic;
%!   fail ('ae_image_folder (d, "OnError", "error")', "declares 60000x60000 pixels, more than MaxPixels");
%!   assert (toc < 1);
%!   try
%!     ae_image_folder (d, "OnError", "error");
%!   catch err
%!     assert (err.identifier, "autoencoder:outOfMemory");
%!   end_try_catch
%!   ## without the limit, the memory available decides (2e9 x 2e9 pixels
%!   ## would need some 1e20 bytes)
%!   write_bomb (fullfile (d, "b.png"), 2e9, 2e9);
%!   fail ('ae_image_folder (d, "OnError", "error", "MaxPixels", Inf)', "declares 2000000000x2000000000 pixels; decoding it needs about");
%!   ## a smaller limit refuses the good files too
%!   fail ('ae_image_folder (d, "MaxPixels", 10)', "none of the 3 image files");
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
