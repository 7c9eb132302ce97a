## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {} ae_layers
## @deftypefnx {} {@var{catalogue} =} ae_layers ()
## The catalogue of layers: every layer function of the package, with the
## Deep Learning Toolbox's names, for the @qcode{"Encoder"},
## @qcode{"Decoder"}, @qcode{"Generator"} and @qcode{"Discriminator"}
## options of @code{vae_train}, @code{ae_train}, @code{gan_train},
## @code{vaegan_train} and @code{ae_classifier_train}.  A network is a row of
## layers, @code{[convolution2dLayer(3, 32, "Stride", 2), reluLayer]}; each
## layer's input size follows from the one before it, and a layer that does
## not fit is an error naming it and the sizes.  Images are
## height-by-width-by-channels, weights are in MATLAB's layouts and
## initialised as PyTorch does.
##
## @table @code
## @item imageInputLayer
## States the images' size (a check: the data are used as given).
## @item convolution2dLayer
## 2-D convolution (cross-correlation): FilterSize, NumFilters, Stride, Padding.
## @item maskedConvolution2dLayer
## A convolution that sees only the positions before its centre (PixelCNN's,
## for autoregressive priors): FilterSize, NumFilters, Mask ("A" or "B").
## @item transposedConv2dLayer
## Its adjoint, the learned upsampling: FilterSize, NumFilters, Stride,
## Cropping, OutputPadding.
## @item maxPooling2dLayer
## The largest value of each window: PoolSize, Stride, Padding.
## @item averagePooling2dLayer
## The mean of each window: PoolSize, Stride, Padding.
## @item globalAveragePooling2dLayer
## Each channel's mean over the whole image: a 1-by-1-by-C output.
## @item resize2dLayer
## Nearest-neighbour upsampling by an integer Scale.
## @item fullyConnectedLayer
## y = W*x + b over the input read as one vector: OutputSize.
## @item projectAndReshapeLayer
## A fully connected layer whose output is seen as an image of OutputSize.
## @item flattenLayer
## An image seen as one vector.
## @item batchNormalizationLayer
## Normalisation over each channel: Epsilon, MeanDecay, VarianceDecay.
## @item dropoutLayer
## Zeroes values with a Probability while training.
## @item vectorQuantizationLayer
## Each position's channels become the nearest of NumEmbeddings codes (a
## VQ-VAE's encoder ends with it): CommitmentWeight, CodebookUpdate ("loss"
## or "ema"), Decay, RestartThreshold, Epsilon.
## @item reluLayer
## max(x, 0).
## @item leakyReluLayer
## x for x > 0, Scale*x otherwise.
## @item sigmoidLayer
## 1 / (1 + exp(-x)).
## @item tanhLayer
## tanh(x).
## @item sequenceInputLayer
## States that the data are sequences of InputSize features a step (a
## cell array of C-by-T matrices, or a C-by-N-by-T array).
## @item lstmLayer
## Long short-term memory over the steps: NumHiddenUnits, OutputMode
## ("sequence", every step's hidden state, or "last").
## @item gruLayer
## Gated recurrent unit: NumHiddenUnits, OutputMode, ResetGateMode.
## @item bilstmLayer
## An LSTM forward and one backward over each sequence, their states side by
## side (2*NumHiddenUnits a step): NumHiddenUnits, OutputMode.
## @item repeatVectorLayer
## A sample's vector repeated over the input's steps (Keras's RepeatVector):
## what starts a sequence decoder from a code.
## @item hierarchicalLstmLayer
## MusicVAE's hierarchical decoder: a conductor LSTM, one step per bar of
## SubsequenceLength steps, and a decoder LSTM restarted each bar from that
## bar's conductor output: NumHiddenUnits, SubsequenceLength, ConductorUnits.
## @end table
## Between recurrent layers, every other layer acts on each step on its own
## (a fullyConnectedLayer after an lstmLayer is a dense layer per step).
##
## Called without an output, @code{ae_layers} prints every layer function
## with its options and their defaults as the package's C core declares them
## (the one place they are written); with one, it returns that table as a
## struct array with the fields @code{Function}, @code{Type} and
## @code{Options} (a struct array of @code{Name}, @code{Default} (NaN where
## it must be given), @code{Positional} (an argument, not a name/value
## option) and @code{Description}).  @code{ae_summary} lists a trained model's layers.
## @seealso{ae_summary, vae_train, ae_train, gan_train}
## @end deftypefn

