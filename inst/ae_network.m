## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

classdef ae_network
  ## -*- texinfo -*-
  ## @deftypefn {} {} ae_network
  ## A feed-forward network in the style of MATLAB's @code{network} objects,
  ## made by @code{stack}, @code{network} (of an @code{Autoencoder}) and
  ## @code{trainSoftmaxLayer}.
  ##
  ## @table @code
  ## @item Y = net (X)
  ## The outputs for the samples in the columns of @var{X} (or a cell array
  ## of images): class probabilities, one column per sample, when the network
  ## ends in a softmax layer.
  ## @item [net, tr] = train (net, X, T)
  ## Fine-tunes every layer of a network ending in a softmax layer on the
  ## samples @var{X} and targets @var{T} (K-by-N, one-hot columns) by
  ## minimising the cross-entropy with scaled conjugate gradient, full batch,
  ## for @code{net.TrainingParameters.MaxEpochs} epochs.  @var{tr} records the
  ## loss per epoch.
  ## @item view (net)
  ## A text summary of the layers.
  ## @end table
  ##
  ## Properties (read-only): @code{Layers} (the core's layer structs, weights
  ## W (outputs-by-inputs) and biases b), @code{OutputTransfer}
  ## (@qcode{"softmax"} or empty), @code{InputSize}, @code{OutputSize} and
  ## @code{TrainingParameters}.
  ## @seealso{Autoencoder, trainSoftmaxLayer, trainAutoencoder}
  ## @end deftypefn

  properties (SetAccess = private)
    Layers = [];
    OutputTransfer = "";
    TrainingParameters = struct ("MaxEpochs", 1000, "ShowProgressWindow", true);
  endproperties

  properties (Dependent, SetAccess = private)
    InputSize
    OutputSize
  endproperties

  properties (Access = private)
    InputMap = [];    # mapminmax of the inputs, or []
    OutputMap = [];   # its reverse on the outputs, or []
  endproperties

  methods

    function obj = ae_network (layers, output_transfer, input_map, output_map, training)
      if (nargin != 5)
        error ("autoencoder:invalidCall",
               "ae_network: networks are made by stack, network and trainSoftmaxLayer");
      endif
      obj.Layers = layers;
      obj.OutputTransfer = output_transfer;
      obj.InputMap = input_map;
      obj.OutputMap = output_map;
      obj.TrainingParameters = training;
    endfunction

    function n = get.InputSize (obj)
      n = columns (obj.Layers(1).W);
    endfunction

    function n = get.OutputSize (obj)
      dense = find (strcmp ({obj.Layers.type}, "dense"), 1, "last");
      n = rows (obj.Layers(dense).W);
    endfunction

    function varargout = subsref (obj, s)
      if (strcmp (s(1).type, "()"))
        if (numel (s(1).subs) != 1)
          error ("autoencoder:invalidCall", "ae_network: call a network as Y = net (X)");
        endif
        Y = outputs (obj, s(1).subs{1});
        if (numel (s) > 1)
          Y = subsref (Y, s(2:end));
        endif
        varargout = {Y};
      else
        varargout = cell (1, max (1, nargout));
        [varargout{:}] = builtin ("subsref", obj, s);
      endif
    endfunction

    function [obj, tr] = train (obj, X, T)
      last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
      ## -*- texinfo -*-
      ## @deftypefn {} {[@var{net}, @var{tr}] =} train (@var{net}, @var{X}, @var{T})
      ## Fine-tunes all layers of a network that ends in a softmax layer; see
      ## @code{help ae_network}.
      ## @end deftypefn
      if (nargin != 3)
        error ("autoencoder:invalidCall",
               "Invalid call to train: use [net, tr] = train (net, X, T)");
      endif
      if (! strcmp (obj.OutputTransfer, "softmax"))
        error ("autoencoder:invalidArgument",
               "train: only networks ending in a softmax layer can be trained here (stack one from trainSoftmaxLayer)");
      endif
      Xt = __ae_minmax__ ("apply", obj.InputMap, __ae_columns__ ("train", X, "X", obj.InputSize));
      Yt = __ae_targets__ ("train", T, obj.OutputSize, columns (Xt));
      core_opts = struct ("loss", "crossentropy", "reduction", "sum", "beta", 0,
                          "threads", nproc ());
      [model, history] = __ae_scg_fit__ ("train", core_model (obj), Xt, Yt, core_opts,
                                         obj.TrainingParameters.MaxEpochs,
                                         obj.TrainingParameters.ShowProgressWindow);
      layers = [model.encoder, model.decoder];
      obj.Layers = layers(end - numel (obj.Layers) + 1:end);
      tr = history;
    endfunction

    function stack (varargin)
      ## A network goes last in a stack, after the autoencoders.
      error ("autoencoder:invalidArgument",
             "stack: give autoencoders, optionally followed by one network");
    endfunction

    function view (obj)
      ## -*- texinfo -*-
      ## @deftypefn {} {} view (@var{net})
      ## Prints each layer with its sizes and parameter count.
      ## @end deftypefn
      printf ("Network: %d inputs -> %d outputs\n", obj.InputSize, obj.OutputSize);
      if (! isempty (obj.InputMap))
        printf ("  input      mapminmax\n");
      endif
      total = 0;
      for k = find (strcmp ({obj.Layers.type}, "dense"))
        L = obj.Layers(k);
        if (k < numel (obj.Layers) && ! strcmp (obj.Layers(k+1).type, "dense"))
          transfer = matlab_transfer (obj.Layers(k+1).type);
        elseif (k == numel (obj.Layers) && ! isempty (obj.OutputTransfer))
          transfer = obj.OutputTransfer;
        else
          transfer = "purelin";
        endif
        printf ("  layer      %5d -> %-5d %-8s %9d parameters\n", columns (L.W), rows (L.W),
                transfer, numel (L.W) + numel (L.b));
        total += numel (L.W) + numel (L.b);
      endfor
      printf ("  total      %d parameters\n", total);
    endfunction

    function disp (obj)
      printf ("  ae_network: %d inputs -> %d outputs, %d layers%s\n", obj.InputSize,
              obj.OutputSize, sum (strcmp ({obj.Layers.type}, "dense")),
              merge (isempty (obj.OutputTransfer), "", [", " obj.OutputTransfer " output"]));
    endfunction

  endmethods

  methods (Access = private)

    function Y = outputs (obj, X)
      Xt = __ae_minmax__ ("apply", obj.InputMap, __ae_columns__ ("ae_network", X, "X",
                                                                   obj.InputSize));
      Y = double (__autoencoder__ ("forward", core_model (obj), Xt, "reconstruct"));
      if (strcmp (obj.OutputTransfer, "softmax"))
        Y = exp (Y - max (Y, [], 1));
        Y ./= sum (Y, 1);
      endif
      Y = __ae_minmax__ ("reverse", obj.OutputMap, Y);
    endfunction

    ## The core sees a classifier: every layer but the last as its encoder.
    function model = core_model (obj)
      layers = obj.Layers;
      if (numel (layers) == 1)
        layers = [__ae_layer__("identity", obj.InputSize, obj.InputSize), layers];
      endif
      ## latent_dim is a classifier's feature width, the width entering its
      ## last layer, as ae_classifier_train sets it
      features = obj.OutputSize;
      if (strcmp (layers(end).type, "dense"))
        features = columns (layers(end).W);
      endif
      model = struct ("kind", "classifier", "format_version", __ae_format_version__ (false),
                      "input_size", obj.InputSize, "latent_dim", features,
                      "encoder", layers(1:end-1), "decoder", layers(end));
    endfunction

  endmethods

