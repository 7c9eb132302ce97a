## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{format} =} __ae_metric_options__ (@var{fname}, @var{args})
## The "DataFormat" option of ae_mse and ae_psnr (default "auto"), checked
## by __ae_image_format__ when the array is read.
## @end deftypefn

function format = __ae_metric_options__ (fname, args)
  p = inputParser ();
  p.addParameter ("DataFormat", "auto");
  format = __ae_parse__ (fname, p, args).DataFormat;
endfunction
