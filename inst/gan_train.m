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
## @var{X} holds H-by-W-by-N or H-by-W-by-C-by-N images (or N-by-D rows).
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
## X = ae_dataset ("fashion-mnist", "train");
## model = gan_train (X, "Epochs", 5);
## imshow (gan_sample (model, 1, "Seed", 3))
## @end group
## @end example
## @seealso{gan_sample, vae_train, batchNormalizationLayer, transposedConv2dLayer}
## @end deftypefn

function model = gan_train (X, varargin)
  fname = "gan_train";
  if (nargin < 1)
    print_usage ();
  endif
  [Xt, sample_size, in_unit_range] = __ae_check_data__ (fname, X, "X", [], "single", true);
  release = onCleanup (@() __autoencoder__ ("release", Xt));
  opts = options (fname, varargin);
  if (isempty (opts.Resume))
    model = build (fname, sample_size, __ae_n_samples__ (Xt), X, in_unit_range, opts);
  else
    model = resume (fname, opts, sample_size);
    opts = merge_options (opts, model.options);
  endif
  core_opts = struct ("gen_learn_rate", opts.GeneratorLearnRate,
                      "disc_learn_rate", opts.DiscriminatorLearnRate, "beta1", opts.Beta1,
                      "beta2", opts.Beta2, "batch_size", opts.BatchSize, "seed", opts.Seed,
                      "threads", opts.Threads);
  core_opts = __ae_progress_options__ (core_opts, opts);
  train_epoch = @(m) __autoencoder__ ("gan_train_epoch", m, m.train_state, Xt, core_opts);
  run = struct ("Epochs", opts.Epochs, "Verbose", opts.Verbose,
                "CheckpointFile", opts.CheckpointFile, "CheckpointEvery", opts.CheckpointEvery,
                "ValidationPatience", Inf, "OutputNetwork", "last-iteration",
                "Plots", opts.Plots);
  model = __ae_epoch_loop__ (fname, model, train_epoch, run, @print_epoch);
endfunction

function opts = options (fname, args)
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("Generator", []);
  p.addParameter ("Discriminator", []);
  p.addParameter ("LatentDim", 100);
  p.addParameter ("Epochs", 10);
  p.addParameter ("BatchSize", 128);
  p.addParameter ("LearnRate", 2e-4);
  p.addParameter ("GeneratorLearnRate", []);
  p.addParameter ("DiscriminatorLearnRate", []);
  p.addParameter ("Beta1", 0.5);
  p.addParameter ("Beta2", 0.999);
  p.addParameter ("Seed", 42);
  p.addParameter ("Threads", nproc ());
  p.addParameter ("Verbose", true);
  p.addParameter ("Plots", "none");
  p.addParameter ("CheckpointFile", "");
  p.addParameter ("CheckpointEvery", 1);
  p.addParameter ("Resume", []);
  [opts, given] = __ae_parse__ (fname, p, args);
  opts.given = given;
  __ae_check_option__ ("integer", fname, "LatentDim", opts.LatentDim, 1, 2^20);
  __ae_check_option__ ("integer", fname, "Epochs", opts.Epochs, 0, flintmax ());
  __ae_check_option__ ("integer", fname, "BatchSize", opts.BatchSize, 1, Inf);
  __ae_check_option__ ("real", fname, "LearnRate", opts.LearnRate, 0, Inf, false);
  for name = {"GeneratorLearnRate", "DiscriminatorLearnRate"}
    if (isempty (opts.(name{1})))
      opts.(name{1}) = opts.LearnRate;
    endif
    __ae_check_option__ ("real", fname, name{1}, opts.(name{1}), 0, Inf, false);
  endfor
  __ae_check_option__ ("real", fname, "Beta1", opts.Beta1, 0, 0.999999, true);
  __ae_check_option__ ("real", fname, "Beta2", opts.Beta2, 0, 0.999999, true);
  __ae_check_option__ ("integer", fname, "Seed", opts.Seed, 0, flintmax ());
  __ae_check_option__ ("integer", fname, "Threads", opts.Threads, 1, flintmax ());
  opts.Threads = __ae_threads__ (fname, opts.Threads);
  opts.Verbose = __ae_check_option__ ("logical", fname, "Verbose", opts.Verbose);
  opts.Plots = __ae_check_option__ ("choice", fname, "Plots", opts.Plots,
                                    {"none", "training-progress"});
  __ae_check_option__ ("filename", fname, "CheckpointFile", opts.CheckpointFile);
  __ae_check_option__ ("integer", fname, "CheckpointEvery", opts.CheckpointEvery, 1, Inf);
  if (! (isempty (opts.Resume) || isstruct (opts.Resume)
         || (ischar (opts.Resume) && rows (opts.Resume) == 1)))
    error ("autoencoder:invalidOption",
           "%s: Resume must be a model returned by gan_train or a checkpoint file name", fname);
  endif
endfunction

