## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{autoenc} =} trainAutoencoder (@var{X})
## @deftypefnx {} {@var{autoenc} =} trainAutoencoder (@var{X}, @var{hiddenSize})
## @deftypefnx {} {@var{autoenc} =} trainAutoencoder (@dots{}, @var{name}, @var{value}, @dots{})
## Train a sparse autoencoder with MATLAB's @code{trainAutoencoder} conventions.
##
## For MATLAB coursework: the call, the option names and defaults, and the
## returned @code{Autoencoder} object follow MATLAB's.  @var{X} is a matrix
## whose @strong{columns} are samples, or a cell array of images (each m-by-n
## or m-by-n-by-3, all of one size).  @var{hiddenSize} (default 10) is the
## number of hidden units.  (The rest of this package takes rows as samples;
## see @code{ae_train}.)
##
## The network is one hidden layer: z = h1(W1*x + b1), x_hat = h2(W2*z + b2).
## It minimises MATLAB's msesparse loss over the whole training set,
## @example
## E = 1/N sum_n sum_k (x_kn - x_hat_kn)^2 + lambda * 1/2 sum W.^2
##     + beta * sum_j KL(rho || rho_hat_j)
## @end example
## with rho_hat_j the mean activation of hidden unit j over all N samples and
## the weight term over both layers' weights (not biases), by scaled conjugate
## gradient (Moller 1993): each epoch is one full-batch iteration, which needs
## two passes over the data.  The loss never rises from one epoch to the next.
## Training stops after @qcode{"MaxEpochs"}, when the gradient's norm falls
## below 1e-6, or when no step lowers the loss at single precision; Ctrl-C
## stops it and returns the autoencoder trained so far.
##
## Options (names are case-insensitive):
## @table @asis
## @item @qcode{"EncoderTransferFunction"} (@qcode{"logsig"})
## @qcode{"logsig"} (1/(1+exp(-x))) or @qcode{"satlin"} (min(max(x,0),1)).
## @item @qcode{"DecoderTransferFunction"} (@qcode{"logsig"})
## @qcode{"logsig"}, @qcode{"satlin"} or @qcode{"purelin"} (linear).
## @item @qcode{"MaxEpochs"} (1000)
## @item @qcode{"L2WeightRegularization"} (0.001)
## lambda above.
## @item @qcode{"SparsityRegularization"} (1)
## beta above.
## @item @qcode{"SparsityProportion"} (0.05)
## rho above, in (0, 1): the mean activation each hidden unit should have.
## @item @qcode{"LossFunction"} (@qcode{"msesparse"})
## The only loss MATLAB offers.
## @item @qcode{"TrainingAlgorithm"} (@qcode{"trainscg"})
## The only algorithm MATLAB offers: scaled conjugate gradient.
## @item @qcode{"ScaleData"} (true)
## Map each input feature (row) linearly from its training [min, max] onto
## the decoder's output range, [0, 1] for logsig and satlin and [-1, 1] for
## purelin (MATLAB's mapminmax).  @code{encode}, @code{decode} and
## @code{predict} then scale their inputs and outputs the same way, so the
## reconstructions are in the data's own units.
## @item @qcode{"ShowProgressWindow"} (true)
## No window here: a line of progress about every twentieth of the run.
## @item @qcode{"UseGPU"} (false)
## Accepted; true gives an @code{autoencoder:noGPU} warning and trains on
## the CPU.
## @end table
##
## The initial weights are drawn from a seed taken from Octave's @code{rand}
## generator, so @code{rand ("seed", 1)} (or @code{rng}) before the call makes
## a run repeatable.
##
## @example
## @group
## images = ae_dataset ("mnist");             # 28-by-28-by-7996
## X = reshape (images(:, :, 1:2000), 784, []);  # one digit per column
## autoenc = trainAutoencoder (X, 50, "MaxEpochs", 200);
## Xr = predict (autoenc, X);
## mse_value = mean ((X - Xr)(:) .^ 2)
## @end group
## @end example
##
## @seealso{Autoencoder, trainSoftmaxLayer, ae_train}
## @end deftypefn

