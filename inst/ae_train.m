## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} ae_train (@var{X})
## @deftypefnx {} {@var{model} =} ae_train (@var{X}, @var{name}, @var{value}, @dots{})
## Train an undercomplete autoencoder on the data @var{X}.
##
## @var{X} is N-by-D (rows are observations), or H-by-W-by-N or
## H-by-W-by-C-by-N images; uint8 is scaled to [0, 1]; or an
## @code{imageDatastore} or @code{augmentedImageDatastore}, read a mini-batch
## at a time (see @code{vae_train}).
## The encoder is a stack
## of dense layers of widths @qcode{"HiddenSizes"} with the hidden activation,
## ending in a linear code of @qcode{"LatentDim"} values; the decoder mirrors it.
## @qcode{"Encoder"} and @qcode{"Decoder"} take layer arrays instead, for
## convolutional autoencoders (see @code{vae_train}); the package adds the
## dense layer to the code.  An @qcode{"Encoder"} that ends with a
## @code{vectorQuantizationLayer} makes a VQ-VAE instead: its code is the
## quantized grid (@code{latent_dim} is its number of values, and no code
## layer is added), a @qcode{"Decoder"} must be given, and the history
## gains the @code{quantization} term (in @code{loss}), its
## @code{val_quantization}, the codes' @code{perplexity} and
## @code{codes_used}.
## Training minimises the reconstruction loss averaged over the D values of a
## sample (so @qcode{"mse"} is the mean squared error) and over the samples.
##
## Options are those of @code{vae_train} without the VAE's @qcode{"Beta"} and
## @qcode{"KLWarmupEpochs"}, with these defaults: @qcode{"LatentDim"} 32 (or
## half the sample's width when that is smaller),
## @qcode{"HiddenSizes"} 256, @qcode{"Loss"} @qcode{"mse"}, @qcode{"Epochs"} 20,
## @qcode{"OutputActivation"} @qcode{"sigmoid"} for data in [0, 1] and
## @qcode{"identity"} otherwise.  With identity activations, no hidden layers
## and the MSE loss the autoencoder learns the PCA subspace.
##
## Regularizers (all off by default), which combine with each other and with
## any depth; their weights are relative to the reconstruction error summed
## over a sample's values, as MATLAB's @code{trainAutoencoder} weighs them:
## @table @asis
## @item @qcode{"CodeActivation"} (@qcode{"identity"})
## The code's activation; @qcode{"sigmoid"} for sparse codes in (0, 1).
## @item @qcode{"SparsityTarget"} (0.05), @qcode{"SparsityWeight"} (0)
## The KL sparsity penalty beta * sum_j KL(rho || rho_hat_j), rho_hat_j the
## mean activation of code unit j over the mini-batch (needs a sigmoid code).
## @item @qcode{"L1Weight"} (0)
## The L1 activity penalty alpha * mean over samples of sum_j |z_j|.
## @item @qcode{"WeightDecay"} (0)
## L2 decay lambda/2 * sum w^2 over every layer's weights, dense and convolution
## filters alike (not the biases).
## @item @qcode{"ContractiveWeight"} (0)
## A contractive autoencoder: lambda * ||J_f(x)||_F^2, the squared Frobenius
## norm of the encoder's Jacobian, averaged over the samples.  It is exact for
## any depth: per sample the Jacobian is carried through the encoder (a dense
## layer multiplies it by W', an activation scales its rows by f'), and the
## penalty is back-propagated through that chain, using f''.  That costs about
## D times a forward pass of the encoder per sample (D the input width) and
## D times the encoder's widths in memory: for 784 inputs, a 784-256-32
## encoder trains about 30 times slower than without the penalty.
## @item @qcode{"Noise"} (@qcode{"none"}), @qcode{"NoiseLevel"} (0.1)
## A denoising autoencoder: the inputs are corrupted while training (never
## when encoding) and the clean data are the target.  @qcode{"gaussian"} adds
## NoiseLevel * N(0, 1); @qcode{"masking"} zeroes each value with probability
## NoiseLevel; @qcode{"saltpepper"} sets each value with probability
## NoiseLevel to 0 or 1.  The noise is redrawn every mini-batch from the run's
## seeded generator.
## @end table
##
## @qcode{"Targets"}, @var{T} (default: @var{X} itself) trains the network to
## map each sample of @var{X} to the sample of @var{T} in the same place:
## the general form of denoising (noisy inputs, clean targets) and of
## super-resolution (low-resolution inputs, high-resolution targets).  @var{T}
## has as many samples as @var{X}, in the same formats, and samples of any
## size: the dense decoder ends in as many values, and a @qcode{"Decoder"}
## layer array must give that size (a mirrored encoder gives the inputs'
## size).  The targets' range chooses the default output activation and
## allows the @qcode{"bce"} loss.  @qcode{"ValidationData"} is then a cell
## @code{@{Xval, Tval@}}.  The model records the targets' sample size as
## @code{output_size}; @code{ae_reconstruct} and @code{ae_decode} return
## samples of that size, and @code{ae_loss (model, X, T)} measures against
## targets.  Input noise, when asked, corrupts the inputs as usual.
##
## @strong{Sequences.}  @var{X} may be a cell array of C-by-T matrices (T
## may differ between them) or, with an @qcode{"Encoder"} that starts with
## @code{sequenceInputLayer}, a C-by-N-by-T array.  Each mini-batch is padded
## to its longest sequence and masked: the padding never enters the loss, a
## gradient or an output, and a sequence's loss is the mean over its own
## steps.  Without an @qcode{"Encoder"} the model is the LSTM autoencoder:
## LSTM layers of the @qcode{"HiddenSizes"} (the last one giving its last
## step), the dense layer to the code, and a decoder that repeats the code
## over the steps (@code{repeatVectorLayer}) into the same LSTM layers in
## reverse order and a fully connected layer per step.  A given
## @qcode{"Encoder"} without @qcode{"Decoder"} is mirrored the same way.
## @code{ae_reconstruct}, @code{ae_encode}, @code{ae_loss} and
## @code{ae_anomaly_score} take sequences in the same forms (a sequence's
## score is its mean error per value); @code{ae_decode (model, Z, "Steps", T)}
## unrolls codes into sequences of T steps.  Targets, the contractive
## penalty and Labels are not taken with sequences.
##
## The model struct is that of @code{vae_train} with @code{kind} "ae"; its
## history's @code{kl} column is zero and its @code{penalty} column holds the
## regularizers' terms, included in @code{loss}.
##
## @example
## X = ae_dataset ("mnist");
## model = ae_train (X, "LatentDim", 32, "Epochs", 10);
## Xhat = ae_reconstruct (model, X);
## @end example
##
## @seealso{convolution2dLayer, vectorQuantizationLayer, ae_summary, ae_encode, ae_decode, ae_reconstruct, ae_loss, vae_train}
## @end deftypefn

