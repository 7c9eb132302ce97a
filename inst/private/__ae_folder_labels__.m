## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{labels} =} __ae_folder_labels__ (@var{files})
## Each file's label as LabelSource "foldernames" gives it: the name of the
## folder that holds it (an N-by-1 cell).
## @end deftypefn

function labels = __ae_folder_labels__ (files)
  labels = cell (numel (files), 1);
  for k = 1:numel (files)
    [~, labels{k}] = fileparts (fileparts (files{k}));
  endfor
endfunction
