## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} sequenceInputLayer (@var{inputSize})
## @deftypefnx {} {@var{layer} =} sequenceInputLayer (@dots{}, "Name", @var{name})
## The input layer of a network over sequences, as the Deep Learning
## Toolbox's function of that name: each sample is a sequence of steps of
## @var{inputSize} features.  The data are a cell array of C-by-T matrices
## (T may differ between sequences: each mini-batch is padded to its longest
## and the padding never enters a loss, a gradient or an output) or a
## C-by-N-by-T array of N sequences of T steps.  Only feature vectors are
## taken (not image sequences); the option @qcode{"MinLength"} is accepted
## for MATLAB's code and must be 1 (every sequence needs one step).
##
## @example
## encoder = [sequenceInputLayer(3), lstmLayer(64, "OutputMode", "last")];
## model = ae_train (X, "Encoder", encoder, "LatentDim", 8);
## @end example
## @seealso{ae_layers, lstmLayer, repeatVectorLayer}
## @end deftypefn

function layer = sequenceInputLayer (inputSize, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  fname = "sequenceInputLayer";
  layer = __ae_dl_layer__ (fname, "sequenceInput", varargin, {}, {"MinLength"});
  layer.InputSize = __ae_dl_size__ (fname, "inputSize (the features a step)", inputSize, 1);
  if (isfield (layer, "MinLength"))
    if (! isequal (layer.MinLength, 1))
      error ("autoencoder:invalidOption", "%s: MinLength must be 1", fname);
    endif
    layer = rmfield (layer, "MinLength");
  endif
endfunction

%!test
%! l = sequenceInputLayer (3, "Name", "in");
%! assert (l.Type, "sequenceInput");
%! assert (l.InputSize, 3);
%! assert (size ([l, lstmLayer(4)]), [1 2]);
%!error <Invalid call> sequenceInputLayer ()
%!error <inputSize> sequenceInputLayer (0)
%!error <inputSize> sequenceInputLayer ([28 28 1])
%!error <MinLength must be 1> sequenceInputLayer (3, "MinLength", 5)
