## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {[@var{X}, @var{kept}] =} __ae_read_image_files__ (@var{fname}, @var{files}, @var{opts})
## The files as one H-by-W-by-C-by-N single array: every header read
## first (sizes, channels, bombs), then the PNG and JPEG files decoded,
## converted and resized in C over the package's threads, the other
## formats through imread one by one. kept(k) is false for a file left out
## (warned of, or with OnError "error" an error naming it).
## @var{opts}: Size ([] or [H W]), Color ("auto", "grey", "gray" or
## "rgb"), MaxPixels, Threads, OnError ("skip" or "error"), as
## ae_image_folder's options.
## @end deftypefn
function [X, kept] = __ae_read_image_files__ (fname, files, opts)
  n = numel (files);
  [hwc, formats] = __autoencoder__ ("image_headers", files);
  [why, too_large] = declared_sizes (fname, hwc, formats, opts.MaxPixels);
  readable = cellfun ("isempty", why);
  [sz, channels] = output_shape (fname, files, hwc, readable, opts);
  cmyk = strcmp (formats, "jpeg") & hwc(:, 3) == 4;   # read by imread
  in_c = readable & ismember (formats, __autoencoder__ ("image_decoders")) & ! cmyk;
  kept = false (n, 1);
  ## one array, each of its pages written once: the C reader's images come
  ## in chunks of about 16 MB, whose memory the next chunk reuses (an array
  ## returned whole from a MEX file is copied, and its pages and the copy's
  ## are each faulted in: on a virtual machine that took longer than the
  ## decoding)
  __ae_check_memory__ (fname, sprintf ("reading %d images of %dx%dx%d", nnz (readable), sz, channels),
                       4 * prod (sz) * channels * nnz (readable));
  X = zeros ([sz, channels, nnz(readable)], "single");
  slot = cumsum (readable);   # file k goes to X(:, :, :, slot(k))
  c_files = find (in_c);
  per_chunk = max (1, floor (16e6 / (4 * prod (sz) * channels)));
  for first = 1:per_chunk:numel (c_files)
    chunk = c_files(first:min (end, first + per_chunk - 1));
    [images, read, c_why, c_ids] = __autoencoder__ ("read_images", files(chunk), [sz channels],
                                                    opts.MaxPixels, opts.Threads);
    X(:, :, :, slot(chunk(read))) = images;
    kept(chunk(read)) = true;
    why(chunk(! read)) = c_why;
    too_large(chunk(! read)) = strcmp (c_ids, "memory");
    if (strcmp (opts.OnError, "error") && ! all (read))
      break;   # the error below names the first file that failed
    endif
  endfor
  for k = find (readable & ! in_c).'
    try
      X(:, :, :, slot(k)) = to_shape (read_image (files{k}), sz, channels, ! isempty (opts.Size));
      kept(k) = true;
    catch err
      why{k} = err.message;
    end_try_catch
  endfor
  if (any (readable & ! kept))
    X = X(:, :, :, kept(readable));
  endif
  failed = find (! kept, 1);
  if (strcmp (opts.OnError, "error") && ! isempty (failed))
    error (merge (too_large(failed), "autoencoder:outOfMemory", "autoencoder:unreadableImage"),
           "%s: cannot read %s: %s", fname, files{failed}, why{failed});
  endif
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

## The [H W] and channels of the output: "Size", or the first readable
## file's, which every file must then share (checked from the headers,
## before any pixel is decoded); colour when asked or, with "auto", when any
## file declares colour.
function [sz, channels] = output_shape (fname, files, hwc, readable, opts)
  first = find (readable, 1);
  if (isempty (first))
    [sz, channels] = deal ([1 1], 1);
    return;
  endif
  sz = opts.Size;
  if (isempty (sz))
    sz = hwc(first, 1:2);
    other = find (readable & any (hwc(:, 1:2) != sz, 2), 1);
    if (! isempty (other))
      error ("autoencoder:sizeMismatch",
             "%s: %s is %dx%d, the first image %dx%d; give \"Size\", [H W] to resize them all",
             fname, files{other}, hwc(other, 1:2), sz);
    endif
  endif
  colour = any (hwc(readable, 3) >= 3);
  channels = 1 + 2 * (strcmp (opts.Color, "rgb") || (strcmp (opts.Color, "auto") && colour));
endfunction

## One image from imread in the output's shape: its colour converted, then
## resized (or checked) and clipped.
function image = to_shape (image, sz, channels, resize)
  if (channels == 1 && size (image, 3) == 3)
    image = 0.298936021293775 * image(:, :, 1) + 0.587043074451121 * image(:, :, 2) ...
            + 0.114020904255103 * image(:, :, 3);
  elseif (channels == 3 && size (image, 3) == 1)
    image = repmat (image, 1, 1, 3);
  endif
  if (resize)
    image = min (max (ae_resize (image, sz), 0), 1);
  elseif (! isequal (size (image)(1:2), sz))
    error ("it is %dx%d where its header declares %dx%d", size (image)(1:2), sz);
  endif
endfunction

## Why each file must not be decoded ("" when it may be): a header that
## cannot be read, or more pixels declared than max_pixels or than the
## memory available can decode (too_large). Read before any pixel.
function [why, too_large] = declared_sizes (fname, hwc, formats, max_pixels)
  n = rows (hwc);
  why = repmat ({""}, n, 1);
  too_large = false (n, 1);
  for k = find (isnan (hwc(:, 1))).'
    why{k} = sprintf ("its header cannot be read (%s)", formats{k});
  endfor
  pixels = hwc(:, 1) .* hwc(:, 2);
  what = @(k) sprintf ("the %s file declares %dx%d pixels", formats{k}, hwc(k, 1), hwc(k, 2));
  for k = find (pixels > max_pixels).'
    why{k} = sprintf ("%s, more than MaxPixels (%d)", what (k), max_pixels);
    too_large(k) = true;
  endfor
  ## the decoder's cache, imread's array, doubles; small files cannot
  ## exceed the memory available, so only large ones ask
  bytes = pixels .* (8 + 10 * hwc(:, 3));
  for k = find (bytes > 1e8 & pixels <= max_pixels).'
    try
      __ae_check_memory__ (fname, "decoding it", bytes(k));
    catch err
      why{k} = [what(k), "; ", regexprep(err.message, ["^" fname ": "], "")];
      too_large(k) = true;
    end_try_catch
  endfor
endfunction

function image = read_image (file)
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
