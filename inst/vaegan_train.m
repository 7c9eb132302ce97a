## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} vaegan_train (@var{X})
## @deftypefnx {} {@var{model} =} vaegan_train (@var{X}, @var{name}, @var{value}, @dots{})
## Train a VAE-GAN (Larsen et al. 2016, "Autoencoding beyond pixels using a
## learned similarity metric"): a VAE whose decoder is also a GAN's
## generator, and whose reconstruction error is measured in the features of
## the GAN's discriminator instead of pixel by pixel.
##
## Each step, on a batch @var{x}, its codes @math{z ~ q(z|x)}, its
## reconstructions @math{x~ = Dec(z)} and samples @math{xp = Dec(zp)} from
## prior codes @math{zp ~ N(0, I)}, with @math{D_l} the output of the
## discriminator's layer @qcode{"FeatureLayer"} (per-sample means):
## @example
## L_prior = KL (q(z|x) || N(0, I))
## L_like  = 1/2 |D_l(x~) - D_l(x)|^2
## D:       BCE (D(x), 1) + BCE (D(x~), 0) + BCE (D(xp), 0)
## encoder: Beta * L_prior + L_like
## decoder: Gamma * L_like + BCE (D(x~), 1) + BCE (D(xp), 1)
## @end example
## each minimized by its network, all from the same passes (the paper's
## simultaneous updates); L_like does not train the discriminator (the
## paper's choice).  Gamma weighs content against style, as in the paper:
## large values give reconstructions closer to the data, small ones sharper,
## more GAN-like samples.
##
## @var{X} holds H-by-W-by-N or H-by-W-by-C-by-N images (or N-by-D rows), or
## is an @code{imageDatastore} of PNG and JPEG files, read a mini-batch at a
## time at the size of the Encoder's @code{imageInputLayer} (without one,
## the files' own size, which they must share), or an
## @code{augmentedImageDatastore}, read at its @code{OutputSize}.
## @code{vae_sample}, @code{vae_encode}, @code{vae_decode} and
## @code{vae_reconstruct} work on the model as on a VAE's.
##
## Options:
## @table @asis
## @item "Encoder", "Decoder", "Discriminator"
## Layer arrays.  The encoder maps an image to features (the package adds
## the dense layer to mean and log-variance and the sampling); the decoder
## maps a 1-by-1-by-LatentDim code to an image of the size of X; the
## discriminator ends with one value, the logit.  The defaults, for images
## whose height and width divide by 4, are @code{gan_train}'s generator and
## discriminator (DCGAN's) and an encoder of two convolutions 4x4 stride 2
## (64 and 128 channels), each followed by batch normalization and ReLU.
## @item "LatentDim"
## Code size (32).
## @item "Gamma" (1), "Beta" (1)
## The weight of L_like in the decoder's loss, and of the KL term in the
## encoder's.  L_like's scale is that of the discriminator's features: with
## the default networks on Fashion-MNIST it is some 500 nats per image
## against a KL of 60 at Beta 1, which leaves the codes far from the prior
## that @code{vae_sample} draws from, and prior samples ghostly.  Beta 10
## brings the KL to about 16 and prior samples that are clothes, with
## blurrier reconstructions (measured over 3 epochs on 20,000 images);
## @code{generation_table_demo} uses it.
## @item "FeatureLayer"
## The layer of the model's @code{discriminator} list (as @code{ae_summary}
## numbers it) whose output is @math{D_l}: by default the one before the
## logit's, which for the default discriminator is its last convolution's
## features after batch normalization and leaky ReLU.
## @item "Epochs", "BatchSize"
## 10 and 64.
## @item "LearnRate", "Beta1", "Beta2"
## Adam's, for the VAE and the discriminator (2e-4, 0.5, 0.999);
## "VAELearnRate" and "DiscriminatorLearnRate" set them apart.  One Adam
## steps the encoder and decoder together: Adam works parameter by
## parameter, so that is two optimizers with the same settings.
## @item "Seed", "Threads", "Verbose", "Plots", "CheckpointFile", "CheckpointEvery", "Resume"
## As in @code{gan_train}: every network starts from N(0, 0.02) weights.
## @end table
##
## Ctrl-C stops training and returns the model trained so far.
##
## @var{model} has the fields @code{kind} ("vaegan"), @code{input_size},
## @code{latent_dim}, @code{encoder}, @code{decoder}, @code{discriminator},
## @code{feature_layer}, @code{options}, @code{train_state} and
## @code{history} (per epoch: @code{gen_loss}, the decoder's GAN loss;
## @code{disc_loss}; @code{d_real} and @code{d_fake}, the discriminator's
## mean outputs on real images and on prior samples; @code{kl};
## @code{feature_loss}, L_like; @code{seconds}).
##
## @example
## @group
## X = ae_dataset ("fashion-mnist");
## model = vaegan_train (X, "Epochs", 5);
## imshow (vae_sample (model, 1, "Seed", 3))
## @end group
## @end example
## @seealso{vae_train, gan_train, vae_sample, vae_reconstruct}
## @end deftypefn

