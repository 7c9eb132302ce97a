## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} imageInputLayer (@var{inputSize})
## @deftypefnx {} {@var{layer} =} imageInputLayer (@dots{}, @var{name}, @var{value}, @dots{})
## The input of an encoder: images of @var{inputSize}, [height width] or
## [height width channels].  It may start an @qcode{"Encoder"} layer array;
## training then checks that the data's images have this size.
##
## Options: @qcode{"Name"} and @qcode{"Normalization"}, which must be
## @qcode{"none"}, the default here: unlike MATLAB (whose default
## @qcode{"zerocenter"} subtracts the mean image), inputs are used as given,
## as the reconstruction losses need them.
## @seealso{ae_layers, vae_train, ae_train}
## @end deftypefn

function layer = imageInputLayer (inputSize, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  fname = "imageInputLayer";
  layer = __ae_dl_layer__ (fname, "imageInput", varargin, {}, {"Normalization"});
  if (isnumeric (inputSize) && numel (inputSize) == 2)
    inputSize(3) = 1;
  endif
  if (! (isnumeric (inputSize) && numel (inputSize) == 3))
    error ("autoencoder:invalidOption", "%s: inputSize must be [height width] or [height width channels]",
           fname);
  endif
  layer.InputSize = __ae_dl_size__ (fname, "inputSize ([height width channels])",
                                    inputSize, 3);
  if (isfield (layer, "Normalization"))
    if (! (ischar (layer.Normalization) && strcmpi (layer.Normalization, "none")))
      error ("autoencoder:invalidOption",
             "%s: Normalization must be \"none\": the data are used as given", fname);
    endif
    layer = rmfield (layer, "Normalization");
  endif
endfunction

%!test
%! l = imageInputLayer ([28 28 1]);
%! assert (l.InputSize, [28 28 1]);
%! assert (imageInputLayer ([28 28]).InputSize, [28 28 1]);
%! assert (fieldnames (l), fieldnames (reluLayer ()));
%!error <Normalization must be "none"> imageInputLayer ([28 28 1], "Normalization", "zerocenter")
