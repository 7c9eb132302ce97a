## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_gan_fit__ (@var{fname}, @var{kind}, @var{X}, @var{args})
## The training behind gan_train (@var{kind} "gan": a generator and a
## discriminator) and vaegan_train ("vaegan": an encoder and a decoder, a
## VAE, and a discriminator): check the data and options, build and
## initialise the model (or take up one to resume), then train it in the
## epoch loop.
## @end deftypefn

function model = __ae_gan_fit__ (fname, kind, X, args)
  if (iscell (X))
    error ("autoencoder:invalidData", "%s: GANs over sequences are not supported; X must be images or N-by-D data", fname);
  endif
  if (__ae_is_datastore__ (X))   # read a mini-batch at a time
    [Xt, sample_size, args] = __ae_image_data__ (fname, X, args);
    [in_unit_range, X] = deal (true, []);
  else
    [Xt, sample_size, in_unit_range] = __ae_check_data__ (fname, X, "X", [], "single", true);
  endif
  release = onCleanup (@() __autoencoder__ ("release", Xt));
  opts = options (fname, kind, args);
  if (isempty (opts.Resume))
    model = build (fname, kind, sample_size, __ae_n_samples__ (Xt), X, in_unit_range, opts);
  else
    model = resume (fname, kind, opts, sample_size);
    opts = merge_options (opts, model.options);
  endif
  core_opts = struct ("gen_learn_rate", opts.GeneratorLearnRate,
                      "disc_learn_rate", opts.DiscriminatorLearnRate, "beta1", opts.Beta1,
                      "beta2", opts.Beta2, "batch_size", opts.BatchSize, "seed", opts.Seed,
                      "threads", opts.Threads);
  if (strcmp (kind, "vaegan"))
    core_opts.gamma = opts.Gamma;
    core_opts.beta = opts.Beta;
    core_opts.feature_layer = model.feature_layer;
  endif
  core_opts = __ae_progress_options__ (core_opts, opts);
  if (isfield (Xt, "image_files"))
    train_epoch = @(m) __ae_image_epoch__ (fname, Xt, m, m.train_state, core_opts, "gan_train_epoch");
  else
    train_epoch = @(m) __autoencoder__ ("gan_train_epoch", m, m.train_state, Xt, core_opts);
  endif
  run = struct ("Epochs", opts.Epochs, "Verbose", opts.Verbose,
                "CheckpointFile", opts.CheckpointFile, "CheckpointEvery", opts.CheckpointEvery,
                "ValidationPatience", Inf, "OutputNetwork", "last-iteration",
                "Plots", opts.Plots);
  model = __ae_epoch_loop__ (fname, model, train_epoch, run,
                             @(s, n_epochs) print_epoch (kind, s, n_epochs));
endfunction

function opts = options (fname, kind, args)
  vaegan = strcmp (kind, "vaegan");
  p = inputParser ();
  p.FunctionName = fname;
  if (vaegan)
    p.addParameter ("Encoder", []);
    p.addParameter ("Decoder", []);
    p.addParameter ("Gamma", 1);
    p.addParameter ("Beta", 1);
    p.addParameter ("FeatureLayer", []);
    p.addParameter ("VAELearnRate", []);
  else
    p.addParameter ("Generator", []);
    p.addParameter ("GeneratorLearnRate", []);
  endif
  p.addParameter ("Discriminator", []);
  p.addParameter ("LatentDim", merge (vaegan, 32, 100));
  p.addParameter ("Epochs", 10);
  p.addParameter ("BatchSize", merge (vaegan, 64, 128));
  p.addParameter ("LearnRate", 2e-4);
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
  if (vaegan)
    ## one Adam steps the VAE (encoder and decoder): the generator's rate is its
    opts.GeneratorLearnRate = opts.VAELearnRate;
    __ae_check_option__ ("real", fname, "Gamma", opts.Gamma, 0, 1e30, true);
    __ae_check_option__ ("real", fname, "Beta", opts.Beta, 0, 1e30, true);
    if (! isempty (opts.FeatureLayer))
      __ae_check_option__ ("integer", fname, "FeatureLayer", opts.FeatureLayer, 1, 2^20);
    endif
  endif
  for name = {"GeneratorLearnRate", "DiscriminatorLearnRate"}
    if (isempty (opts.(name{1})))
      opts.(name{1}) = opts.LearnRate;
    endif
    __ae_check_option__ ("real", fname, name{1}, opts.(name{1}), 0, Inf, false);
  endfor
  __ae_check_option__ ("real", fname, "Beta1", opts.Beta1, 0, 0.999999, true);
  __ae_check_option__ ("real", fname, "Beta2", opts.Beta2, 0, 0.999999, true);
  opts = __ae_check_run_options__ (fname, opts);
