## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

classdef imageDatastore < handle
  ## -*- texinfo -*-
  ## @deftypefn  {} {@var{ds} =} imageDatastore (@var{location})
  ## @deftypefnx {} {@var{ds} =} imageDatastore (@var{location}, @var{name}, @var{value}, @dots{})
  ## A collection of image files read one at a time, as MATLAB's
  ## @code{imageDatastore}: the trainers (@code{ae_train}, @code{vae_train})
  ## take it in place of an array and read its files a mini-batch at a time,
  ## so a folder larger than memory trains in the memory of two batches.
  ##
  ## @var{location} is a folder, an image file, or a cell of folders and
  ## files.  Folders are listed sorted by path, with their links followed,
  ## each folder once.
  ##
  ## Options:
  ## @table @asis
  ## @item @qcode{"IncludeSubfolders"} (false)
  ## Read the folders inside each folder too, at any depth.
  ## @item @qcode{"FileExtensions"} (@code{@{".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif"@}})
  ## The endings of the files kept, in any case.
  ## @item @qcode{"LabelSource"} (@qcode{"none"})
  ## @qcode{"foldernames"}: each file's label is the name of the folder
  ## that holds it.
  ## @item @qcode{"Labels"} (@{@})
  ## One label per file (a cell of strings, or numbers), instead.
  ## @item @qcode{"ReadSize"} (1)
  ## Images each @code{read} returns.
  ## @end table
  ##
  ## Properties: @code{Files} (N-by-1 cell of paths), @code{Labels} (N-by-1
  ## cell of strings, or N-by-1 numbers; empty without labels), @code{ReadSize}.
  ## MATLAB's @code{Labels} are categorical, which Octave lacks:
  ## @code{[names, ~, y] = unique (ds.Labels)} numbers them.
  ##
  ## Methods, as MATLAB's:
  ## @table @code
  ## @item [I, info] = read (ds)
  ## The next image (or, with @code{ReadSize} above 1, a cell of the next
  ## ones) as @code{imread} gives it, and @code{info.Filename} and
  ## @code{info.Label}; @code{autoencoder:noMoreData} after the last.
  ## @item I = readimage (ds, k)
  ## Image k.
  ## @item C = readall (ds)
  ## All images, a cell.
  ## @item tf = hasdata (ds)
  ## Whether @code{read} has images left.
  ## @item reset (ds)
  ## Back to the first image.
  ## @item ds2 = shuffle (ds)
  ## A copy with the files (and labels) in a random order (@code{randperm}).
  ## @item ds2 = subset (ds, indices)
  ## A copy with the files @var{indices} (numbers or a logical mask).
  ## @item ds2 = partition (ds, n, k)
  ## Part k of n contiguous parts of nearly equal size.
  ## @item n = numpartitions (ds)
  ## The number of files (each file a part at most).
  ## @item [ds1, ds2, @dots{}] = splitEachLabel (ds, p1, p2, @dots{}, "randomized")
  ## Copies taking the fraction (below 1) or the count of each label's files
  ## in turn, the last the rest; in file order, or at random.
  ## @item counts = countEachLabel (ds)
  ## A struct with @code{Label} and @code{Count}, one row per label.
  ## @item I = preview (ds)
  ## The first image.
  ## @end table
  ##
  ## @example
  ## @group
  ## ds = imageDatastore ("ffhq", "IncludeSubfolders", true);
  ## [train, held] = splitEachLabel (ds, 0.9);   # without labels: the files
  ## model = vae_train (train, "Encoder", ..., "Epochs", 10);
  ## @end group
  ## @end example
  ## Octave 7 cannot @code{save} classdef objects: save @code{ds.Files}.
  ## @seealso{ae_image_folder, vae_train, ae_train}
  ## @end deftypefn

  properties (SetAccess = private)
    Files = cell (0, 1);
  endproperties

  properties
    Labels = cell (0, 1);
    ReadSize = 1;
  endproperties

  properties (Access = private)
    next = 1;   # the file read next
  endproperties

  methods
    function ds = imageDatastore (location, varargin)
      fname = "imageDatastore";
      if (nargin < 1)
        print_usage ();
      endif
      p = inputParser ();
      p.FunctionName = fname;
      p.addParameter ("IncludeSubfolders", false);
      p.addParameter ("FileExtensions", {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif"});
      p.addParameter ("LabelSource", "none");
      p.addParameter ("Labels", {});
      p.addParameter ("ReadSize", 1);
      opts = __ae_parse__ (fname, p, varargin);
      recursive = __ae_check_option__ ("logical", fname, "IncludeSubfolders",
                                       opts.IncludeSubfolders);
      source = __ae_check_option__ ("choice", fname, "LabelSource", opts.LabelSource,
                                    {"none", "foldernames"});
      extensions = opts.FileExtensions;
      if (ischar (extensions))
        extensions = {extensions};
      endif
      if (! iscellstr (extensions) || isempty (extensions)
          || ! all (cellfun (@(e) numel (e) > 1 && e(1) == ".", extensions)))
        error ("autoencoder:invalidArgument",
               "%s: FileExtensions must be endings such as \".png\" or a cell of them", fname);
      endif
      if (ischar (location))
        location = {location};
      endif
      if (! iscellstr (location) || isempty (location))
        error ("autoencoder:invalidArgument",
               "%s: LOCATION must be a folder, a file or a cell of folders and files", fname);
      endif
      files = {};
      for k = 1:numel (location)
        where = location{k};
        if (isfolder (where))
          files = [files; __autoencoder__("list_files", where, recursive, extensions(:).')];
        elseif (isfile (where))
          files{end+1, 1} = where;
        else
          error ("autoencoder:io", "%s: %s: no such file or folder", fname, where);
        endif
      endfor
      if (isempty (files))
        error ("autoencoder:noImages", "%s: no image files (%s) in %s", fname,
               strjoin (extensions(:).', ", "), strjoin (location(:).', ", "));
      endif
      ds.Files = files;
      if (strcmp (source, "foldernames"))
        ds.Labels = __ae_folder_labels__ (files);
      elseif (! isempty (opts.Labels))
        ds.Labels = opts.Labels;
      endif
      ds.ReadSize = opts.ReadSize;
    endfunction

    function set.Labels (ds, labels)
      if (! isempty (labels))
        if (! (iscellstr (labels) || (isnumeric (labels) && isreal (labels)))
            || numel (labels) != numel (ds.Files))
          error ("autoencoder:invalidArgument",
                 "imageDatastore: Labels must be %d strings or numbers, one per file",
                 numel (ds.Files));
        endif
        labels = labels(:);
      endif
      ds.Labels = labels;
    endfunction

    function set.ReadSize (ds, n)
      __ae_check_option__ ("integer", "imageDatastore", "ReadSize", n, 1, Inf);
      ds.ReadSize = double (n);
    endfunction

    function tf = hasdata (ds)
      tf = ds.next <= numel (ds.Files);
    endfunction

    function reset (ds)
      ds.next = 1;
    endfunction

    function [I, info] = read (ds)
      if (! hasdata (ds))
        error ("autoencoder:noMoreData",
               "imageDatastore: no more images to read; reset (ds) starts again");
      endif
      which = ds.next:min (numel (ds.Files), ds.next + ds.ReadSize - 1);
      ds.next = which(end) + 1;
      images = arrayfun (@(k) readimage (ds, k), which, "UniformOutput", false);
      if (ds.ReadSize == 1)
        I = images{1};
      else
        I = images(:);
      endif
      info = struct ("Filename", {ds.Files(which)}, "Label", {label_of(ds, which)});
      if (ds.ReadSize == 1)
        info.Filename = info.Filename{1};
      endif
    endfunction

    function I = readimage (ds, k)
      if (! (isscalar (k) && k == fix (k) && k >= 1 && k <= numel (ds.Files)))
        error ("autoencoder:outOfRange", "imageDatastore: the image index must be from 1 to %d",
               numel (ds.Files));
      endif
      try
        I = imread (ds.Files{k});
      catch err
        error ("autoencoder:unreadableImage", "imageDatastore: cannot read %s: %s",
               ds.Files{k}, err.message);
      end_try_catch
    endfunction

    function images = readall (ds)
      images = arrayfun (@(k) readimage (ds, k), (1:numel (ds.Files)).', "UniformOutput", false);
    endfunction

    function I = preview (ds)
      I = readimage (ds, 1);
    endfunction

    function n = numpartitions (ds)
      n = numel (ds.Files);
    endfunction

    function part = subset (ds, indices)
      if (islogical (indices))
        if (numel (indices) != numel (ds.Files))
          error ("autoencoder:invalidArgument", "imageDatastore: a mask needs %d values",
                 numel (ds.Files));
        endif
        indices = find (indices);
      endif
      if (! (isnumeric (indices) && all (indices(:) == fix (indices(:)))
             && all (indices(:) >= 1 & indices(:) <= numel (ds.Files))))
        error ("autoencoder:outOfRange", "imageDatastore: the indices must be from 1 to %d",
               numel (ds.Files));
      elseif (isempty (indices))
        error ("autoencoder:noImages", "imageDatastore: a subset of no files");
      endif
      part = copy_of (ds, indices(:));
    endfunction

    function part = partition (ds, n, k)
      count = numel (ds.Files);
      __ae_check_option__ ("integer", "imageDatastore", "the number of parts", n, 1, count);
      __ae_check_option__ ("integer", "imageDatastore", "the part", k, 1, n);
      part = copy_of (ds, (floor ((k - 1) * count / n) + 1:floor (k * count / n)).');
    endfunction

    function shuffled = shuffle (ds)
      shuffled = copy_of (ds, randperm (numel (ds.Files)).');
    endfunction

    function counts = countEachLabel (ds)
      [names, ~, which] = labels_or_fail (ds, "countEachLabel");
      counts = struct ("Label", {names}, "Count", accumarray (which, 1, [numel(names), 1]));
    endfunction

    function varargout = splitEachLabel (ds, varargin)
      randomized = (! isempty (varargin) && ischar (varargin{end})
                    && strcmpi (varargin{end}, "randomized"));
      shares = varargin(1:end - randomized);
      if (isempty (shares) || ! all (cellfun (@(s) isnumeric (s) && isscalar (s) && s > 0, shares)))
        error ("autoencoder:invalidArgument",
               "imageDatastore: splitEachLabel takes fractions (below 1) or counts, then \"randomized\" or nothing");
      endif
      if (isempty (ds.Labels))
        which = ones (numel (ds.Files), 1);   # no labels: one group, the files
        names = {""};
      else
        [names, ~, which] = unique (ds.Labels);
      endif
      parts = cell (1, numel (shares) + 1);
      for g = 1:numel (names)
        members = find (which == g);
        if (randomized)
          members = members(randperm (numel (members)));
        endif
        taken = 0;
        for s = 1:numel (shares)
          n = merge (shares{s} < 1, round (shares{s} * numel (members)), shares{s});
          n = min (n, numel (members) - taken);
          parts{s} = [parts{s}; members(taken + (1:n))];
          taken += n;
        endfor
        parts{end} = [parts{end}; members(taken + 1:end)];
      endfor
      varargout = cell (1, max (nargout, 1));
      for s = 1:numel (varargout)
        if (s > numel (parts) || isempty (parts{s}))
          error ("autoencoder:noImages", "imageDatastore: split %d would hold no files", s);
        endif
        varargout{s} = copy_of (ds, sort (parts{s}));
      endfor
    endfunction

    function disp (ds)
      printf ("  imageDatastore with %d files", numel (ds.Files));
      if (! isempty (ds.Labels))
        printf (" and %d labels", numel (unique (ds.Labels)));
      endif
      printf (", ReadSize %d\n", ds.ReadSize);
      for k = 1:min (3, numel (ds.Files))
        printf ("    %s\n", ds.Files{k});
      endfor
      if (numel (ds.Files) > 3)
        printf ("    ... and %d more\n", numel (ds.Files) - 3);
      endif
    endfunction
  endmethods

  methods (Access = private)
    function part = copy_of (ds, indices)
      part = imageDatastore (ds.Files{indices(1)});
      part.Files = ds.Files(indices);
      if (! isempty (ds.Labels))
        part.Labels = ds.Labels(indices);
      endif
      part.ReadSize = ds.ReadSize;
    endfunction

    function labels = label_of (ds, which)
      labels = {};
      if (! isempty (ds.Labels))
        labels = ds.Labels(which);
        if (numel (which) == 1)
          labels = merge (iscell (labels), labels{1}, labels);
        endif
      endif
    endfunction

    function [names, counts, which] = labels_or_fail (ds, method)
      if (isempty (ds.Labels))
        error ("autoencoder:invalidArgument",
               "imageDatastore: %s needs labels (LabelSource \"foldernames\" or Labels)", method);
      endif
      [names, counts, which] = unique (ds.Labels);
    endfunction
  endmethods
endclassdef

%!shared root   # (only the name)
%! root = tempname ();
%! mkdir (root);
%! mkdir (fullfile (root, "cats"));
%! mkdir (fullfile (root, "dogs"));
%! for k = 1:3
%!   imwrite (uint8 (40 * k * ones (4, 5)), fullfile (root, "cats", sprintf ("c%d.png", k)));
%! endfor
%! for k = 1:5
%!   imwrite (uint8 (30 * k * ones (4, 5, 3)), fullfile (root, "dogs", sprintf ("d%d.jpg", k)));
%! endfor
%! fclose (fopen (fullfile (root, "dogs", "notes.txt"), "w"));

%!test
%! ds = imageDatastore (root, "IncludeSubfolders", true, "LabelSource", "foldernames");
%! assert (numel (ds.Files), 8);
%! assert (ds.Labels, [repmat({"cats"}, 3, 1); repmat({"dogs"}, 5, 1)]);
%! counts = countEachLabel (ds);
%! assert (counts.Label, {"cats"; "dogs"});
%! assert (counts.Count, [3; 5]);
%! [I, info] = read (ds);
%! assert (I, uint8 (40 * ones (4, 5)));
%! assert (info.Label, "cats");
%! assert (! isempty (strfind (info.Filename, "c1.png")));
%! n = 1;
%! while (hasdata (ds))
%!   read (ds);
%!   n++;
%! endwhile
%! assert (n, 8);
%! fail ("read (ds)", "no more images");
%! reset (ds);
%! ds.ReadSize = 3;
%! batch = read (ds);
%! assert (iscell (batch) && numel (batch) == 3);
%! assert (numel (readall (ds)), 8);
%! assert (size (preview (ds)), [4 5]);

%!test
%! ds = imageDatastore (root, "IncludeSubfolders", true, "LabelSource", "foldernames");
%! [a, b] = splitEachLabel (ds, 0.5);
%! assert (countEachLabel (a).Count, [2; 3]);   # round (1.5), round (2.5)
%! assert (countEachLabel (b).Count, [1; 2]);
%! [a, b, c] = splitEachLabel (ds, 1, 2, "randomized");
%! assert (countEachLabel (a).Count, [1; 1]);
%! assert (countEachLabel (b).Count, [2; 2]);
%! assert (countEachLabel (c).Label, {"dogs"});   # the cats all went to a and b
%! assert (countEachLabel (c).Count, 2);
%! parts = arrayfun (@(k) numel (partition (ds, 3, k).Files), 1:3);
%! assert (parts, [2 3 3]);
%! assert (numpartitions (ds), 8);
%! rand ("seed", 1);
%! s = shuffle (ds);
%! assert (sort (s.Files), sort (ds.Files));
%! assert (s.Labels, cellfun (@(f) merge (isempty (strfind (f, "cats")), "dogs", "cats"),
%!                            s.Files, "UniformOutput", false));
%! assert (subset (ds, [8 1]).Files, ds.Files([8 1]));
%! assert (numel (subset (ds, [true false(1, 7)]).Files), 1);
%! assert (numel (imageDatastore (fullfile (root, "cats")).Files), 3);
%! assert (numel (imageDatastore ({fullfile(root, "cats"), fullfile(root, "dogs", "d1.jpg")}).Files), 4);
%! assert (numel (imageDatastore (root, "IncludeSubfolders", true, "FileExtensions", ".PNG").Files), 3);

%!error <no image files> imageDatastore (root)
%!error id=autoencoder:io imageDatastore ("/nonexistent/folder")
%!error <LOCATION must be> imageDatastore (3)
%!error <FileExtensions> imageDatastore (root, "FileExtensions", "png")
%!error <LabelSource> imageDatastore (root, "LabelSource", "filenames")
%!error <Labels must be 3> imageDatastore (fullfile (root, "cats"), "Labels", {"a"})
%!error <ReadSize> imageDatastore (fullfile (root, "cats"), "ReadSize", 0)
%!error <needs labels> countEachLabel (imageDatastore (fullfile (root, "cats")))
%!error <indices must be> subset (imageDatastore (fullfile (root, "cats")), 4)
%!error <the part> partition (imageDatastore (fullfile (root, "cats")), 2, 3)
%!error <image index> readimage (imageDatastore (fullfile (root, "cats")), 0)
%!error <split 3 would hold no files> [a, b, c] = splitEachLabel (imageDatastore (fullfile (root, "cats")), 2, 1)

%!test
%! confirm_recursive_rmdir (false, "local");
%! rmdir (root, "s");
