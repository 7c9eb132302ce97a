## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {[@var{Xt}, @var{sample_size}, @var{args}] =} __ae_image_data__ (@var{fname}, @var{ds}, @var{args})
## The training data of an imageDatastore as the core reads them: its
## files, decoded a mini-batch at a time into images of the size the
## Encoder's (a GAN's Discriminator's) imageInputLayer declares (without
## one, the first file's size,
## colour when it is colour), resized and converted as ae_image_folder does.
## An imageDatastore given as ValidationData is read into memory at that size.
## @end deftypefn

function [Xt, sample_size, args] = __ae_image_data__ (fname, ds, args)
  files = ds.Files;
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
  sample_size = declared_input (args);
  if (isempty (sample_size))
    [hwc, why] = __autoencoder__ ("image_header", files{1});
    if (isempty (hwc))
      error ("autoencoder:unreadableImage", "%s: cannot read %s: %s", fname, files{1}, why);
    endif
    sample_size = [hwc(1:2), 1 + 2 * (hwc(3) >= 3)];
  endif
  Xt = struct ("image_files", {files}, "shape", sample_size, "max_pixels", 178956970,
               "reader_threads", max (1, floor (nproc () / 2)));
  at = __ae_option_at__ (args, "ValidationData");
  if (! isempty (at) && at < numel (args) && isa (args{at + 1}, "imageDatastore"))
    args{at + 1} = read_into_memory (fname, args{at + 1}, sample_size);
  endif
endfunction

## [H W C] of the imageInputLayer the Encoder (or a GAN's Discriminator)
## begins with, or [] without one
function sample_size = declared_input (args)
  sample_size = [];
  for option = {"Encoder", "Discriminator"}
    at = __ae_option_at__ (args, option{1});
    if (! isempty (at) && at < numel (args))
      layers = args{at + 1};
      if (iscell (layers) && ! isempty (layers))
        layers = layers{1};
      endif
      if (isstruct (layers) && isfield (layers, "Type") && ! isempty (layers)
          && strcmp (layers(1).Type, "imageInput"))
        sample_size = layers(1).InputSize;
        return;
      endif
    endif
  endfor
endfunction

function X = read_into_memory (fname, ds, sample_size)
  [X, read, why] = __autoencoder__ ("read_images", ds.Files, sample_size, 178956970, nproc ());
  if (! all (read))
    error ("autoencoder:unreadableImage", "%s: cannot read the validation image %s: %s", fname,
           ds.Files{find (! read, 1)}, why{1});
  endif
endfunction