function catalogue = ae_layers (varargin)
  if (nargin > 0)
    print_usage ();
  endif
  types = __ae_layer_types__ ();
  types = types(! cellfun (@isempty, {types.matlab}));
  entries = struct ("Function", {}, "Type", {}, "Options", {});
  for t = types
    s = t.settings(! cellfun (@isempty, {t.settings.option}));
    options = struct ("Name", {s.option}, "Default", {s.default},
                      "Positional", num2cell ([s.positional]), "Description", {s.what});
    entries(end+1) = struct ("Function", [t.matlab "Layer"], "Type", t.matlab,
                             "Options", options);
  endfor
  if (nargout > 0)
    catalogue = entries;
    return;
  endif
  for e = entries
    arguments = {};
    options = {};
    for o = e.Options
      required = isnumeric (o.Default) && isnan (o.Default);
      if (ischar (o.Default))
        default = ['"' o.Default '"'];
      else
        default = num2str (o.Default, "%g");
      endif
      if (o.Positional)
        name = [lower(o.Name(1)), o.Name(2:end)];
        arguments{end+1} = merge (required, name, sprintf ("[%s = %s]", name, default));
      elseif (required)
        options{end+1} = sprintf ("%s (required)", o.Name);
      else
        options{end+1} = sprintf ("%s (%s)", o.Name, default);
      endif
    endfor
    call = sprintf ("%s (%s)", e.Function, strjoin (arguments, ", "));
    printf ("%-52s %s\n", call, strjoin (options, ", "));
  endfor
endfunction

%!test
%! ## the help text lists every layer function the core declares, and no other
%! c = ae_layers ();
%! listed = regexp (get_help_text ("ae_layers"), '@item (\w+Layer)', "tokens");
%! listed = [listed{:}];
%! extra = {"imageInputLayer", "projectAndReshapeLayer", "flattenLayer", "sequenceInputLayer"};
%! assert (sort (listed), sort ([{c.Function}, extra]));
%! for f = [listed, {"ae_layers"}]
%!   assert (exist (f{1}), 2);
%! endfor
%!test
%! c = ae_layers ();
%! conv = c(strcmp ({c.Function}, "convolution2dLayer"));
%! assert ({conv.Options.Name}, {"FilterSize", "NumFilters", "Stride", "Padding"});
%! assert (conv.Options(3).Default, 1);
%! text = evalc ("ae_layers ()");
%! assert (! isempty (strfind (text, "dropoutLayer")));
%! assert (! isempty (regexp (text, "batchNormalizationLayer \\(\\) +Epsilon \\(1e-05\\)", "once")));
%! assert (! isempty (strfind (text, "convolution2dLayer (filterSize, numFilters)")));
%! assert (! isempty (strfind (text, "dropoutLayer ([probability = 0.5])")));
%! assert (! isempty (strfind (text, "lstmLayer (numHiddenUnits)")));
%! assert (! isempty (strfind (text, "OutputMode (\"sequence\")")));
%! gru = c(strcmp ({c.Function}, "gruLayer"));
%! assert (gru.Options(3).Default, "after-multiplication");
%! assert (! isempty (strfind (text, "Scale (required)")));
%!test
%! ## every layer function's help points at this catalogue
%! for f = [{ae_layers().Function}, {"imageInputLayer", "projectAndReshapeLayer", "flattenLayer"}]
%!   assert (! isempty (strfind (get_help_text (f{1}), "@seealso{ae_layers")), f{1});
%! endfor
%!error <Invalid call> ae_layers (1)
