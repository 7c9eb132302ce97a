## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} gruLayer (@var{numHiddenUnits})
## @deftypefnx {} {@var{layer} =} gruLayer (@dots{}, "OutputMode", @var{mode})
## @deftypefnx {} {@var{layer} =} gruLayer (@dots{}, "ResetGateMode", @var{reset})
## @deftypefnx {} {@var{layer} =} gruLayer (@dots{}, "Name", @var{name})
## A gated recurrent unit layer of @var{numHiddenUnits} units, as the Deep
## Learning Toolbox's function of that name computes it (gates reset,
## update, candidate).  @var{mode} is @qcode{"sequence"} (the default) or
## @qcode{"last"}, as for @code{lstmLayer}.  @var{reset}
## @qcode{"after-multiplication"} (MATLAB's default) applies the reset gate
## after the recurrent product and has no recurrent bias;
## @qcode{"recurrent-bias-after-multiplication"} adds the candidate's
## recurrent bias (PyTorch's @code{nn.GRU}), so @code{b} has
## 6 * @var{numHiddenUnits} values instead of 3.
## @seealso{ae_layers, lstmLayer, bilstmLayer}
## @end deftypefn

function layer = gruLayer (numHiddenUnits, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("gruLayer", "gru", varargin, {"NumHiddenUnits", numHiddenUnits});
endfunction

%!test
%! l = gruLayer (8, "ResetGateMode", "recurrent-bias-after-multiplication");
%! assert ({l.Type, l.NumHiddenUnits, l.OutputMode}, {"gru", 8, "sequence"});
%! assert (l.ResetGateMode, "recurrent-bias-after-multiplication");
%! assert (gruLayer (2).ResetGateMode, "after-multiplication");
%!error <ResetGateMode must be one of> gruLayer (4, "ResetGateMode", "before-multiplication")
