## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{labels} =} ae_classify (@var{model}, @var{X})
## @deftypefnx {} {[@var{labels}, @var{probabilities}] =} ae_classify (@var{model}, @var{X})
## Predict the labels of @var{X} with a classifier of
## @code{ae_classifier_train}: the class of the largest score, and the
## N-by-classes softmax probabilities.
##
## @seealso{ae_classifier_train, ae_feature_extractor}
## @end deftypefn

function [labels, probabilities] = ae_classify (model, X)
  if (nargin != 2)
    print_usage ();
  endif
  __ae_check_model__ ("ae_classify", model, {"classifier"});
  Xt = __ae_check_data__ ("ae_classify", X, "X", model.input_size);
  scores = double (__ae_forward__ (model, Xt, "reconstruct").');
  [~, best] = max (scores, [], 2);
  labels = model.classes(best);
  if (nargout > 1)
    e = exp (scores - max (scores, [], 2));
    probabilities = e ./ sum (e, 2);
  endif
endfunction

%!error <Invalid call> ae_classify (1)
%!error <MODEL is of kind "ae"> ae_classify (ae_train (rand (5, 4), "LatentDim", 2, "Epochs", 0, "Verbose", false), rand (5, 4))