function model = vaegan_train (X, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  last_warning = __ae_warning__ ("scope");   # lastwarn reports the package's warning
  model = __ae_gan_fit__ ("vaegan_train", "vaegan", X, varargin);
endfunction

%!shared X
%! ## 8x8 blobs at random places
%! rand ("seed", 3);
%! [i, j] = ndgrid (1:8, 1:8);
%! c = 2 + 4 * rand (2, 64);
%! X = reshape (exp (-((i(:) - c(1, :)) .^ 2 + (j(:) - c(2, :)) .^ 2) / 4), 8, 8, 1, 64);

%!test
%! args = {"LatentDim", 4, "Epochs", 3, "BatchSize", 16, "Verbose", false, "Seed", 5};
%! m = vaegan_train (X, args{:});
%! assert (m.kind, "vaegan");
%! assert ({m.encoder(end-1:end).type}, {"dense", "gaussian"});
%! assert (m.decoder(end).type, "sigmoid");
%! assert (m.discriminator(end).type, "dense");
%! assert (m.feature_layer, numel (m.discriminator) - 1);
%! assert (numel (m.history.feature_loss), 3);
%! assert (all (isfinite ([m.history.gen_loss; m.history.disc_loss; m.history.kl])));
%! assert (all (m.history.feature_loss > 0));
%! assert (all (m.history.d_real > 0 & m.history.d_real < 1));
%! ## the VAE functions work on it
%! assert (size (vae_sample (m, 5, "Seed", 1)), [8 8 1 5]);
%! [~, mu] = vae_encode (m, X);
%! assert (size (mu), [64 4]);
%! assert (vae_reconstruct (m, X), vae_decode (m, mu), 1e-6);
%! ## same seed, same model
%! again = vaegan_train (X, args{:});
%! assert (isequal (again.encoder, m.encoder) && isequal (again.discriminator, m.discriminator));

%!test
%! ## training lowers the feature-space reconstruction error; resuming
%! ## 2 epochs to 4 gives the 4-epoch model bit for bit
%! args = {"LatentDim", 4, "BatchSize", 16, "Verbose", false, "Gamma", 0.5};
%! four = vaegan_train (X, args{:}, "Epochs", 4);
%! file = [tempname() '.ckpt'];
%! unwind_protect
%!   two = vaegan_train (X, args{:}, "Epochs", 2, "CheckpointFile", file);
%!   again = vaegan_train (X, "Resume", two, "Epochs", 4, "Verbose", false);
%!   assert (isequal (again.decoder, four.decoder) && isequal (again.discriminator, four.discriminator));
%!   assert (again.history.feature_loss, four.history.feature_loss);
%!   from_file = vaegan_train (X, "Resume", file, "Epochs", 4, "Verbose", false);
%!   assert (isequal (from_file.encoder, four.encoder));
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect
%! fail ('vaegan_train (X, "Resume", two, "Gamma", 2)', "Gamma cannot change");
%! fail ('gan_train (X, "Resume", two)', "MODEL is of kind \"vaegan\"");

%!error <Invalid call> vaegan_train ()
%!error <Gamma must be> vaegan_train (X, "Gamma", -1)
%!error <FeatureLayer must be one of the discriminator's layers 1 to 6> vaegan_train (X, "FeatureLayer", 7)
%!error <the decoder gives 4x4x1 images, the data are 8x8x1>
%! vaegan_train (X, "Decoder", [projectAndReshapeLayer([4 4 1])])
%!error <divide by 4> vaegan_train (rand (6, 6, 10))
%!error <unknown option "Generator"> vaegan_train (X, "Generator", [])
%!error id=autoencoder:wrongModelKind vae_loss (vaegan_train (X, "Epochs", 0, "Verbose", false), X)
