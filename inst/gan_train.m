## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} gan_train (@var{X})
## @deftypefnx {} {@var{model} =} gan_train (@var{X}, @var{name}, @var{value}, @dots{})
## Train a generative adversarial network (Goodfellow et al. 2014) as DCGAN
## does (Radford et al. 2016, and pytorch/examples' dcgan): a generator maps
## codes z ~ N(0, I) to images, a discriminator maps an image to the logit of
## its being real.  Each step takes one Adam step on the discriminator
## (real images towards 1, generated ones towards 0) and one on the
## generator through the updated discriminator (its images towards 1, the
## non-saturating loss).  @code{gan_sample} draws images from the model.
##
## @var{X} holds H-by-W-by-N or H-by-W-by-C-by-N images (or N-by-D rows), or
## is an @code{imageDatastore} of PNG and JPEG files, read a mini-batch at a
## time at the size of the Discriminator's @code{imageInputLayer} (without
## one, the files' own size, which they must share), or an
## @code{augmentedImageDatastore}, read at its @code{OutputSize}.
##
## Options (DCGAN's defaults):
## @table @asis
## @item "Generator", "Discriminator"
## Layer arrays (@code{transposedConv2dLayer}, @code{batchNormalizationLayer},
## @code{convolution2dLayer}, @code{leakyReluLayer}, @dots{}).  The generator
## starts from a 1-by-1-by-LatentDim code and must give images of the size
## of X; the discriminator must end with one value, the logit.  The
## defaults, for images whose height and width divide by 4: generator
## projectAndReshape to H/4-by-W/4-by-128, batch normalization, ReLU, a
## transposed convolution 4x4 stride 2 to 64 channels, batch normalization,
## ReLU, a transposed convolution 4x4 stride 2 to C channels, then a sigmoid
## for data in [0, 1] (tanh for data in [-1, 1]); discriminator a
## convolution 4x4 stride 2 to 64 channels, leaky ReLU 0.2, a convolution
## 4x4 stride 2 to 128 channels, batch normalization, leaky ReLU 0.2 and a
## fully connected layer to one logit.
## @item "LatentDim"
## Code size (100).
## @item "Epochs", "BatchSize"
## 10 and 128.
## @item "LearnRate", "Beta1", "Beta2"
## Adam's, for both networks (2e-4, 0.5, 0.999);
## "GeneratorLearnRate" and "DiscriminatorLearnRate" set them apart.
## @item "Seed"
## Initial weights (N(0, 0.02); batch normalization's scale N(1, 0.02)),
## shuffling and codes (42): the same seed and thread count give the same
## model.
## @item "Threads", "Verbose", "Plots"
## As in @code{vae_train}; the training-progress figure shows the two losses
## and the discriminator's mean outputs on real and generated images.
## @item "CheckpointFile", "CheckpointEvery", "Resume"
## As in @code{vae_train}: checkpoints written atomically every so many
## epochs and when training ends; a model or checkpoint to go on from,
## bit for bit.
## @end table
##
## Ctrl-C stops training and returns the model trained so far.
##
## @var{model} has the fields @code{kind} ("gan"), @code{input_size},
## @code{latent_dim}, @code{generator}, @code{discriminator}, @code{options},
## @code{train_state} and @code{history} (per epoch: @code{gen_loss}, the
## generator's loss; @code{disc_loss}, the discriminator's on real plus
## generated images; @code{d_real} and @code{d_fake}, its mean outputs as
## probabilities; @code{seconds}).
##
## @example
## @group
## X = ae_dataset ("fashion-mnist");
## model = gan_train (X, "Epochs", 5);
## imshow (gan_sample (model, 1, "Seed", 3))
## @end group
## @end example
## @seealso{gan_sample, vae_train, batchNormalizationLayer, transposedConv2dLayer}
## @end deftypefn

function model = gan_train (X, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  model = __ae_gan_fit__ ("gan_train", "gan", X, varargin);
endfunction


%!test
%! ## a small DCGAN on 8x8 blobs: both losses are finite, D's outputs are
%! ## probabilities, and the same seed gives the same model
%! rand ("seed", 3);
%! [i, j] = ndgrid (1:8, 1:8);
%! c = 2 + 4 * rand (2, 40);
%! X = reshape (exp (-((i(:) - c(1, :)) .^ 2 + (j(:) - c(2, :)) .^ 2) / 4), 8, 8, 1, 40);
%! args = {"LatentDim", 8, "Epochs", 3, "BatchSize", 16, "Verbose", false, "Seed", 5};
%! m = gan_train (X, args{:});
%! assert (m.kind, "gan");
%! assert (numel (m.history.gen_loss), 3);
%! assert (all (isfinite ([m.history.gen_loss; m.history.disc_loss])));
%! assert (all (m.history.d_real > 0 & m.history.d_real < 1));
%! again = gan_train (X, args{:});
%! assert (again.generator(1).W, m.generator(1).W);
%! assert (again.discriminator(end).W, m.discriminator(end).W);
%! ## the default generator ends as the data's range asks: sigmoid for [0, 1]
%! ## (uint8 too), tanh for [-1, 1], refused beyond; converted data are
%! ## released after the call
%! n_kept = __autoencoder__ ("kept");
%! short = {"LatentDim", 4, "Epochs", 1, "BatchSize", 16, "Verbose", false};
%! assert (m.generator(end).type, "sigmoid");
%! assert (gan_train (uint8 (255 * X), short{:}).generator(end).type, "sigmoid");
%! assert (gan_train (2 * X - 1, short{:}).generator(end).type, "tanh");
%! fail ("gan_train (3 * X, short{:})", "the data span");
%! assert (__autoencoder__ ("kept"), n_kept);
%! ## the training-progress figure: the two losses, D's two outputs
%! warning ("off", "Octave:gnuplot-graphics", "local");
%! before = findall (0, "type", "figure");
%! unwind_protect
%!   plotted = gan_train (X, args{:}, "Plots", "training-progress");
%!   fig = setdiff (findall (0, "type", "figure"), before);
%!   assert (get (fig, "name"), "gan_train: training progress");
%!   data = get (findall (fig, "type", "line"), "ydata");
%!   for name = {"gen_loss", "disc_loss", "d_real", "d_fake"}
%!     assert (any (cellfun (@(d) isequal (d(:), plotted.history.(name{1})), data)));
%!   endfor
%! unwind_protect_cleanup
%!   close (setdiff (findall (0, "type", "figure"), before));
%! end_unwind_protect

%!error <divide by 4> gan_train (rand (6, 6, 1, 10), "Epochs", 0, "Verbose", false)
%!error id=autoencoder:outOfMemory
%! gan_train (rand (28, 28, 1, 4), "LatentDim", 2^20, "Epochs", 0, "Verbose", false)
%!error id=autoencoder:outOfMemory
%! ## 784 x 2^24 weights: 53 GB, refused when Octave cannot make them
%! gan_train (rand (28, 28, 1, 4), "Discriminator", [flattenLayer, fullyConnectedLayer(2^24)],
%!            "Epochs", 0, "Verbose", false)
%!error <LatentDim must be in> gan_train (rand (8, 8, 1, 10), "LatentDim", 0)
%!error <the discriminator must end with one value>
%! gan_train (rand (8, 8, 1, 10), "Discriminator", [flattenLayer, fullyConnectedLayer(2)],
%!            "Epochs", 0, "Verbose", false)
%!error <the generator gives 4x4x1 images, the data are 8x8x1>
%! gan_train (rand (8, 8, 1, 10), "Generator", projectAndReshapeLayer ([4 4 1]), "Epochs", 0,
%!            "Verbose", false)
