## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} vectorQuantizationLayer (@var{numEmbeddings})
## @deftypefnx {} {@var{layer} =} vectorQuantizationLayer (@dots{}, @var{name}, @var{value}, @dots{})
## The vector quantization of a VQ-VAE (van den Oord et al. 2017): the C
## channels at each position of its input become the nearest of
## @var{numEmbeddings} codes of C values (its codebook), and the gradient
## passes the quantization straight through to the encoder.  Ended with
## this layer, the @qcode{"Encoder"} of @code{ae_train} makes a VQ-VAE: the
## code is the quantized grid (no code layer is added, so
## @qcode{"LatentDim"} is not used), and a @qcode{"Decoder"} maps that grid
## back.
##
## Training adds to the reconstruction error, for each sample, the codebook
## loss sum |sg(z) - e|^2 and the commitment @var{beta} sum |z - sg(e)|^2
## over its positions (z the encoder's vectors, e their codes, sg a stopped
## gradient), weighed as the reconstruction error summed over a sample's
## values (divided by its values with the mean reduction).  The history
## gets each epoch's @code{quantization} term, its @code{val_quantization},
## the @code{perplexity} of the codes the epoch's vectors were given
## (exp of their entropy: the number of codes in effective use) and
## @code{codes_used}; @code{ae_loss} gives the reconstruction error alone.
## @code{vq_prior_train} fits a prior over the codes and @code{vq_sample}
## draws new images from it.
##
## Options:
## @table @asis
## @item @qcode{"CommitmentWeight"}
## @var{beta}, 0.25 (the paper's).
## @item @qcode{"CodebookUpdate"}
## @qcode{"loss"} (the default): the codebook is trained by its loss;
## @qcode{"ema"}: it moves to the moving averages of the vectors each code
## was given (the paper's appendix, Sonnet's @code{VectorQuantizerEMA}),
## and the codebook loss leaves the objective.
## @item @qcode{"Decay"}
## The moving averages' decay, 0.99; it also smooths each code's count.
## @item @qcode{"RestartThreshold"}
## A code whose moving count of vectors per batch falls below this starts
## again at a vector of the batch (Dhariwal et al. 2020); 0, the default,
## never.
## @item @qcode{"Epsilon"}
## The moving averages' Laplace smoothing of the counts, 1e-5.
## @item @qcode{"Name"}
## The layer's name.
## @end table
##
## The codebook W is C-by-@var{numEmbeddings}, a code a column, initialised
## uniform in +-1/@var{numEmbeddings}; the layer keeps the codes' moving
## @code{counts} and, with @qcode{"ema"}, their @code{sums}.
##
## @example
## enc = [convolution2dLayer(4, 32, "Stride", 2, "Padding", "same"), reluLayer, ...
##        convolution2dLayer(4, 16, "Stride", 2, "Padding", "same"), ...
##        vectorQuantizationLayer(64)];
## dec = [transposedConv2dLayer(4, 32, "Stride", 2, "Cropping", "same"), reluLayer, ...
##        transposedConv2dLayer(4, 1, "Stride", 2, "Cropping", "same")];
## vq = ae_train (X, "Encoder", enc, "Decoder", dec, "Epochs", 10);
## @end example
## @seealso{ae_layers, ae_train, vq_prior_train, vq_sample}
## @end deftypefn

function layer = vectorQuantizationLayer (numEmbeddings, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("vectorQuantizationLayer", "vectorQuantization", varargin,
                           {"NumEmbeddings", numEmbeddings});
endfunction

%!test
%! l = vectorQuantizationLayer (64, "CodebookUpdate", "ema", "Name", "vq");
%! assert ({l.Type, l.NumEmbeddings, l.CodebookUpdate, l.Name},
%!         {"vectorQuantization", 64, "ema", "vq"});
%! assert ([l.CommitmentWeight, l.Decay, l.RestartThreshold, l.Epsilon],
%!         single ([0.25, 0.99, 0, 1e-5]), 1e-7);
%!error <CodebookUpdate must be one of> vectorQuantizationLayer (8, "CodebookUpdate", "kmeans")
%!error <numEmbeddings> vectorQuantizationLayer (0)
%!error <Decay> vectorQuantizationLayer (8, "Decay", 1)
%!error <Invalid call> vectorQuantizationLayer ()
