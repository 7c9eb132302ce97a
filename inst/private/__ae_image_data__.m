## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {[@var{Xt}, @var{sample_size}, @var{args}] =} __ae_image_data__ (@var{fname}, @var{ds}, @var{args})
## The training data of an imageDatastore or augmentedImageDatastore as the
## core reads them: its files, decoded a mini-batch at a time into images of
## the augmentedImageDatastore's OutputSize, else of the size the Encoder's
## (a GAN's Discriminator's) imageInputLayer declares, else of the size the
## files share (colour when the first is colour; files of other sizes are
## refused from their headers), resized and converted as ae_image_folder
## does. A datastore given as ValidationData is read into
## memory at that size.
## @end deftypefn

function [Xt, sample_size, args] = __ae_image_data__ (fname, ds, args)
  files = ds.Files;
  declared = declared_input (args);
  decoders = __autoencoder__ ("image_decoders");
  if (numel (decoders) < 2)
    error ("autoencoder:invalidArgument",
           "%s: this build decodes no PNG or JPEG files in C (it was made without libpng or libjpeg): read the images with ae_image_folder and train on the array",
           fname);
  endif
  [~, ~, ext] = cellfun (@fileparts, files, "UniformOutput", false);
  other = find (! ismember (lower (ext), {".png", ".jpg", ".jpeg"}), 1);
  if (! isempty (other))
    error ("autoencoder:invalidArgument",
           "%s: an imageDatastore trains from PNG and JPEG files, which are decoded in C; %s is not one (convert such files, or read them with ae_image_folder)",
           fname, files{other});
  endif
  sample_size = output_size (fname, ds, declared, "the network's imageInputLayer");
  if (isempty (sample_size))
    sample_size = common_size (fname, files);
  endif
  Xt = struct ("image_files", {files}, "shape", sample_size, "max_pixels", __ae_max_pixels__ (),
               "reader_threads", max (1, floor (nproc () / 2)));
  at = __ae_option_at__ (args, "ValidationData");
  if (! isempty (at) && at < numel (args) && __ae_is_datastore__ (args{at + 1}))
    val = args{at + 1};
    output_size (fname, val, sample_size, "the training images' size");
    args{at + 1} = read_into_memory (fname, val, sample_size);
  endif
endfunction

## The one size of the files, read from their headers (colour when the
## first is colour): files of other sizes are an error, as they would be in
## memory, that points at augmentedImageDatastore, which resizes them
function sample_size = common_size (fname, files)
  hwc = __autoencoder__ ("image_headers", files);
  first = find (! isnan (hwc(:, 1)), 1);
  if (isempty (first))
    error ("autoencoder:unreadableImage", "%s: none of the %d files has a readable header (%s)",
           fname, numel (files), files{1});
  endif
  sample_size = [hwc(first, 1:2), 1 + 2 * (hwc(first, 3) >= 3)];
  other = find (! isnan (hwc(:, 1)) & any (hwc(:, 1:2) != sample_size(1:2), 2), 1);
  if (! isempty (other))
    error ("autoencoder:sizeMismatch",
           "%s: %s is %dx%d, %s %dx%d: read them at one size with augmentedImageDatastore ([H W], ds)",
           fname, files{other}, hwc(other, 1:2), files{first}, sample_size(1:2));
  endif
endfunction

## The size an augmentedImageDatastore reads at, checked against the one
## the model needs (wanted, unless empty; what names it), or wanted
function sample_size = output_size (fname, ds, wanted, what)
  sample_size = wanted;
  if (isa (ds, "augmentedImageDatastore"))
    sample_size = ds.OutputSize;
    if (! isempty (wanted) && ! isequal (sample_size, wanted(:).'))
      error ("autoencoder:sizeMismatch",
             "%s: the augmentedImageDatastore reads images of %dx%dx%d where %s is %dx%dx%d",
             fname, sample_size, what, wanted);
    endif
  endif
endfunction

## [H W C] of the imageInputLayer the Encoder (or a GAN's Discriminator)
## begins with, or [] without one
function sample_size = declared_input (args)
  sample_size = [];
  layer = __ae_input_layer__ (args, {"Encoder", "Discriminator"}, "imageInput");
  if (! isempty (layer))
    sample_size = layer.InputSize;
  endif
endfunction

function X = read_into_memory (fname, ds, sample_size)
  [X, read, why] = __autoencoder__ ("read_images", ds.Files, sample_size, __ae_max_pixels__ (), nproc ());
  if (! all (read))
    error ("autoencoder:unreadableImage", "%s: cannot read the validation image %s: %s", fname,
           ds.Files{find (! read, 1)}, why{1});
  endif
endfunction
