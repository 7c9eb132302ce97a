## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{net} =} trainSoftmaxLayer (@var{X}, @var{T})
## @deftypefnx {} {@var{net} =} trainSoftmaxLayer (@var{X}, @var{T}, @var{name}, @var{value}, @dots{})
## Train a softmax classification layer, MATLAB's @code{trainSoftmaxLayer}.
##
## @var{X} holds the samples in its columns (features, such as the codes of
## an autoencoder's @code{encode}); @var{T} is K-by-N with one-hot columns
## (class distributions are accepted).  The layer is y = softmax (W*x + b),
## trained by scaled conjugate gradient on the cross-entropy over the whole
## set.  Returns an @code{ae_network}: @code{net (X)} gives the class
## probabilities, and @code{stack} puts it on top of autoencoders.
##
## Options: @qcode{"MaxEpochs"} (1000), @qcode{"LossFunction"}
## (@qcode{"crossentropy"}, the only one here), @qcode{"ShowProgressWindow"}
## (true: a line of progress about every twentieth of the run) and
## @qcode{"TrainingAlgorithm"} (@qcode{"trainscg"}).  The initial weights come
## from a seed taken from Octave's @code{rand} generator.
## @seealso{trainAutoencoder, Autoencoder, ae_network}
## @end deftypefn

function net = trainSoftmaxLayer (X, T, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  p = inputParser ();
  p.addParameter ("MaxEpochs", 1000);
  p.addParameter ("LossFunction", "crossentropy");
  p.addParameter ("ShowProgressWindow", true);
  p.addParameter ("TrainingAlgorithm", "trainscg");
  opts = __ae_parse__ ("trainSoftmaxLayer", p, varargin);
  if (! (isnumeric (opts.MaxEpochs) && isscalar (opts.MaxEpochs) && isreal (opts.MaxEpochs)
         && opts.MaxEpochs >= 1 && opts.MaxEpochs == fix (opts.MaxEpochs)))
    error ("autoencoder:outOfRange", "trainSoftmaxLayer: MaxEpochs must be a positive integer");
  elseif (! ischar (opts.LossFunction) || ! strcmpi (opts.LossFunction, "crossentropy"))
    error ("autoencoder:invalidOption",
           "trainSoftmaxLayer: LossFunction must be \"crossentropy\" (\"mse\" is not available)");
  elseif (! ischar (opts.TrainingAlgorithm) || ! strcmpi (opts.TrainingAlgorithm, "trainscg"))
    error ("autoencoder:invalidOption", "trainSoftmaxLayer: TrainingAlgorithm must be \"trainscg\"");
  elseif (! (isscalar (opts.ShowProgressWindow) && (islogical (opts.ShowProgressWindow)
                                                    || isnumeric (opts.ShowProgressWindow))))
    error ("autoencoder:invalidOption", "trainSoftmaxLayer: ShowProgressWindow must be true or false");
  endif
  Xt = __ae_columns__ ("trainSoftmaxLayer", X, "X");
  Yt = __ae_targets__ ("trainSoftmaxLayer", T, [], columns (Xt));
  layer = __ae_layer__ ("dense", rows (Xt), rows (Yt));
  training = struct ("MaxEpochs", opts.MaxEpochs,
                     "ShowProgressWindow", logical (opts.ShowProgressWindow));
  ## a random start, then the whole set at once
  model = struct ("kind", "classifier", "format_version", __ae_format_version__ (false),
                  "input_size", rows (Xt), "latent_dim", rows (Yt),
                  "encoder", __ae_layer__ ("identity", rows (Xt), rows (Xt)),
                  "decoder", layer);
  model = __autoencoder__ ("init", model, floor (rand () * 2^32));
  net = ae_network (model.decoder, "softmax", [], [], training);
  net = train (net, Xt, Yt);
endfunction

%!test
%! ## three Gaussian blobs in 4-D, columns are samples
%! randn ("seed", 5); rand ("seed", 5);
%! centres = 3 * randn (4, 3);
%! y = repmat (1:3, 1, 50);
%! X = centres(:, y) + randn (4, 150);
%! T = full (sparse (y, 1:150, 1, 3, 150));
%! net = trainSoftmaxLayer (X, T, "MaxEpochs", 200, "ShowProgressWindow", false);
%! P = net (X);
%! assert (size (P), [3 150]);
%! assert (sum (P, 1), ones (1, 150), 1e-6);
%! [~, guess] = max (P);
%! assert (mean (guess == y) > 0.95);

%!error <Invalid call> trainSoftmaxLayer (1)
%!error <T must be a K-by-3 matrix> trainSoftmaxLayer (rand (2, 3), rand (2, 4))
%!error <each column of T must be a distribution> trainSoftmaxLayer (rand (2, 3), [1 1 1; 1 0 0])
%!error <LossFunction must be "crossentropy"> trainSoftmaxLayer (rand (2, 3), eye (3), "LossFunction", "mse")
%!error <MaxEpochs must be a positive integer> trainSoftmaxLayer (rand (2, 3), eye (3), "MaxEpochs", -2)
