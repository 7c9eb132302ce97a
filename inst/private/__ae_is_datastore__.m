## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} __ae_is_datastore__ (@var{X})
## Whether the trainers read X's files a mini-batch at a time: an
## imageDatastore or an augmentedImageDatastore.
## @end deftypefn

function tf = __ae_is_datastore__ (X)
  tf = isa (X, "imageDatastore") || isa (X, "augmentedImageDatastore");
endfunction