endfunction

function model = build (fname, kind, sample_size, n_samples, X, in_unit_range, opts)
  vaegan = strcmp (kind, "vaegan");
  image = [sample_size, ones(1, 3 - numel (sample_size))];
  if (isscalar (sample_size))
    image = [1, 1, sample_size];
  endif
  if (vaegan)
    [gen_layers, enc_layers] = deal (opts.Decoder, opts.Encoder);
  else
    [gen_layers, enc_layers] = deal (opts.Generator, []);
  endif
  disc_layers = opts.Discriminator;
  if (isempty (gen_layers))
    ## the default generator's first layer holds LatentDim x (H/4 W/4 128)
    ## weights: a typo of LatentDim is refused before they are made
    n_first = opts.LatentDim * prod (image(1:2)) / 16 * 128;
    __ae_check_memory__ (fname, sprintf ("training this model (%.3g parameters)", n_first),
                         __ae_check_memory__ ("training", n_first, 0, 1));
  endif
  if (isempty (gen_layers) || isempty (disc_layers) || (vaegan && isempty (enc_layers)))
    [default_gen, default_disc, default_enc] = default_layers (fname, image, X, in_unit_range);
    gen_layers = merge (isempty (gen_layers), {default_gen}, {gen_layers}){1};
    disc_layers = merge (isempty (disc_layers), {default_disc}, {disc_layers}){1};
    enc_layers = merge (isempty (enc_layers), {default_enc}, {enc_layers}){1};
  endif
  part = merge (vaegan, "decoder", "generator");
  [generator, out] = __ae_compile_layers__ (fname, part, gen_layers, [1, 1, opts.LatentDim]);
  if (! (isequal (out, image) || (all (out(1:2) == 1) && out(3) == prod (image))))
    error ("autoencoder:invalidLayers", "%s: the %s gives %s images, the data are %s",
           fname, part, __ae_dims__ (out), __ae_dims__ (image));
  endif
  [discriminator, out] = __ae_compile_layers__ (fname, "discriminator", disc_layers, image);
  if (prod (out) != 1)
    error ("autoencoder:invalidLayers",
           "%s: the discriminator must end with one value (a logit), not %s", fname,
           __ae_dims__ (out));
  endif
  networks = [generator, discriminator];
  if (vaegan)
    [encoder, features] = __ae_compile_layers__ (fname, "encoder", enc_layers, image);
    encoder = [encoder, __ae_layer__("dense", prod (features), 2 * opts.LatentDim), ...
               __ae_layer__("gaussian")];
    networks = [encoder, networks];
  endif
  n_params = sum (arrayfun (@(l) numel (l.W) + numel (l.b), networks));
  __ae_check_memory__ (fname, sprintf ("training this model (%.3g parameters)", n_params),
                       __ae_check_memory__ ("training", n_params,
                                            4 * prod (image) * numel (networks),
                                            min (opts.BatchSize, n_samples)));
  model = struct ("kind", kind, "format_version", __ae_format_version__ (),
                  "input_size", sample_size, "latent_dim", opts.LatentDim);
  names = {"epoch", "gen_loss", "disc_loss", "d_real", "d_fake", "seconds"};
  if (vaegan)
    feature_layer = opts.FeatureLayer;
    if (isempty (feature_layer))
      feature_layer = numel (discriminator) - 1;   # all but the logit's layer
    elseif (feature_layer >= numel (discriminator))
      error ("autoencoder:outOfRange",
             "%s: FeatureLayer must be one of the discriminator's layers 1 to %d (ae_summary lists them), not %d",
             fname, numel (discriminator) - 1, feature_layer);
    endif
    [model.encoder, model.decoder] = deal (encoder, generator);
    model.discriminator = discriminator;
    model.feature_layer = feature_layer;
    names = [names(1:end-1), {"kl", "feature_loss", "seconds"}];
  else
    [model.generator, model.discriminator] = deal (generator, discriminator);
  endif
  model = __autoencoder__ ("gan_init", model, opts.Seed);
  model.options = rmfield (opts, {"Resume", "given"});
  model.history = cell2struct (repmat ({zeros(0, 1)}, numel (names), 1), names, 1);
  model.train_state = [];
