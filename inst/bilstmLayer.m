## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} bilstmLayer (@var{numHiddenUnits})
## @deftypefnx {} {@var{layer} =} bilstmLayer (@dots{}, "OutputMode", @var{mode})
## @deftypefnx {} {@var{layer} =} bilstmLayer (@dots{}, "Name", @var{name})
## A bidirectional LSTM layer, as the Deep Learning Toolbox's function of
## that name: one LSTM of @var{numHiddenUnits} units runs forward over each
## sequence, one backward over its own steps (a sequence shorter than its
## mini-batch is reversed within its length, never into the padding), and
## each step gives their two states side by side, 2 * @var{numHiddenUnits}
## values.  With @var{mode} @qcode{"last"} the output is the forward
## state at the last step beside the backward state at the first: what
## the MusicVAE encoder reads.
## @seealso{ae_layers, lstmLayer, gruLayer}
## @end deftypefn

function layer = bilstmLayer (numHiddenUnits, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("bilstmLayer", "bilstm", varargin,
                           {"NumHiddenUnits", numHiddenUnits});
endfunction

%!test
%! l = bilstmLayer (5, "OutputMode", "last");
%! assert ({l.Type, l.NumHiddenUnits, l.OutputMode}, {"bilstm", 5, "last"});
%!error <numHiddenUnits> bilstmLayer (-1)
