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
## @item @qcode{"OnError"} (@qcode{"skip"})
## What an unreadable or empty file does: @qcode{"skip"} leaves it out and
## warns once (@code{autoencoder:unreadableImage}) with the names of the
## files skipped; @qcode{"error"} stops with that identifier and the file's
## name.
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
  [X, kept] = read_images (fname, files, opts);
  if (! any (kept))
    error ("autoencoder:noImages", "%s: none of the %d image files in %s could be read",
           fname, numel (kept), folder);
  endif
  files = files(kept);
  labels = {};
  if (strcmp (opts.LabelSource, "foldernames"))
    labels = cellfun (@parent_name, files, "UniformOutput", false);
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
  p.addParameter ("OnError", "skip");
  opts = __ae_parse__ (fname, p, args);
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
endfunction

function ext = image_extensions ()
  ext = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif"};
endfunction

## The image files of folder (and of its sub-folders, when asked), sorted by
## path so that the order is the same on every machine.
function files = list_images (folder, recursive)
  files = {};
  entries = dir (folder);
  for k = 1:numel (entries)
    name = entries(k).name;
    path = fullfile (folder, name);
    if (entries(k).isdir)
      if (recursive && ! any (strcmp (name, {".", ".."})))
        files = [files; list_images(path, true)];
      endif
    else
      [~, ~, ext] = fileparts (name);
      if (any (strcmpi (ext, image_extensions ())))
        files{end+1, 1} = path;
      endif
    endif
  endfor
  files = sort (files);
endfunction

function yes = has_subfolders (folder)
  entries = dir (folder);
  yes = any ([entries.isdir] & ! ismember ({entries.name}, {".", ".."}));
endfunction

## The files as one H-by-W-by-C-by-N single array, read one by one so that
## only the result is held: converted to the colour wanted, resized or
## checked to share one size. kept(k) is false for a file left out.
function [X, kept] = read_images (fname, files, opts)
  kept = false (numel (files), 1);
  X = [];
  for k = 1:numel (files)
    try
      image = read_image (files{k});
    catch err
      if (strcmp (opts.OnError, "error"))
        error ("autoencoder:unreadableImage", "%s: cannot read %s: %s", fname, files{k},
               err.message);
      endif
      continue;
    end_try_catch
    if (isempty (X))
      X = allocate (fname, image, numel (files) - k + 1, opts);
    endif
    colour = size (image, 3) == 3;
    if (colour && size (X, 3) == 1 && strcmp (opts.Color, "auto"))
      X = repmat (X, 1, 1, 3, 1);   # the first colour image: all become colour
    endif
    if (size (X, 3) == 1 && colour)
      image = 0.298936021293775 * image(:, :, 1) + 0.587043074451121 * image(:, :, 2) ...
              + 0.114020904255103 * image(:, :, 3);
    elseif (size (X, 3) == 3 && ! colour)
      image = repmat (image, 1, 1, 3);
    endif
    if (! isempty (opts.Size))
      image = min (max (ae_resize (image, opts.Size), 0), 1);
    elseif (! isequal (size (image)(1:2), size (X)(1:2)))
      error ("autoencoder:sizeMismatch",
             "%s: %s is %dx%d, the first image %dx%d; give \"Size\", [H W] to resize them all",
             fname, files{k}, size (image)(1:2), size (X)(1:2));
    endif
    kept(k) = true;
    X(:, :, :, nnz (kept)) = image;
  endfor
  X = X(:, :, :, 1:nnz (kept));
  if (any (! kept))
    skipped = files(! kept);
    shown = strjoin (skipped(1:min (end, 5)).', ", ");
    if (numel (skipped) > 5)
      shown = sprintf ("%s and %d more", shown, numel (skipped) - 5);
    endif
    __ae_warning__ ("autoencoder:unreadableImage", "%s: skipped %d unreadable file%s: %s", fname,
                    numel (skipped), merge (numel (skipped) == 1, "", "s"), shown);
  endif
endfunction

## The array for n images shaped as the first one, checked against the
## memory available first.
function X = allocate (fname, first, n, opts)
  sz = size (first)(1:2);
  if (! isempty (opts.Size))
    sz = opts.Size;
  endif
  channels = 1 + 2 * (strcmp (opts.Color, "rgb")
                      || (strcmp (opts.Color, "auto") && size (first, 3) == 3));
  __ae_check_memory__ (fname, sprintf ("reading %d images of %dx%dx%d", n, sz, channels),
                       4 * prod (sz) * channels * n);
  X = zeros ([sz, channels, n], "single");
endfunction

function image = read_image (file)
  info = dir (file);
  if (info.bytes == 0)
    error ("the file is empty");
  endif
  [image, map] = imread (file, "Index", 1);
  if (! isempty (map))
    image = ind2rgb (image, map);
  endif
  if (isinteger (image))
    image = double (image) / double (intmax (class (image)));
  else
    image = double (image);
  endif
  if (size (image, 3) == 2 || size (image, 3) == 4)   # an alpha channel
    image = image(:, :, 1:end-1);
  endif
  if (ndims (image) > 3 || ! any (size (image, 3) == [1 3]))
    error ("%d channels, not 1 or 3", size (image, 3));
  endif
  image = min (max (image, 0), 1);
endfunction

function name = parent_name (file)
  [~, name] = fileparts (fileparts (file));
endfunction

%!error <no such folder> ae_image_folder ("/nonexistent/folder")
%!error <FOLDER must be> ae_image_folder (3)
%!error <Size must be> ae_image_folder (tempdir (), "Size", [0 4])
%!error <Color> ae_image_folder (tempdir (), "Color", "cmyk")
%!error <MaxFiles> ae_image_folder (tempdir (), "MaxFiles", 0)
%!error <OnError> ae_image_folder (tempdir (), "OnError", "ignore")