function model = ae_train (X, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  model = __ae_fit__ ("ae_train", "ae", X, varargin);
endfunction

%!test
%! ## data on a 2-D plane in R^10: a linear autoencoder with a 2-value code
%! ## reconstructs them almost exactly
%! randn ("seed", 8);
%! X = randn (400, 2) * randn (2, 10);
%! model = ae_train (X, "LatentDim", 2, "HiddenSizes", [], "Activation", "identity",
%!                   "Epochs", 60, "BatchSize", 20, "LearnRate", 1e-2, "Verbose", false);
%! assert (model.kind, "ae");
%! assert ({model.encoder.type}, {"dense"});
%! assert ({model.decoder.type}, {"dense"});
%! mse = mean ((ae_reconstruct (model, X) - X)(:) .^ 2);
%! assert (mse < 1e-3 * mean (X(:) .^ 2));
%! assert (model.history.loss(end), mse, 1e-3);
%! assert (all (model.history.kl == 0));

%!test
%! ## a nonlinear autoencoder on [0, 1] data gets a sigmoid output by default
%! rand ("seed", 9);
%! X = rand (100, 12);
%! model = ae_train (X, "LatentDim", 3, "HiddenSizes", [8 6], "Epochs", 3, "Verbose", false);
%! assert ({model.encoder.type}, {"dense", "relu", "dense", "relu", "dense"});
%! assert ({model.decoder.type}, {"dense", "relu", "dense", "relu", "dense", "sigmoid"});
%! assert (model.history.loss(end) < model.history.loss(1));

%!test
%! ## leaky relu keeps its scale; the l1 loss trains
%! rand ("seed", 10);
%! m = ae_train (rand (50, 6), "LatentDim", 2, "HiddenSizes", 4, "Activation", "leakyrelu",
%!               "LeakyReluScale", 0.2, "Loss", "l1", "Epochs", 2, "Verbose", false);
%! assert (m.encoder(2).scale, 0.2);

%!test
%! ## the L1 penalty shrinks the codes; weight decay shrinks the weights
%! rand ("seed", 15);
%! X = rand (200, 10);
%! opts = {"LatentDim", 4, "HiddenSizes", 8, "Epochs", 20, "Verbose", false};
%! plain = ae_train (X, opts{:});
%! l1 = ae_train (X, opts{:}, "L1Weight", 1);
%! decayed = ae_train (X, opts{:}, "WeightDecay", 1);
%! ## measured: mean |code| 0.0496 against 0.0978 without the penalty
%! assert (mean (abs (ae_encode (l1, X)(:))) < 0.6 * mean (abs (ae_encode (plain, X)(:))));
%! assert (norm (decayed.encoder(1).W, "fro") < norm (plain.encoder(1).W, "fro"));
%! assert (all (decayed.history.penalty > 0) && all (plain.history.penalty == 0));
%! ## every noise kind trains; encoding is never noisy
%! for noise = {"gaussian", "masking", "saltpepper"}
%!   m = ae_train (X, opts{:}, "Noise", noise{1}, "NoiseLevel", 0.2);
%!   assert (ae_encode (m, X), ae_encode (m, X));
%! endfor

%!test
%! ## targets of another size: 4x4 images to their 8x8 originals (the
%! ## super-resolution form), dense layers learning the upsampling
%! rand ("seed", 11);
%! [c, r] = meshgrid (1:8);
%! big = zeros (8, 8, 300);
%! for k = 1:300
%!   big(:, :, k) = exp (-((r - 2 - 4 * rand ()) .^ 2 + (c - 2 - 4 * rand ()) .^ 2) / 4);
%! endfor
%! small = (big(1:2:end, 1:2:end, :) + big(2:2:end, 1:2:end, :)
%!          + big(1:2:end, 2:2:end, :) + big(2:2:end, 2:2:end, :)) / 4;
%! m = ae_train (small(:, :, 1:250), "Targets", big(:, :, 1:250), "LatentDim", 6,
%!               "HiddenSizes", 32, "Epochs", 150, "BatchSize", 25, "LearnRate", 5e-3,
%!               "Verbose", false, "ValidationData", {small(:, :, 251:end), big(:, :, 251:end)});
%! assert (m.input_size, [4 4]);
%! assert (m.output_size, [8 8]);
%! up = ae_reconstruct (m, small(:, :, 251:end));
%! assert (size (up), [8 8 50]);
%! ## far better than repeating each pixel, on samples it has not seen
%! nearest = repelem (small(:, :, 251:end), 2, 2, 1);
%! err = mean ((up - big(:, :, 251:end))(:) .^ 2);
%! assert (err < 0.25 * mean ((nearest - big(:, :, 251:end))(:) .^ 2));
%! assert (m.history.val_loss(end) < 0.1 * m.history.val_loss(1));
%! assert (ae_loss (m, small(:, :, 251:end), big(:, :, 251:end)), err, 1e-5);
%! ## N-by-D rows work alike and come back as rows; the decoder gives T's size
%! assert (size (ae_reconstruct (m, reshape (small(:, :, 1:3), 16, []).')), [3 64]);
%! assert (size (ae_decode (m, zeros (2, 6))), [8 8 2]);
%! ## resuming needs the targets again, of the same size
%! fail ("ae_train (small, \"Resume\", m, \"Epochs\", 151)", "trained on Targets; resume it with them");
%! again = ae_train (small(:, :, 1:250), "Resume", m, "Epochs", 151, "Verbose", false,
%!                   "Targets", big(:, :, 1:250));
%! assert (numel (again.history.epoch), 151);
%! fail ("ae_train (small, \"Resume\", m, \"Epochs\", 151, \"Targets\", big(1:6, 1:6, :))",
%!       "Targets have samples of size \\[6 6\\], the model gives \\[8 8\\]");

%!test
%! ## targets the size of the inputs: a denoiser from given clean data equals
%! ## the "Noise" denoiser when the targets are the clean inputs
%! rand ("seed", 12);
%! X = rand (60, 6);
%! opts = {"LatentDim", 3, "HiddenSizes", 8, "Epochs", 3, "Verbose", false, "Noise", "gaussian"};
%! a = ae_train (X, opts{:});
%! b = ae_train (X, opts{:}, "Targets", X);
%! assert (b.decoder(end-1).W, a.decoder(end-1).W);
%! assert (b.output_size, 6);

%!test
%! ## uint8 targets are scaled as uint8 data are: in [0, 1], so "bce" takes them
%! m = ae_train (rand (10, 4), "Targets", uint8 (255 * rand (10, 6)), "Loss", "bce",
%!               "Epochs", 1, "Verbose", false);
%! assert (m.output_size, 6);
%! assert (! isfield (m.options, "TargetColumns"));
%!error <X has 10 samples, Targets 9> ae_train (rand (10, 4), "Targets", rand (9, 4))
%!error <ValidationData must be a cell> ae_train (rand (10, 4), "Targets", rand (10, 5), "ValidationData", rand (3, 4))
%!error <ValidationData\{2\} has 3 values per sample \(columns\), the model expects 5>
%! ae_train (rand (10, 4), "Targets", rand (10, 5), "ValidationData", {rand(2, 4), rand(2, 3)})
%!error <the "bce" loss needs data in \[0, 1\]> ae_train (rand (10, 4), "Targets", 2 + rand (10, 4), "Loss", "bce")
%!error <the decoder gives 4x4x1 outputs, the targets are 8x8x1 \(a mirrored encoder gives the inputs' size: give a "Decoder"\)>
%! ae_train (rand (4, 4, 1, 10), "Targets", rand (8, 8, 1, 10), "Encoder", [convolution2dLayer(3, 2, "Padding", "same"), reluLayer],
%!           "Epochs", 0, "Verbose", false)
%!test
%! ## sequences of different lengths: the LSTM autoencoder learns them, and
%! ## the padding of its mini-batches changes nothing
%! X = cell (1, 48);
%! for k = 1:48
%!   t = 0:(3 + mod (k, 6));
%!   X{k} = 0.5 + 0.4 * [sin(0.6 * t + k); cos(0.4 * t + 2 * k)];
%! endfor
%! m = ae_train (X, "HiddenSizes", 12, "LatentDim", 3, "Epochs", 30, "BatchSize", 8,
%!               "LearnRate", 1e-2, "Verbose", false, "ValidationData", X(1:8));
%! assert ({m.encoder.type, m.decoder.type},
%!         {"lstm", "dense", "repeat", "lstm", "dense", "sigmoid"});
%! assert (m.sequence && m.input_size == 2);
%! ## measured: loss 0.0739 after the first epoch, 0.0158 after the 30th
%! assert (m.history.loss(end) < 0.4 * m.history.loss(1));
%! R = ae_reconstruct (m, X);
%! assert (size (R), size (X));
%! assert (cellfun (@columns, R), cellfun (@columns, X));
%! own = cellfun (@(r, x) meansq (r(:) - x(:)), R, X);
%! assert (ae_loss (m, X), mean (own), 1e-6);
%! assert (ae_anomaly_score (m, X), own(:), 1e-6);
%! assert (ae_reconstruct (m, X(5)){1}, R{5}, 1e-6);   # alone: no padding at all
%! Z = ae_encode (m, X);
%! assert (size (Z), [48 3]);
%! D = ae_decode (m, Z(5, :), "Steps", columns (X{5}));
%! assert (D{1}, R{5}, 1e-6);
%! ## a C-by-N-by-T array, with the Encoder's sequence input
%! A = rand (2, 10, 6);
%! g = ae_train (A, "Encoder", [sequenceInputLayer(2), gruLayer(4, "OutputMode", "last")],
%!               "LatentDim", 2, "Epochs", 1, "Verbose", false);
%! assert ({g.decoder.type}, {"repeat", "gru", "dense", "sigmoid"});
%! assert (size (ae_reconstruct (g, A)), [2 10 6]);
%!error <X\{2\} has 3 features a step \(rows\), the first has 2> ae_train ({rand(2, 4), rand(3, 4)})
%!error <X\{2\} has no steps> ae_train ({rand(2, 4), zeros(2, 0)})
%!error <X\{1\} contains NaN> ae_train ({[1 NaN; 2 3]})
%!error <an LSTM layer reads a sequence> ae_train (rand (10, 4), "Encoder", lstmLayer (3))
%!error <X\{1\} has 2 features a step \(rows\), the model expects 4>
%! ae_train ({rand(2, 4)}, "Encoder", [sequenceInputLayer(4), lstmLayer(3, "OutputMode", "last")])
%!error <Targets are not supported for sequences> ae_train ({rand(2, 4)}, "Targets", {rand(2, 4)})
%!error <needs about .* GB of memory>
%! ae_train ({rand(3, 1e7)}, "HiddenSizes", 512, "Epochs", 1, "Verbose", false)
%!error <give their "Steps">
%! ae_decode (ae_train ({rand(2, 3)}, "HiddenSizes", 2, "LatentDim", 1, "Epochs", 0, "Verbose", false), 0)
%!error <Invalid call> ae_train ()
%!error <unknown option "Beta"> ae_train (rand (10, 4), "Beta", 1)
%!error <LatentDim must be in \[1, 4\]> ae_train (rand (10, 4), "LatentDim", 5)
%!test
%! ## the default code fits small data
%! m = ae_train (rand (10, 4), "Epochs", 0, "Verbose", false);
%! assert (m.latent_dim, 2);

%!error <Activation must be one of> ae_train (rand (10, 4), "Activation", "gelu")
%!error <Threads must be in> ae_train (rand (10, 4), "Threads", 0)
%!warning id=autoencoder:threadsCapped ae_train (rand (10, 4), "Threads", 1000, "Epochs", 1, "Verbose", false);
%!error <Epochs must be in> ae_train (rand (10, 4), "Epochs", Inf)
%!test
%! ## Inf epochs with early stopping: training ends when validation stops improving
%! rand ("seed", 5);
%! m = ae_train (rand (40, 4), "Epochs", Inf, "ValidationData", rand (10, 4),
%!               "ValidationPatience", 2, "LearnRate", 0.5, "Verbose", false);
%! assert (isfinite (numel (m.history.epoch)) && numel (m.history.epoch) >= 3);
%!error <Seed must be in \[0, 9007199254740992\], got -1> ae_train (rand (10, 4), "Seed", -1)
%!error <must be numeric> ae_train ("abc")
%!error <not 5-D> ae_train (rand (2, 2, 2, 2, 2))
%!error <needs codes in \(0, 1\)> ae_train (rand (10, 4), "SparsityWeight", 1)
%!error <SparsityTarget must be in \(0, 1\)> ae_train (rand (10, 4), "SparsityTarget", 1)
%!error <Noise must be one of> ae_train (rand (10, 4), "Noise", "pink")
%!error <at most 1> ae_train (rand (10, 4), "Noise", "masking", "NoiseLevel", 2)
%!error <WeightDecay must be .= 0> ae_train (rand (10, 4), "WeightDecay", -1)
%!error <L1Weight must be .= 0> ae_train (rand (10, 4), "L1Weight", -1)
%!error <ContractiveWeight must be .= 0> ae_train (rand (10, 4), "ContractiveWeight", -1)

%!test
%! ## a VQ-VAE: 4x4 codes of 3 channels from 8x8 images of four bar patterns
%! ## (each image's bars at another offset): they take few codes, the
%! ## reconstruction falls and the loss adds the quantization term
%! P = zeros (8, 8, 1, 4);
%! P(1:2:end, :, 1, 1) = 1; P(:, 1:2:end, 1, 2) = 1; P(2:2:end, :, 1, 3) = 1; P(:, 2:2:end, 1, 4) = 1;
%! X = single (P(:, :, :, repmat (1:4, 1, 40)));
%! enc = [convolution2dLayer(3, 16, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        convolution2dLayer(1, 3), vectorQuantizationLayer(32)];
%! dec = [transposedConv2dLayer(4, 16, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!        transposedConv2dLayer(3, 1, "Cropping", "same")];
%! m = ae_train (X, "Encoder", enc, "Decoder", dec, "Epochs", 40, "BatchSize", 16,
%!               "LearnRate", 3e-3, "Seed", 2, "Verbose", false);
%! h = m.history;
%! assert ({m.encoder.type}, {"conv", "relu", "conv", "vq"});
%! assert (m.latent_dim, 48);
%! assert (h.loss, h.reconstruction + h.quantization, 1e-9);
%! assert (all (h.quantization > 0) && all (h.codes_used <= 32));
%! assert (all (h.perplexity >= 1 & h.perplexity <= h.codes_used));
%! assert (h.reconstruction(end) < 0.02 && h.reconstruction(end) < 0.1 * h.reconstruction(1));
%! ## the code is the quantized grid: each position's 3 values a codebook column
%! Z = ae_encode (m, X(:, :, :, 1:4));
%! assert (size (Z), [4 48]);
%! codes = reshape (Z.', 16, 3, 4);   # [y x][c] of each sample, the core's layout
%! W = double (m.encoder(4).W);
%! for s = 1:4
%!   d = min (sum ((permute (codes(:, :, s), [1 3 2]) - permute (W, [3 2 1])) .^ 2, 3), [], 2);
%!   assert (max (d) < 1e-10);
%! endfor
%! assert (ae_decode (m, Z), ae_reconstruct (m, X(:, :, :, 1:4)), 1e-6);
%!test
%! ## moving averages: the codebook is in W, the counts and sums in buffers
%! X = single (rand (8, 8, 1, 32) > 0.5);
%! enc = [convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), vectorQuantizationLayer(8, "CodebookUpdate", "ema")];
%! m = ae_train (X, "Encoder", enc, "Decoder", transposedConv2dLayer(4, 1, "Stride", 2, "Cropping", "same"),
%!               "Epochs", 2, "Verbose", false);
%! assert ([size(m.encoder(2).W), size(m.encoder(2).counts), size(m.encoder(2).sums)], [4 8 8 1 32 1]);
%! assert (sum (m.encoder(2).counts) > 0);
%!error <needs a "Decoder" from its 4x4x4 code grid>
%! ae_train (rand (8, 8, 1, 10), "Encoder", [convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), vectorQuantizationLayer(8)]);
%!error <a model has one vector quantization layer, at the end of its Encoder>
%! ae_train (rand (8, 8, 1, 10), "Encoder", [vectorQuantizationLayer(4), convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), vectorQuantizationLayer(4)],
%!           "Decoder", transposedConv2dLayer(4, 1, "Stride", 2, "Cropping", "same"));
%!error <a vector quantization layer ends the encoder of a VQ-VAE, which ae_train makes>
%! vae_train (rand (8, 8, 1, 10), "Encoder", [convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), vectorQuantizationLayer(8)],
%!            "Decoder", transposedConv2dLayer(4, 1, "Stride", 2, "Cropping", "same"));
