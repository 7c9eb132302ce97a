## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

classdef Autoencoder
  ## -*- texinfo -*-
  ## @deftypefn {} {} Autoencoder
  ## A trained autoencoder, as @code{trainAutoencoder} returns it (MATLAB's class).
  ##
  ## Properties (read-only): @code{HiddenSize}, @code{EncoderTransferFunction},
  ## @code{EncoderWeights} (HiddenSize-by-D), @code{EncoderBiases},
  ## @code{DecoderTransferFunction}, @code{DecoderWeights} (D-by-HiddenSize),
  ## @code{DecoderBiases}, @code{ScaleData}, and @code{TrainingParameters}
  ## (the options of the run, with @code{history}: the loss, its reconstruction
  ## and penalty parts and the gradient norm per epoch, and why it stopped).
  ##
  ## Methods, each with its own help (@code{help Autoencoder.encode}):
  ## @table @code
  ## @item Z = encode (autoenc, X)
  ## The hidden representation, HiddenSize-by-N, of samples (columns) or images.
  ## @item Y = decode (autoenc, Z)
  ## Data from hidden representations: a matrix, or a cell array of images when
  ## the autoencoder was trained on images.
  ## @item Y = predict (autoenc, X)
  ## The reconstruction, decode (autoenc, encode (autoenc, X)).
  ## @item net = stack (autoenc1, autoenc2, @dots{}, net1)
  ## A deep network of the encoders, optionally ending in a softmax layer from
  ## @code{trainSoftmaxLayer}; see @code{ae_network}.
  ## @item net = network (autoenc)
  ## The whole autoencoder as an @code{ae_network}.
  ## @item h = plotWeights (autoenc)
  ## The encoder's weights drawn as images, one tile per hidden unit.
  ## @item view (autoenc)
  ## A text summary of the layers.
  ## @item generateFunction (autoenc, pathname, "ShowLinks", tf)
  ## Write a standalone Octave function computing the autoencoder.
  ## @end table
  ##
  ## Octave 7 cannot @code{save} classdef objects: keep the weights
  ## (properties) or re-train from a seed.
  ## @seealso{trainAutoencoder, trainSoftmaxLayer, ae_network}
  ## @end deftypefn

  properties (SetAccess = private)
    EncoderTransferFunction = "logsig";
    DecoderTransferFunction = "logsig";
    ScaleData = true;
    TrainingParameters = struct ();
  endproperties

  properties (Dependent, SetAccess = private)
    HiddenSize
    EncoderWeights
    EncoderBiases
    DecoderWeights
    DecoderBiases
  endproperties

  properties (Access = private)
    Model = [];       # the core's model struct, of kind "ae"
    InputMap = [];    # the mapminmax of ScaleData, or []
    ImageSize = [];   # the training images' size, or [] for a matrix
  endproperties

  methods

    function obj = Autoencoder (model, encoder_transfer, decoder_transfer, scale_data,
                                input_map, image_size, training)
      if (nargin != 7)
        error ("autoencoder:invalidCall",
               "Autoencoder: objects are made by trainAutoencoder, not directly");
      endif
      obj.Model = model;
      obj.EncoderTransferFunction = encoder_transfer;
      obj.DecoderTransferFunction = decoder_transfer;
      obj.ScaleData = scale_data;
      obj.InputMap = input_map;
      obj.ImageSize = image_size;
      obj.TrainingParameters = training;
    endfunction

    function n = get.HiddenSize (obj)
      n = obj.Model.latent_dim;
    endfunction
    function W = get.EncoderWeights (obj)
      W = double (obj.Model.encoder(1).W);
    endfunction
    function b = get.EncoderBiases (obj)
      b = double (obj.Model.encoder(1).b);
    endfunction
    function W = get.DecoderWeights (obj)
      W = double (obj.Model.decoder(1).W);
    endfunction
    function b = get.DecoderBiases (obj)
      b = double (obj.Model.decoder(1).b);
    endfunction

    function Z = encode (obj, X)
      ## -*- texinfo -*-
      ## @deftypefn {} {@var{Z} =} encode (@var{autoenc}, @var{X})
      ## The hidden representation (HiddenSize-by-N, double) of the samples in
      ## the columns of @var{X}, or of a cell array of images.
      ## @end deftypefn
      if (nargin != 2)
        error ("autoencoder:invalidCall",
               "Invalid call to encode: use Z = encode (autoenc, X)");
      endif
      Xt = __ae_columns__ ("encode", X, "X", obj.Model.input_size);
      Z = double (__autoencoder__ ("forward", obj.Model,
                                   __ae_minmax__ ("apply", obj.InputMap, Xt), "encode"));
    endfunction

    function Y = decode (obj, Z)
      ## -*- texinfo -*-
      ## @deftypefn {} {@var{Y} =} decode (@var{autoenc}, @var{Z})
      ## Data from hidden representations (columns of @var{Z}), in the data's
      ## units: a matrix, or a cell array of images for an autoencoder trained
      ## on images.
      ## @end deftypefn
      if (nargin != 2)
        error ("autoencoder:invalidCall",
               "Invalid call to decode: use Y = decode (autoenc, Z)");
      endif
      Zt = __ae_columns__ ("decode", Z, "Z", obj.Model.latent_dim);
      Y = __autoencoder__ ("forward", obj.Model, Zt, "decode");
      Y = as_images (obj, double (__ae_minmax__ ("reverse", obj.InputMap, Y)));
    endfunction

    function Y = predict (obj, X)
      ## -*- texinfo -*-
      ## @deftypefn {} {@var{Y} =} predict (@var{autoenc}, @var{X})
      ## The reconstruction of @var{X} (columns are samples, or a cell array
      ## of images), in the same form as @var{X}.
      ## @end deftypefn
      if (nargin != 2)
        error ("autoencoder:invalidCall",
               "Invalid call to predict: use Y = predict (autoenc, X)");
      endif
      Xt = __ae_columns__ ("predict", X, "X", obj.Model.input_size);
      Y = __autoencoder__ ("forward", obj.Model, __ae_minmax__ ("apply", obj.InputMap, Xt),
                           "reconstruct");
      Y = double (__ae_minmax__ ("reverse", obj.InputMap, Y));
      if (iscell (X))
        Y = as_images (obj, Y, size (X));
      endif
    endfunction

    function net = network (obj)
      ## -*- texinfo -*-
      ## @deftypefn {} {@var{net} =} network (@var{autoenc})
      ## The whole autoencoder, encoder then decoder, as an @code{ae_network}:
      ## @code{net (X)} equals @code{predict (autoenc, X)} for a matrix X.
      ## @end deftypefn
      layers = [obj.Model.encoder, obj.Model.decoder];
      net = ae_network (layers, "", obj.InputMap, obj.InputMap, struct ("MaxEpochs", 1000));
    endfunction

    function net = stack (varargin)
      ## -*- texinfo -*-
      ## @deftypefn {} {@var{net} =} stack (@var{autoenc1}, @var{autoenc2}, @dots{})
      ## @deftypefnx {} {@var{net} =} stack (@var{autoenc1}, @dots{}, @var{net1})
      ## The encoders of the autoencoders in order, each feeding the next,
      ## optionally followed by the network @var{net1} (a softmax layer from
      ## @code{trainSoftmaxLayer}), as one @code{ae_network}.  The first
      ## autoencoder's data scaling becomes the network's input scaling, and
      ## the scaling of any later one is folded into its first layer's
      ## weights, so the network computes exactly the chain of
      ## @code{encode} calls.  It takes its training parameters from
      ## @var{net1}.
      ## @end deftypefn
      last = varargin{end};
      tail = isa (last, "ae_network");
      parts = varargin(1:end - tail);
      if (isempty (parts) || ! all (cellfun (@(a) isa (a, "Autoencoder"), parts)))
        error ("autoencoder:invalidArgument",
               "stack: give autoencoders, optionally followed by one network");
      endif
      layers = [];
      width = parts{1}.Model.input_size;
      for k = 1:numel (parts)
        a = parts{k};
        if (a.Model.input_size != width)
          error ("autoencoder:sizeMismatch",
                 "stack: autoencoder %d takes %d inputs, but what feeds it gives %d",
                 k, a.Model.input_size, width);
        endif
        encoder = a.Model.encoder;
        if (k > 1 && ! isempty (a.InputMap))
          ## its data scaling, affine, folded into its first layer:
          ## W ((x - xmin) .* gain + ymin) + b
          m = a.InputMap;
          W = double (encoder(1).W);
          encoder(1).b = single (double (encoder(1).b) + W * (m.ymin - m.xmin .* m.gain));
          encoder(1).W = single (W .* m.gain.');
        endif
        layers = [layers, encoder];
        width = a.Model.latent_dim;
      endfor
      output_transfer = "";
      training = struct ("MaxEpochs", 1000, "ShowProgressWindow", true);
      if (tail)
        if (last.InputSize != width)
          error ("autoencoder:sizeMismatch",
                 "stack: the network takes %d inputs, but the last encoder gives %d",
                 last.InputSize, width);
        endif
        layers = [layers, last.Layers];
        output_transfer = last.OutputTransfer;
        training = last.TrainingParameters;
      endif
      net = ae_network (layers, output_transfer, parts{1}.InputMap, [], training);
    endfunction

    function h = plotWeights (obj)
      ## -*- texinfo -*-
      ## @deftypefn {} {@var{h} =} plotWeights (@var{autoenc})
      ## Draws each hidden unit's encoder weights as an image (the training
      ## images' size, or a square when the input width is a square number),
      ## each tile scaled to its own range, in a grid in the current figure.
      ## Returns the image's handle.
      ## @end deftypefn
      W = obj.EncoderWeights;
      tile = obj.ImageSize;
      if (isempty (tile))
        side = round (sqrt (columns (W)));
        tile = merge (side ^ 2 == columns (W), [side side], [1 columns(W)]);
      endif
      n_colour = prod (tile(3:end));
      n_cols = ceil (sqrt (rows (W)));
      n_rows = ceil (rows (W) / n_cols);
      mosaic = ones ((tile(1) + 1) * n_rows + 1, (tile(2) + 1) * n_cols + 1, n_colour);
      for k = 1:rows (W)
        w = W(k, :);
        w = (w - min (w)) / max (max (w) - min (w), eps);
        r = floor ((k - 1) / n_cols) * (tile(1) + 1) + 1;
        c = mod (k - 1, n_cols) * (tile(2) + 1) + 1;
        mosaic(r + (1:tile(1)), c + (1:tile(2)), :) = reshape (w, tile(1), tile(2), n_colour);
      endfor
      if (n_colour == 1)
        h = imagesc (mosaic, [0 1]);
        colormap (gray (256));
      else
        h = image (mosaic);
      endif
      axis ("image", "off");
      title (sprintf ("Encoder weights of %d hidden units", rows (W)));
    endfunction

    function view (obj)
      ## -*- texinfo -*-
      ## @deftypefn {} {} view (@var{autoenc})
      ## Prints the layers, their sizes, transfer functions and parameter
      ## counts, and how training ended.
      ## @end deftypefn
      d = obj.Model.input_size;
      n = obj.HiddenSize;
      printf ("Autoencoder: %d inputs -> %d hidden -> %d outputs\n", d, n, d);
      if (obj.ScaleData)
        printf ("  input      mapminmax onto the decoder's range\n");
      endif
      printf ("  encoder    %5d -> %-5d %-8s %9d parameters\n", d, n,
              obj.EncoderTransferFunction, n * d + n);
      printf ("  decoder    %5d -> %-5d %-8s %9d parameters\n", n, d,
              obj.DecoderTransferFunction, n * d + d);
      t = obj.TrainingParameters;
      if (isfield (t, "history") && ! isempty (t.history.loss))
        printf ("  trained    %d epochs of %s, loss %.6g (%s)\n", numel (t.history.loss),
                t.TrainingAlgorithm, t.history.loss(end), t.history.stop_reason);
      endif
    endfunction

    function disp (obj)
      printf ("  Autoencoder with properties:\n\n");
      printf ("                 HiddenSize: %d\n", obj.HiddenSize);
      printf ("    EncoderTransferFunction: '%s'\n", obj.EncoderTransferFunction);
      printf ("             EncoderWeights: [%dx%d double]\n", size (obj.EncoderWeights));
      printf ("              EncoderBiases: [%dx1 double]\n", obj.HiddenSize);
      printf ("    DecoderTransferFunction: '%s'\n", obj.DecoderTransferFunction);
      printf ("             DecoderWeights: [%dx%d double]\n", size (obj.DecoderWeights));
      printf ("              DecoderBiases: [%dx1 double]\n", obj.Model.input_size);
      printf ("         TrainingParameters: [1x1 struct]\n");
      printf ("                  ScaleData: %d\n", obj.ScaleData);
    endfunction

    function generateFunction (obj, pathname = "neural_function", varargin)
      ## -*- texinfo -*-
      ## @deftypefn  {} {} generateFunction (@var{autoenc})
      ## @deftypefnx {} {} generateFunction (@var{autoenc}, @var{pathname})
      ## @deftypefnx {} {} generateFunction (@dots{}, "ShowLinks", @var{tf})
      ## Writes a standalone function file, @file{neural_function.m} in the
      ## current folder by default, or @var{pathname} (.m is added), whose
      ## @code{[Y, Z] = name (X)} computes the reconstruction Y and the hidden
      ## representation Z of the samples in the columns of X, with the
      ## weights and the data scaling written into the file at full precision.
      ## It needs nothing from this package.  @qcode{"ShowLinks"} (true)
      ## prints the file's name.
      ## @end deftypefn
      p = inputParser ();
      p.addParameter ("ShowLinks", true);
      opts = __ae_parse__ ("generateFunction", p, varargin);
      if (! ischar (pathname) || isempty (pathname))
        error ("autoencoder:invalidArgument", "generateFunction: PATHNAME must be a file name");
      endif
      [folder, name] = fileparts (pathname);
      if (! isvarname (name))
        error ("autoencoder:invalidArgument",
               "generateFunction: \"%s\" is not a valid function name", name);
      endif
      file = fullfile (folder, [name ".m"]);
      [fid, message] = fopen (file, "w");
      if (fid < 0)
        error ("autoencoder:io", "generateFunction: cannot write %s: %s", file, message);
      endif
      unwind_protect
        write_function (obj, fid, name);
      unwind_protect_cleanup
        fclose (fid);
      end_unwind_protect
      if (opts.ShowLinks)
        printf ("Octave function generated: %s\n", file);
      endif
    endfunction

  endmethods

  methods (Access = private)

    ## Columns back to a cell array of images when trained on images.
    function Y = as_images (obj, Y, shape)
      if (isempty (obj.ImageSize))
        return;
      endif
      if (nargin < 3)
        shape = [1, columns(Y)];
      endif
      Y = reshape (num2cell (reshape (Y, [], columns (Y)), 1), shape);
      Y = cellfun (@(c) reshape (c, obj.ImageSize), Y, "UniformOutput", false);
    endfunction

    function write_function (obj, fid, name)
      fprintf (fid, "function [Y, Z] = %s (X)\n", name);
      fprintf (fid, "  ## [Y, Z] = %s (X): the reconstruction Y and hidden representation Z\n", name);
      fprintf (fid, "  ## of the samples in the columns of X, by an autoencoder (%d -> %d -> %d)\n",
               obj.Model.input_size, obj.HiddenSize, obj.Model.input_size);
      fprintf (fid, "  ## written by generateFunction of the Octave autoencoder package on %s.\n",
               datestr (now ()));
      write_matrix (fid, "W1", obj.EncoderWeights);
      write_matrix (fid, "b1", obj.EncoderBiases);
      write_matrix (fid, "W2", obj.DecoderWeights);
      write_matrix (fid, "b2", obj.DecoderBiases);
      if (! isempty (obj.InputMap))
        write_matrix (fid, "xmin", obj.InputMap.xmin, 17);
        write_matrix (fid, "gain", obj.InputMap.gain, 17);
        fprintf (fid, "  ymin = %.17g;\n", obj.InputMap.ymin);
        fprintf (fid, "  X = (double (X) - xmin) .* gain + ymin;\n");
      endif
      fprintf (fid, "  Z = %s;\n", transfer_code (obj.EncoderTransferFunction, "W1 * X + b1"));
      fprintf (fid, "  Y = %s;\n", transfer_code (obj.DecoderTransferFunction, "W2 * Z + b2"));
      if (! isempty (obj.InputMap))
        fprintf (fid, "  Y = (Y - ymin) ./ gain + xmin;\n");
      endif
      fprintf (fid, "endfunction\n");
    endfunction

  endmethods

endclassdef

## Single-precision weights need 9 digits, the double scaling 17.
function write_matrix (fid, name, M, digits = 9)
  fprintf (fid, "  %s = [", name);
  format = sprintf ("%%.%dg ", digits);
  for r = 1:rows (M)
    fprintf (fid, format, M(r, :));
    if (r < rows (M))
      fprintf (fid, ";...\n    ");
    endif
  endfor
  fprintf (fid, "];\n");
endfunction

function code = transfer_code (f, x)
  switch (f)
    case "logsig"
      code = sprintf ("1 ./ (1 + exp (-(%s)))", x);
    case "satlin"
      code = sprintf ("min (max (%s, 0), 1)", x);
    otherwise
      code = x;
  endswitch
endfunction

%!shared a, X
%! rand ("seed", 11);
%! t = rand (2, 200);
%! X = [t; t(1,:) .* t(2,:); 1 - t(1,:)];
%! a = trainAutoencoder (X, 2, "MaxEpochs", 30, "ShowProgressWindow", false);

%!test
%! assert (a.HiddenSize, 2);
%! assert (a.EncoderTransferFunction, "logsig");
%! assert (a.DecoderTransferFunction, "logsig");
%! assert (a.ScaleData, true);
%! assert (size (a.EncoderBiases), [2 1]);
%! assert (size (a.DecoderBiases), [4 1]);
%! assert (class (a.EncoderWeights), "double");
%! ## encode is the logsig of the scaled data's affine map
%! Xs = (X - min (X, [], 2)) ./ (max (X, [], 2) - min (X, [], 2));
%! assert (encode (a, X), 1 ./ (1 + exp (-(a.EncoderWeights * Xs + a.EncoderBiases))), 1e-5);
%! ## and decode then maps back onto the data's range
%! Y = 1 ./ (1 + exp (-(a.DecoderWeights * encode (a, X) + a.DecoderBiases)));
%! Y = Y .* (max (X, [], 2) - min (X, [], 2)) + min (X, [], 2);
%! assert (predict (a, X), Y, 1e-5);
%! assert (decode (a, encode (a, X)), Y, 1e-5);

%!test
%! text = evalc ("view (a)");
%! assert (! isempty (strfind (text, "encoder        4 -> 2     logsig          10 parameters")));
%! assert (! isempty (strfind (text, "trained    30 epochs of trainscg")));
%! text = evalc ("disp (a)");
%! assert (! isempty (strfind (text, "EncoderWeights: [2x4 double]")));

%!error <has private access|cannot be set|read-only> a.HiddenSize = 3;
%!error <has private access|cannot be set|read-only> a.EncoderTransferFunction = "satlin";
%!error <Invalid call> encode (a)
%!error <made by trainAutoencoder> Autoencoder (1, 2)
