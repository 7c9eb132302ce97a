## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

classdef augmentedImageDatastore < handle
  ## -*- texinfo -*-
  ## @deftypefn  {} {@var{auds} =} augmentedImageDatastore (@var{outputSize}, @var{imds})
  ## @deftypefnx {} {@var{auds} =} augmentedImageDatastore (@dots{}, @var{name}, @var{value}, @dots{})
  ## The files of the imageDatastore @var{imds} resized to @var{outputSize}
  ## as they are read, as MATLAB's @code{augmentedImageDatastore}: the
  ## trainers (@code{ae_train}, @code{vae_train}, @code{gan_train},
  ## @code{vaegan_train}) take it in place of an array and decode its files a
  ## mini-batch at a time at that size, so a folder of large photographs
  ## trains a model of small images in the memory of two batches.
  ##
  ## @var{outputSize} is @code{[H W]} or @code{[H W C]} (C 1 or 3).
  ## Images are resized with @code{ae_resize}'s bicubic arithmetic and
  ## converted to single in [0, 1].
  ##
  ## Options:
  ## @table @asis
  ## @item @qcode{"ColorPreprocessing"} (@qcode{"none"})
  ## @qcode{"gray2rgb"}: grey images repeated in three channels;
  ## @qcode{"rgb2gray"}: colour images made grey (MATLAB's @code{rgb2gray}
  ## weights).  With @qcode{"none"} the channels are those of
  ## @var{outputSize}'s C, else of the first file; a file of the other kind
  ## is converted to them (MATLAB would refuse it).
  ## @item @qcode{"MiniBatchSize"} (128)
  ## Images each @code{read} returns.
  ## @item @qcode{"OutputSizeMode"} (@qcode{"resize"})
  ## Only @qcode{"resize"}: the crops of MATLAB are not provided.
  ## @item @qcode{"DataAugmentation"} (@qcode{"none"})
  ## Only @qcode{"none"}: random transformations are not provided.
  ## @end table
  ##
  ## Properties: @code{OutputSize} (@code{[H W C]}), @code{ColorPreprocessing},
  ## @code{MiniBatchSize}, @code{NumObservations}, @code{Files} and
  ## @code{Labels} (those of @var{imds}).
  ##
  ## Methods, as MATLAB's:
  ## @table @code
  ## @item [X, info] = read (auds)
  ## The next mini-batch as an H-by-W-by-C-by-N single array (MATLAB gives a
  ## table, which Octave lacks), with @code{info.Filename} and
  ## @code{info.Label}; @code{autoencoder:noMoreData} after the last.
  ## @item X = readByIndex (auds, indices)
  ## The images @var{indices}.
  ## @item X = readall (auds)
  ## All images, one array (checked against the memory available first).
  ## @item tf = hasdata (auds)
  ## @item reset (auds)
  ## @item X = preview (auds)
  ## The first eight images at most.
  ## @item auds2 = shuffle (auds)
  ## @item auds2 = subset (auds, indices)
  ## @item auds2 = partition (auds, n, k)
  ## @item n = numpartitions (auds)
  ## @end table
  ## A file that cannot be read is an @code{autoencoder:unreadableImage}
  ## error in @code{read}; in training it is left out of its batch and named
  ## in a warning.
  ##
  ## @example
  ## @group
  ## faces = imageDatastore ("ffhq", "IncludeSubfolders", true);
  ## small = augmentedImageDatastore ([64 64], faces);
  ## model = vae_train (small, "LatentDim", 32, "Epochs", 10);
  ## @end group
  ## @end example
  ## @seealso{imageDatastore, ae_image_folder, ae_resize}
  ## @end deftypefn

  properties (SetAccess = private)
    OutputSize = [1 1 1];
    ColorPreprocessing = "none";
    OutputSizeMode = "resize";
    DataAugmentation = "none";
  endproperties

  properties
    MiniBatchSize = 128;
  endproperties

  properties (Dependent)
    NumObservations;
    Files;
    Labels;
  endproperties

  properties (Access = private)
    images = [];   # the imageDatastore read
    next = 1;      # the file read next
  endproperties

  methods
    function ds = augmentedImageDatastore (output_size, imds, varargin)
      fname = "augmentedImageDatastore";
      if (nargin < 2)
        print_usage ();
      endif
      if (! isnumeric (output_size) || ! any (numel (output_size) == [2 3])
          || any (output_size < 1) || any (output_size != fix (output_size))
          || any (output_size(1:2) > 65536)
          || (numel (output_size) == 3 && ! any (output_size(3) == [1 3])))
        error ("autoencoder:outOfRange",
               "%s: OUTPUTSIZE must be [H W] or [H W C], H and W from 1 to 65536 and C 1 or 3",
               fname);
      endif
      if (! isa (imds, "imageDatastore"))
        error ("autoencoder:invalidArgument",
               "%s: the images must be an imageDatastore (an array trains as it is: resize it with ae_resize)",
               fname);
      endif
      p = inputParser ();
      p.FunctionName = fname;
      p.addParameter ("ColorPreprocessing", "none");
      p.addParameter ("MiniBatchSize", 128);
      p.addParameter ("OutputSizeMode", "resize");
      p.addParameter ("DataAugmentation", "none");
      opts = __ae_parse__ (fname, p, varargin);
      colour = __ae_check_option__ ("choice", fname, "ColorPreprocessing",
                                    opts.ColorPreprocessing, {"none", "gray2rgb", "rgb2gray"});
      if (! (ischar (opts.OutputSizeMode) && strcmpi (opts.OutputSizeMode, "resize")))
        error ("autoencoder:invalidArgument",
               "%s: OutputSizeMode \"resize\" is the one provided (MATLAB's crops are not)", fname);
      endif
      if (! (ischar (opts.DataAugmentation) && strcmpi (opts.DataAugmentation, "none")))
        error ("autoencoder:invalidArgument",
               "%s: DataAugmentation \"none\" is the one provided (random transformations are not)",
               fname);
      endif
      if (strcmp (colour, "gray2rgb"))
        channels = 3;
      elseif (strcmp (colour, "rgb2gray"))
        channels = 1;
      elseif (numel (output_size) == 3)
        channels = output_size(3);
      else
        channels = first_file_channels (fname, imds.Files{1});
      endif
      if (numel (output_size) == 3 && output_size(3) != channels)
        error ("autoencoder:invalidArgument",
               "%s: OUTPUTSIZE has %d channels where ColorPreprocessing \"%s\" makes %d", fname,
               output_size(3), colour, channels);
      endif
      ds.OutputSize = [double(output_size(1:2)(:).'), channels];
      ds.ColorPreprocessing = colour;
      ds.images = imds;
      ds.MiniBatchSize = opts.MiniBatchSize;
    endfunction

    function set.MiniBatchSize (ds, n)
      __ae_check_option__ ("integer", "augmentedImageDatastore", "MiniBatchSize", n, 1, Inf);
      ds.MiniBatchSize = double (n);
    endfunction

    function n = get.NumObservations (ds)
      n = numel (ds.images.Files);
    endfunction

    function files = get.Files (ds)
      files = ds.images.Files;
    endfunction

    function labels = get.Labels (ds)
      labels = ds.images.Labels;
    endfunction

    function tf = hasdata (ds)
      tf = ds.next <= ds.NumObservations;
    endfunction

    function reset (ds)
      ds.next = 1;
    endfunction

    function [X, info] = read (ds)
      if (! hasdata (ds))
        error ("autoencoder:noMoreData",
               "augmentedImageDatastore: no more images to read; reset (ds) starts again");
      endif
      which = ds.next:min (ds.NumObservations, ds.next + ds.MiniBatchSize - 1);
      ds.next = which(end) + 1;
      X = readByIndex (ds, which);
      labels = ds.Labels;
      if (! isempty (labels))
        labels = labels(which);
      endif
      info = struct ("Filename", {ds.Files(which)}, "Label", {labels});
    endfunction

    function X = readByIndex (ds, indices)
      n = ds.NumObservations;
      if (! (isnumeric (indices) && ! isempty (indices) && all (indices(:) == fix (indices(:)))
             && all (indices(:) >= 1 & indices(:) <= n)))
        error ("autoencoder:outOfRange",
               "augmentedImageDatastore: the indices must be from 1 to %d", n);
      endif
      X = read_files (ds, ds.Files(indices(:)));
    endfunction

    function X = readall (ds)
      X = read_files (ds, ds.Files);
    endfunction

    function X = preview (ds)
      X = readByIndex (ds, 1:min (8, ds.NumObservations));
    endfunction

    function n = numpartitions (ds)
      n = numpartitions (ds.images);
    endfunction

    function part = subset (ds, indices)
      part = with_images (ds, subset (ds.images, indices));
    endfunction

    function part = partition (ds, n, k)
      part = with_images (ds, partition (ds.images, n, k));
    endfunction

    function shuffled = shuffle (ds)
      shuffled = with_images (ds, shuffle (ds.images));
    endfunction

    function disp (ds)
      printf ("  augmentedImageDatastore: %d files read as %dx%dx%d, MiniBatchSize %d",
              ds.NumObservations, ds.OutputSize, ds.MiniBatchSize);
      if (! strcmp (ds.ColorPreprocessing, "none"))
        printf (", ColorPreprocessing \"%s\"", ds.ColorPreprocessing);
      endif
      printf ("\n");
      for k = 1:min (3, ds.NumObservations)
        printf ("    %s\n", ds.Files{k});
      endfor
      if (ds.NumObservations > 3)
        printf ("    ... and %d more\n", ds.NumObservations - 3);
      endif
    endfunction
  endmethods

  methods (Access = private)
    function part = with_images (ds, imds)
      part = augmentedImageDatastore (ds.OutputSize, imds, "ColorPreprocessing",
                                      ds.ColorPreprocessing, "MiniBatchSize", ds.MiniBatchSize);
    endfunction

    function X = read_files (ds, files)
      colour = merge (ds.OutputSize(3) == 3, "rgb", "grey");
      opts = struct ("Size", ds.OutputSize(1:2), "Color", colour, "MaxPixels", __ae_max_pixels__ (),
                     "Threads", nproc (), "OnError", "error");
      X = __ae_read_image_files__ ("augmentedImageDatastore", files, opts);
    endfunction
  endmethods
endclassdef

## 3 for a file whose header declares colour, else 1
function channels = first_file_channels (fname, file)
  [hwc, why] = __autoencoder__ ("image_header", file);
  if (isempty (hwc))
    error ("autoencoder:unreadableImage", "%s: cannot read %s: %s", fname, file, why);
  endif
  channels = 1 + 2 * (hwc(3) >= 3);
endfunction

%!shared root   # (only the name)
%! root = tempname ();
%! mkdir (root);
%! mkdir (fullfile (root, "grey"));
%! mkdir (fullfile (root, "colour"));
%! for k = 1:3
%!   imwrite (uint8 (40 * k * ones (12, 10)), fullfile (root, "grey", sprintf ("g%d.png", k)));
%! endfor
%! for k = 1:2
%!   imwrite (uint8 (30 * k * ones (6, 8, 3)), fullfile (root, "colour", sprintf ("c%d.png", k)));
%! endfor

%!test
%! imds = imageDatastore (root, "IncludeSubfolders", true, "LabelSource", "foldernames");
%! ds = augmentedImageDatastore ([4 5], imds, "MiniBatchSize", 2);
%! assert (ds.OutputSize, [4 5 3]);   # the first file, c1.png, is colour
%! assert (ds.NumObservations, 5);
%! [X, info] = read (ds);
%! assert (size (X), [4 5 3 2]);
%! assert (class (X), "single");
%! assert (X(:, :, :, 1), single (30 / 255) * ones (4, 5, 3, "single"), 1e-6);
%! assert (info.Label, {"colour"; "colour"});
%! read (ds);
%! X = read (ds);
%! assert (size (X, 4), 1);
%! assert (! hasdata (ds));
%! fail ("read (ds)", "no more images");
%! reset (ds);
%! assert (hasdata (ds));
%! ## grey images repeated in three channels, resized: values kept
%! assert (readByIndex (ds, 5)(:, :, 2), single (120 / 255) * ones (4, 5, "single"), 1e-6);
%! assert (size (readall (ds)), [4 5 3 5]);
%! assert (size (preview (ds)), [4 5 3 5]);
%! g = augmentedImageDatastore ([3 3], imds, "ColorPreprocessing", "rgb2gray");
%! assert (g.OutputSize, [3 3 1]);
%! assert (size (readall (g)), [3 3 1 5]);
%! assert (numel (subset (g, [1 3]).Files), 2);
%! assert (subset (g, [1 3]).OutputSize, [3 3 1]);
%! assert (numel (partition (g, 2, 2).Files), 3);
%! assert (sort (shuffle (g).Files), sort (g.Files));
%! assert (numpartitions (g), 5);
%! assert (augmentedImageDatastore ([3 3 1], imds).OutputSize, [3 3 1]);

%!error <OUTPUTSIZE must be> augmentedImageDatastore ([0 3], imageDatastore (fullfile (root, "grey")))
%!error <OUTPUTSIZE must be> augmentedImageDatastore ([3 3 2], imageDatastore (fullfile (root, "grey")))
%!error <must be an imageDatastore> augmentedImageDatastore ([3 3], rand (3, 3, 1, 4))
%!error <OutputSizeMode> augmentedImageDatastore ([3 3], imageDatastore (fullfile (root, "grey")), "OutputSizeMode", "centercrop")
%!error <DataAugmentation> augmentedImageDatastore ([3 3], imageDatastore (fullfile (root, "grey")), "DataAugmentation", struct ())
%!error <ColorPreprocessing> augmentedImageDatastore ([3 3], imageDatastore (fullfile (root, "grey")), "ColorPreprocessing", "hsv")
%!error <makes 1> augmentedImageDatastore ([3 3 3], imageDatastore (fullfile (root, "grey")), "ColorPreprocessing", "rgb2gray")
%!error <MiniBatchSize> augmentedImageDatastore ([3 3], imageDatastore (fullfile (root, "grey")), "MiniBatchSize", 0)
%!error id=autoencoder:outOfRange readByIndex (augmentedImageDatastore ([3 3], imageDatastore (fullfile (root, "grey"))), 4)

%!test
%! confirm_recursive_rmdir (false, "local");
%! rmdir (root, "s");