function autoenc = trainAutoencoder (X, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  hidden_size = 10;
  args = varargin;
  if (! isempty (args) && ! ischar (args{1}))
    hidden_size = args{1};
    args(1) = [];
    if (! (isnumeric (hidden_size) && isreal (hidden_size) && isscalar (hidden_size)
           && hidden_size >= 1 && hidden_size == fix (hidden_size) && hidden_size <= 2^24))
      error ("autoencoder:invalidOption",
             "trainAutoencoder: hiddenSize must be a positive integer");
    endif
  endif
  opts = parse_options (args);
  [Xt, image_size] = __ae_columns__ ("trainAutoencoder", X, "X");
  if (opts.UseGPU)
    __ae_warning__ ("autoencoder:noGPU",
                    "trainAutoencoder: UseGPU: this package has no GPU support; training on the CPU");
  endif

  decoder_range = merge (strcmp (opts.DecoderTransferFunction, "purelin"), [-1 1], [0 1]);
  input_map = [];
  if (opts.ScaleData)
    input_map = __ae_minmax__ ("fit", Xt, decoder_range(1), decoder_range(2));
    Xt = __ae_minmax__ ("apply", input_map, Xt);
  endif
  n_in = rows (Xt);
  n_params = 2 * n_in * hidden_size + hidden_size + n_in;
  __ae_check_memory__ ("trainAutoencoder", sprintf ("training %d hidden units", hidden_size),
                       __ae_check_memory__ ("training", n_params, 2 * (hidden_size + n_in), 256));
  core_name = @(f) merge (strcmp (f, "logsig"), "sigmoid", ...
                          merge (strcmp (f, "purelin"), "identity", f));
  model = struct ("kind", "ae", "format_version", __ae_format_version__ (false),
                  "input_size", n_in, "latent_dim", hidden_size,
                  "encoder", [__ae_layer__("dense", n_in, hidden_size), ...
                              __ae_layer__(core_name (opts.EncoderTransferFunction), ...
                                           hidden_size, hidden_size)],
                  "decoder", [__ae_layer__("dense", hidden_size, n_in), ...
                              __ae_layer__(core_name (opts.DecoderTransferFunction), n_in, n_in)]);
  model = __autoencoder__ ("init", model, floor (rand () * 2^32));
  core_opts = struct ("loss", "mse", "reduction", "sum", "beta", 0,
                      "sparsity_target", opts.SparsityProportion,
                      "sparsity_weight", opts.SparsityRegularization,
                      "weight_decay", opts.L2WeightRegularization, "threads", nproc ());
  [model, history] = __ae_scg_fit__ ("trainAutoencoder", model, Xt, [], core_opts,
                                     opts.MaxEpochs, opts.ShowProgressWindow);
  training = rmfield (opts, {"EncoderTransferFunction", "DecoderTransferFunction", ...
                             "ScaleData", "ShowProgressWindow"});
  training.history = history;
  autoenc = Autoencoder (model, opts.EncoderTransferFunction, opts.DecoderTransferFunction,
                         opts.ScaleData, input_map, image_size, training);
endfunction

function opts = parse_options (args)
  p = inputParser ();
  p.addParameter ("EncoderTransferFunction", "logsig");
  p.addParameter ("DecoderTransferFunction", "logsig");
  p.addParameter ("MaxEpochs", 1000);
  p.addParameter ("L2WeightRegularization", 0.001);
  p.addParameter ("LossFunction", "msesparse");
  p.addParameter ("ShowProgressWindow", true);
  p.addParameter ("SparsityProportion", 0.05);
  p.addParameter ("SparsityRegularization", 1);
  p.addParameter ("TrainingAlgorithm", "trainscg");
  p.addParameter ("ScaleData", true);
  p.addParameter ("UseGPU", false);
  opts = __ae_parse__ ("trainAutoencoder", p, args);
  opts.EncoderTransferFunction = choice (opts.EncoderTransferFunction,
                                         "EncoderTransferFunction", {"logsig", "satlin"});
  opts.DecoderTransferFunction = choice (opts.DecoderTransferFunction,
                                         "DecoderTransferFunction",
                                         {"logsig", "satlin", "purelin"});
  choice (opts.LossFunction, "LossFunction", {"msesparse"});
  choice (opts.TrainingAlgorithm, "TrainingAlgorithm", {"trainscg"});
  check_number (opts.MaxEpochs, "MaxEpochs", 1, 1e9, true);
  check_number (opts.L2WeightRegularization, "L2WeightRegularization", 0, 1e30, false);
  check_number (opts.SparsityRegularization, "SparsityRegularization", 0, 1e30, false);
  check_number (opts.SparsityProportion, "SparsityProportion", 0, 1, false);
  if (opts.SparsityProportion <= 0 || opts.SparsityProportion >= 1)
    error ("autoencoder:outOfRange",
           "trainAutoencoder: SparsityProportion must lie strictly between 0 and 1");
  endif
  for name = {"ScaleData", "ShowProgressWindow", "UseGPU"}
    opts.(name{1}) = logical_option (opts.(name{1}), name{1});
  endfor
endfunction

function value = choice (value, name, allowed)
  if (! ischar (value) || ! any (strcmpi (value, allowed)))
    error ("autoencoder:invalidOption", "trainAutoencoder: %s must be one of %s", name,
           strjoin (strcat ('"', allowed, '"'), ", "));
  endif
  value = lower (value);
endfunction

function check_number (value, name, lo, hi, integer)
  if (! (isnumeric (value) && isreal (value) && isscalar (value) && value >= lo
         && value <= hi && (! integer || value == fix (value))))
    error ("autoencoder:outOfRange", "trainAutoencoder: %s must be a%s in [%g, %g]", name,
           merge (integer, "n integer", " number"), lo, hi);
  endif
endfunction

function value = logical_option (value, name)
  if (ischar (value) && any (strcmpi (value, {"on", "off"})))
    value = strcmpi (value, "on");
  elseif (! ((islogical (value) || isnumeric (value)) && isscalar (value)
             && any (value == [0 1])))
    error ("autoencoder:invalidOption", "trainAutoencoder: %s must be true or false", name);
  endif
  value = logical (value);
endfunction

%!shared X
%! ## points near a 2-D surface in 6-D, columns are samples (MATLAB's layout)
%! rand ("seed", 7);
%! t = rand (2, 400);
%! X = [t; sin(3 * t); t(1,:) .* t(2,:); 1 - t(2,:)];

%!test
%! rand ("seed", 1);
%! a = trainAutoencoder (X, 3, "MaxEpochs", 300, "ShowProgressWindow", false);
%! assert (class (a), "Autoencoder");
%! assert (a.HiddenSize, 3);
%! assert (size (a.EncoderWeights), [3 6]);
%! assert (size (a.DecoderWeights), [6 3]);
%! h = a.TrainingParameters.history.loss;
%! assert (numel (h) <= 300 && numel (h) > 100);
%! assert (all (diff (h) <= 0));               # SCG never raises the loss
%! Xr = predict (a, X);
%! assert (size (Xr), size (X));
%! ## the data's own units come back (ScaleData); measured: the error is 0.34
%! ## of the mean image's (the variance), with 3 sparse units for 6 values
%! assert (mean ((X(:) - Xr(:)) .^ 2) < 0.5 * mean (var (X, 1, 2)));

%!test
%! ## MATLAB's defaults: 10 hidden units, 1000 epochs, logsig, the msesparse weights
%! a = trainAutoencoder (X, "ShowProgressWindow", false);
%! assert (a.HiddenSize, 10);
%! t = a.TrainingParameters;
%! assert ([t.MaxEpochs, t.L2WeightRegularization, t.SparsityRegularization, ...
%!          t.SparsityProportion], [1000, 0.001, 1, 0.05]);
%! assert ({t.LossFunction, t.TrainingAlgorithm}, {"msesparse", "trainscg"});
%! assert (numel (t.history.loss) <= 1000);
%! assert ({a.EncoderTransferFunction, a.DecoderTransferFunction}, {"logsig", "logsig"});

%!test
%! ## the same seed gives the same autoencoder
%! rand ("seed", 3);
%! a = trainAutoencoder (X, 2, "MaxEpochs", 20, "ShowProgressWindow", false);
%! rand ("seed", 3);
%! b = trainAutoencoder (X, 2, "MaxEpochs", 20, "ShowProgressWindow", false);
%! assert (a.EncoderWeights, b.EncoderWeights);

%!warning <no GPU support> trainAutoencoder (X, 2, "MaxEpochs", 1, "UseGPU", true, "ShowProgressWindow", false);
%!error <Invalid call> trainAutoencoder ()
%!error <hiddenSize must be a positive integer> trainAutoencoder (X, 0)
%!error <hiddenSize must be a positive integer> trainAutoencoder (X, 2.5)
%!error <unknown option "Epochs"> trainAutoencoder (X, 2, "Epochs", 3)
%!error <EncoderTransferFunction must be one of "logsig", "satlin"> trainAutoencoder (X, 2, "EncoderTransferFunction", "purelin")
%!error <DecoderTransferFunction must be one of> trainAutoencoder (X, 2, "DecoderTransferFunction", "tanh")
%!error <LossFunction must be one of "msesparse"> trainAutoencoder (X, 2, "LossFunction", "mse")
%!error <TrainingAlgorithm must be one of "trainscg"> trainAutoencoder (X, 2, "TrainingAlgorithm", "trainlm")
%!error <MaxEpochs must be an integer> trainAutoencoder (X, 2, "MaxEpochs", 0)
%!error <L2WeightRegularization must be a number> trainAutoencoder (X, 2, "L2WeightRegularization", -1)
%!error <SparsityProportion must lie strictly between 0 and 1> trainAutoencoder (X, 2, "SparsityProportion", 1)
%!error <SparsityRegularization must be a number> trainAutoencoder (X, 2, "SparsityRegularization", NaN)
%!error <ScaleData must be true or false> trainAutoencoder (X, 2, "ScaleData", "yes")
%!error <X must be a matrix whose columns are samples> trainAutoencoder (ones (2, 2, 2), 2)
%!error <X contains NaN or Inf> trainAutoencoder ([X, [NaN; zeros(5, 1)]], 2)
%!error <images in X must all be> trainAutoencoder ({ones(3), ones(4)}, 2)
%!error <X is an empty cell array> trainAutoencoder ({}, 2)