## X as the user gave it: the default generator's output follows its range
function model = build (fname, sample_size, n_samples, X, in_unit_range, opts)
  image = [sample_size, ones(1, 3 - numel (sample_size))];
  if (isscalar (sample_size))
    image = [1, 1, sample_size];
  endif
  [gen_layers, disc_layers] = deal (opts.Generator, opts.Discriminator);
  if (isempty (gen_layers))
    ## the default generator's first layer holds LatentDim x (H/4 W/4 128)
    ## weights: a typo of LatentDim is refused before they are made
    n_first = opts.LatentDim * prod (image(1:2)) / 16 * 128;
    __ae_check_memory__ (fname, sprintf ("training this GAN (%.3g parameters)", n_first),
                         __ae_check_memory__ ("training", n_first, 0, 1));
  endif
  if (isempty (gen_layers) || isempty (disc_layers))
    [default_gen, default_disc] = default_layers (fname, image, X, in_unit_range);
    gen_layers = merge (isempty (gen_layers), {default_gen}, {gen_layers}){1};
    disc_layers = merge (isempty (disc_layers), {default_disc}, {disc_layers}){1};
  endif
  [generator, out] = __ae_compile_layers__ (fname, "generator", gen_layers,
                                            [1, 1, opts.LatentDim]);
  if (! (isequal (out, image) || (all (out(1:2) == 1) && out(3) == prod (image))))
    error ("autoencoder:invalidLayers", "%s: the generator gives %s images, the data are %s",
           fname, __ae_dims__ (out), __ae_dims__ (image));
  endif
  [discriminator, out] = __ae_compile_layers__ (fname, "discriminator", disc_layers, image);
  if (prod (out) != 1)
    error ("autoencoder:invalidLayers",
           "%s: the discriminator must end with one value (a logit), not %s", fname,
           __ae_dims__ (out));
  endif
  n_params = sum (arrayfun (@(l) numel (l.W) + numel (l.b), [generator, discriminator]));
  __ae_check_memory__ (fname, sprintf ("training this GAN (%.3g parameters)", n_params),
                       __ae_check_memory__ ("training", n_params,
                                            4 * prod (image) * numel (discriminator),
                                            min (opts.BatchSize, n_samples)));
  model = struct ("kind", "gan", "format_version", __ae_format_version__ (),
                  "input_size", sample_size, "latent_dim", opts.LatentDim,
                  "generator", generator, "discriminator", discriminator);
  model = __autoencoder__ ("gan_init", model, opts.Seed);
  model.options = rmfield (opts, {"Resume", "given"});
  names = {"epoch", "gen_loss", "disc_loss", "d_real", "d_fake", "seconds"};
  model.history = cell2struct (repmat ({zeros(0, 1)}, numel (names), 1), names, 1);
  model.train_state = [];
endfunction

## DCGAN's architecture, scaled to the images: two stride-2 steps
function [gen, disc] = default_layers (fname, image, X, in_unit_range)
  if (any (mod (image(1:2), 4)) || any (image(1:2) < 4))
    error ("autoencoder:invalidOption",
           "%s: the default networks need images whose height and width divide by 4 (the data are %s); give \"Generator\" and \"Discriminator\"",
           fname, __ae_dims__ (image));
  endif
  [lo, hi] = deal (0, 1);   # uint8 and logical data are always in [0, 1]
  if (! in_unit_range)
    [lo, hi] = deal (double (min (X(:))), double (max (X(:))));
  endif
  if (lo >= 0 && hi <= 1)
    out = sigmoidLayer ();
  elseif (lo >= -1 && hi <= 1)
    out = tanhLayer ();
  else
    error ("autoencoder:outOfRange",
           "%s: the default generator draws images in [0, 1] or [-1, 1]; the data span [%g, %g]: rescale X or give \"Generator\"",
           fname, lo, hi);
  endif
  gen = [projectAndReshapeLayer([image(1:2) / 4, 128]), batchNormalizationLayer, reluLayer, ...
         transposedConv2dLayer(4, 64, "Stride", 2, "Cropping", "same"), ...
         batchNormalizationLayer, reluLayer, ...
         transposedConv2dLayer(4, image(3), "Stride", 2, "Cropping", "same"), out];
  disc = [convolution2dLayer(4, 64, "Stride", 2, "Padding", "same"), leakyReluLayer(0.2), ...
          convolution2dLayer(4, 128, "Stride", 2, "Padding", "same"), ...
          batchNormalizationLayer, leakyReluLayer(0.2), flattenLayer, fullyConnectedLayer(1)];
endfunction

function model = resume (fname, opts, sample_size)
  model = opts.Resume;
  if (ischar (model))
    model = ae_load_model (model);
  endif
  __ae_check_model__ (fname, model, {"gan"});
  if (! all (isfield (model, {"train_state", "history", "options"})))
    error ("autoencoder:invalidModel",
           "%s: the model to resume has no training state (was it made by gan_train?)", fname);
  elseif (! isequal (sample_size, model.input_size))
    error ("autoencoder:sizeMismatch", "%s: X has samples of size %s, the model expects %s",
           fname, mat2str (sample_size), mat2str (model.input_size));
  endif
  changeable = {"Epochs", "Verbose", "Plots", "CheckpointFile", "CheckpointEvery", "Threads", "Resume"};
  for name = setdiff (opts.given, changeable)
    if (! isequal (opts.(name{1}), model.options.(name{1})))
      error ("autoencoder:resumeMismatch",
             "%s: %s cannot change when training resumes", fname, name{1});
    endif
  endfor
endfunction

## The options that define the model and its arithmetic come from the model
function opts = merge_options (opts, kept)
  changeable = {"Epochs", "Verbose", "Plots", "CheckpointFile", "CheckpointEvery", "Threads"};
  for name = setdiff (fieldnames (kept).', changeable)
    opts.(name{1}) = kept.(name{1});
  endfor
endfunction

function print_epoch (s, n_epochs)
  printf ("epoch %*d/%d  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f  %.2f s\n",
          numel (num2str (n_epochs)), s.epoch, n_epochs, s.disc_loss, s.gen_loss, s.d_real,
          s.d_fake, s.seconds);
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
