## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{n} =} __ae_max_pixels__ ()
## The most pixels an image file may declare before it is refused unread
## (a decompression bomb): Pillow's limit for its DecompressionBombError,
## the default of ae_image_folder's MaxPixels and the datastores' limit.
## @end deftypefn

function n = __ae_max_pixels__ ()
  n = 178956970;
endfunction
