## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} lstmLayer (@var{numHiddenUnits})
## @deftypefnx {} {@var{layer} =} lstmLayer (@dots{}, "OutputMode", @var{mode})
## @deftypefnx {} {@var{layer} =} lstmLayer (@dots{}, "Name", @var{name})
## A long short-term memory layer of @var{numHiddenUnits} units over the
## steps of a sequence, as the Deep Learning Toolbox's function of that name
## computes it (gates input, forget, cell candidate and output, in that
## order).  @var{mode} @qcode{"sequence"} (the default) gives every step's
## hidden state, @qcode{"last"} the state at each sequence's own last step
## (a sequence encoder's summary).  Weights start as MATLAB's defaults:
## Glorot input weights, orthogonal recurrent weights, forget gate biases 1.
## The model keeps them as one array @code{W} of size
## (C + @var{numHiddenUnits})-by-(4 * @var{numHiddenUnits}) (input weights,
## then recurrent weights, transposed from MATLAB's @code{InputWeights} and
## @code{RecurrentWeights}) and the bias @code{b}.
##
## @example
## encoder = [sequenceInputLayer(3), lstmLayer(64, "OutputMode", "last")];
## decoder = [repeatVectorLayer, lstmLayer(64), fullyConnectedLayer(3)];
## @end example
## @seealso{ae_layers, gruLayer, bilstmLayer, sequenceInputLayer, repeatVectorLayer}
## @end deftypefn

function layer = lstmLayer (numHiddenUnits, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("lstmLayer", "lstm", varargin, {"NumHiddenUnits", numHiddenUnits});
endfunction

%!test
%! l = lstmLayer (16, "OutputMode", "Last", "Name", "enc");
%! assert ({l.Type, l.NumHiddenUnits, l.OutputMode, l.Name}, {"lstm", 16, "last", "enc"});
%! assert (lstmLayer (4).OutputMode, "sequence");
%!error <Invalid call> lstmLayer ()
%!error <numHiddenUnits> lstmLayer (0)
%!error <OutputMode must be one of "sequence", "last"> lstmLayer (4, "OutputMode", "all")
%!error <unknown option "StateActivationFunction"> lstmLayer (4, "StateActivationFunction", "softsign")