endclassdef

function name = matlab_transfer (type)
  names = struct ("sigmoid", "logsig", "identity", "purelin", "satlin", "satlin",
                  "relu", "poslin", "tanh", "tansig");
  name = type;
  if (isfield (names, type))
    name = names.(type);
  endif
endfunction

%!shared a, X
%! rand ("seed", 12);
%! t = rand (2, 200);
%! X = [t; t(1,:) .* t(2,:); 1 - t(1,:)];
%! a = trainAutoencoder (X, 2, "MaxEpochs", 30, "ShowProgressWindow", false);

%!test
%! net = network (a);
%! assert (class (net), "ae_network");
%! assert (net (X), predict (a, X), 1e-5);
%! assert ([net.InputSize, net.OutputSize], [4 4]);
%! text = evalc ("view (net)");
%! assert (! isempty (strfind (text, "layer          2 -> 4     logsig          12 parameters")));
%! assert (! isempty (strfind (text, "total      22 parameters")));
%! enc = stack (a);
%! assert (enc (X), encode (a, X), 1e-5);
%! assert (numel (enc.Layers), 2);

%!error <call a network as Y = net .X.> network (a) (X, X)
%!error <only networks ending in a softmax> train (network (a), X, eye (4)(:, mod (0:199, 4) + 1))
%!error <made by stack, network and trainSoftmaxLayer> ae_network ()