endfunction

## DCGAN's networks for images whose sides divide by 4, and an encoder that
## mirrors the generator (the package adds its code layer).
function [gen, disc, enc] = default_layers (fname, image, X, in_unit_range)
  if (any (mod (image(1:2), 4)) || any (image(1:2) < 4))
    error ("autoencoder:invalidOption",
           "%s: the default networks need images whose height and width divide by 4 (the data are %s); give the layers",
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
           "%s: the default generator draws images in [0, 1] or [-1, 1]; the data span [%g, %g]: rescale X or give the layers",
           fname, lo, hi);
  endif
  gen = [projectAndReshapeLayer([image(1:2) / 4, 128]), batchNormalizationLayer, reluLayer, ...
         transposedConv2dLayer(4, 64, "Stride", 2, "Cropping", "same"), ...
         batchNormalizationLayer, reluLayer, ...
         transposedConv2dLayer(4, image(3), "Stride", 2, "Cropping", "same"), out];
  disc = [convolution2dLayer(4, 64, "Stride", 2, "Padding", "same"), leakyReluLayer(0.2), ...
          convolution2dLayer(4, 128, "Stride", 2, "Padding", "same"), ...
          batchNormalizationLayer, leakyReluLayer(0.2), flattenLayer, fullyConnectedLayer(1)];
  enc = [convolution2dLayer(4, 64, "Stride", 2, "Padding", "same"), batchNormalizationLayer, ...
         reluLayer, convolution2dLayer(4, 128, "Stride", 2, "Padding", "same"), ...
         batchNormalizationLayer, reluLayer];
endfunction

function model = resume (fname, kind, opts, sample_size)
  model = opts.Resume;
  if (ischar (model))
    model = ae_load_model (model);
  endif
  __ae_check_model__ (fname, model, {kind});
  if (! all (isfield (model, {"train_state", "history", "options"})))
    error ("autoencoder:invalidModel",
           "%s: the model to resume has no training state (was it made by %s?)", fname, fname);
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

function opts = merge_options (opts, kept)
  changeable = {"Epochs", "Verbose", "Plots", "CheckpointFile", "CheckpointEvery", "Threads"};
  for name = setdiff (fieldnames (kept).', changeable)
    opts.(name{1}) = kept.(name{1});
  endfor
endfunction

function print_epoch (kind, s, n_epochs)
  if (strcmp (kind, "vaegan"))
    printf ("epoch %*d/%d  D loss %.4f  GAN loss %.4f  feature loss %.4f  KL %.4f  D(x) %.3f  D(Dec(z)) %.3f  %.2f s\n",
            numel (num2str (n_epochs)), s.epoch, n_epochs, s.disc_loss, s.gen_loss,
            s.feature_loss, s.kl, s.d_real, s.d_fake, s.seconds);
  else
    printf ("epoch %*d/%d  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f  %.2f s\n",
            numel (num2str (n_epochs)), s.epoch, n_epochs, s.disc_loss, s.gen_loss, s.d_real,
            s.d_fake, s.seconds);
  endif
endfunction
