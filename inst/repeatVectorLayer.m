## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} repeatVectorLayer ()
## @deftypefnx {} {@var{layer} =} repeatVectorLayer ("Name", @var{name})
## A layer that repeats each sample's vector (a code) over the steps of the
## network's input sequence, so that a recurrent decoder unrolls from it:
## Keras's @code{RepeatVector}, which the Deep Learning Toolbox has no
## layer for.  When the decoder runs alone (@code{ae_decode},
## @code{vae_decode}, @code{vae_sample}) the number of steps is given
## there.  It has no weights; the gradient of the code adds those of its
## steps.
## @seealso{ae_layers, lstmLayer, sequenceInputLayer}
## @end deftypefn

function layer = repeatVectorLayer (varargin)
  layer = __ae_dl_layer__ ("repeatVectorLayer", "repeatVector", varargin);
endfunction

%!test
%! l = repeatVectorLayer ("Name", "rep");
%! assert ({l.Type, l.Name}, {"repeatVector", "rep"});
%!error <unknown option> repeatVectorLayer ("Steps", 4)
