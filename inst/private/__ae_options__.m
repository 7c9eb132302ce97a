## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{opts}, @var{given}] =} __ae_options__ (@var{fname}, @var{kind}, @var{n_features}, @var{in_unit_range}, @var{args})
## Parse and check the name/value options of ae_train (@var{kind} "ae") or
## vae_train (@var{kind} "vae").  Names are case-insensitive; an unknown name or
## a bad value is an error with an "autoencoder:" identifier.  @var{given}
## lists the options the call set explicitly.
## @end deftypefn

function [opts, given] = __ae_options__ (fname, kind, n_features, in_unit_range, args)
  is_vae = strcmp (kind, "vae");
  p = inputParser ();
  p.FunctionName = fname;
  p.addParameter ("LatentDim", []);
  p.addParameter ("HiddenSizes", merge (is_vae, 512, 256));
  p.addParameter ("Encoder", []);
  p.addParameter ("Decoder", []);
  p.addParameter ("Activation", "relu");
  p.addParameter ("Loss", merge (is_vae, "bce", "mse"));
  p.addParameter ("OutputActivation", "");
  p.addParameter ("Epochs", merge (is_vae, 30, 20));
  p.addParameter ("BatchSize", 128);
  p.addParameter ("LearnRate", 1e-3);
  p.addParameter ("Optimizer", "adam");
  p.addParameter ("Momentum", 0.9);
  p.addParameter ("LeakyReluScale", 0.01);
  if (is_vae)
    p.addParameter ("Beta", 1);
    p.addParameter ("KLWarmupEpochs", 0);
    p.addParameter ("KLSchedule", "linear");
    p.addParameter ("KLCycles", 4);
    p.addParameter ("KLRampRatio", 0.5);
    p.addParameter ("FreeBits", 0);
    p.addParameter ("Labels", []);
  else
    p.addParameter ("CodeActivation", "identity");
    p.addParameter ("SparsityTarget", 0.05);
    p.addParameter ("SparsityWeight", 0);
    p.addParameter ("L1Weight", 0);
    p.addParameter ("ContractiveWeight", 0);
    p.addParameter ("Noise", "none");
    p.addParameter ("NoiseLevel", 0.1);
    p.addParameter ("Targets", []);
  endif
  p.addParameter ("WeightDecay", 0);
  p.addParameter ("ValidationData", []);
  p.addParameter ("Seed", 42);
  p.addParameter ("Threads", nproc ());
  p.addParameter ("Verbose", true);
  p.addParameter ("Plots", "none");
  p.addParameter ("ValidationPatience", Inf);
  p.addParameter ("OutputNetwork", "last-iteration");
  p.addParameter ("CheckpointFile", "");
  p.addParameter ("CheckpointEvery", 1);
  p.addParameter ("Resume", []);
  [opts, given] = __ae_parse__ (fname, p, args);
  code_limit = n_features;
  if (! is_vae && ! isempty (opts.Targets))
    ## checked and converted once, here: the output is compared with the
    ## targets, so their range decides (uint8 scaled as X is), and a code may
    ## be as wide as a target sample (super-resolution's are wider than the
    ## inputs). The model does not record them (see __ae_fit__'s run_options).
    [opts.TargetColumns, opts.TargetSize, in_unit_range] = ...
      __ae_check_data__ (fname, opts.Targets, "Targets");
    code_limit = max (n_features, rows (opts.TargetColumns));
  endif

  if (isempty (opts.LatentDim))
    ## small data get a code of half their width, so the defaults always work
    opts.LatentDim = min (merge (is_vae, 2, 32), max (1, floor (n_features / 2)));
  endif
  __ae_check_option__ ("integer", fname, "LatentDim", opts.LatentDim, 1, code_limit);
  if (! isnumeric (opts.HiddenSizes) || any (opts.HiddenSizes(:) < 1)
      || any (opts.HiddenSizes(:) != fix (opts.HiddenSizes(:))) || numel (opts.HiddenSizes) > 20)
    error ("autoencoder:outOfRange",
           "%s: HiddenSizes must be a vector of at most 20 positive integers (or [])", fname);
  endif
  opts.HiddenSizes = double (opts.HiddenSizes(:).');
  if (! isempty (opts.Encoder) && any (ismember ({"HiddenSizes", "Activation", "LeakyReluScale"}, given)))
    error ("autoencoder:invalidOption",
           "%s: HiddenSizes, Activation and LeakyReluScale describe the dense encoder; with \"Encoder\" the layers say it",
           fname);
  endif
  for part = {"Encoder", "Decoder"}
    value = opts.(part{1});
    if (! (isempty (value) || (isstruct (value) && isfield (value, "Type"))
           || (iscell (value) && all (cellfun (@(l) isstruct (l) && isfield (l, "Type"), value(:))))))
      error ("autoencoder:invalidLayers",
             "%s: %s must be an array of layers made by convolution2dLayer, reluLayer, ...",
             fname, part{1});
    endif
  endfor
  opts.Activation = __ae_check_option__ ("choice", fname, "Activation", opts.Activation,
                                  __ae_activations__ ("hidden"));
  opts.Loss = __ae_check_option__ ("choice", fname, "Loss", opts.Loss, {"bce", "mse", "l1"});
  if (isempty (opts.OutputActivation))
    if (strcmp (opts.Loss, "bce") || in_unit_range)
      opts.OutputActivation = "sigmoid";
    else
      opts.OutputActivation = "identity";
    endif
  endif
  opts.OutputActivation = __ae_check_option__ ("choice", fname, "OutputActivation", opts.OutputActivation,
                                        __ae_activations__ ("output"));
  if (strcmp (opts.Loss, "bce"))
    if (! strcmp (opts.OutputActivation, "sigmoid"))
      error ("autoencoder:invalidOption",
             "%s: the \"bce\" loss needs OutputActivation \"sigmoid\"", fname);
    elseif (! in_unit_range)
      error ("autoencoder:outOfRange",
             "%s: the \"bce\" loss needs data in [0, 1]; rescale X or use \"Loss\", \"mse\"",
             fname);
    endif
  endif
  ## Inf epochs train until early stopping ends them; without it, for ever
  if (! (isinf (opts.Epochs) && opts.Epochs > 0 && isfinite (opts.ValidationPatience)))
    __ae_check_option__ ("integer", fname, "Epochs", opts.Epochs, 0, flintmax ());
  endif
  __ae_check_option__ ("integer", fname, "BatchSize", opts.BatchSize, 1, Inf);
  __ae_check_option__ ("real", fname, "LearnRate", opts.LearnRate, 0, Inf, false);
  opts.Optimizer = __ae_check_option__ ("choice", fname, "Optimizer", opts.Optimizer, {"adam", "sgd"});
  __ae_check_option__ ("real", fname, "Momentum", opts.Momentum, 0, 1, true);
  __ae_check_option__ ("real", fname, "LeakyReluScale", opts.LeakyReluScale, 0, 1, true);
  if (is_vae)
    __ae_check_option__ ("real", fname, "Beta", opts.Beta, 0, Inf, true);
    __ae_check_option__ ("integer", fname, "KLWarmupEpochs", opts.KLWarmupEpochs, 0, Inf);
    opts.KLSchedule = __ae_check_option__ ("choice", fname, "KLSchedule", opts.KLSchedule,
                                           {"linear", "cyclical"});
    __ae_check_option__ ("integer", fname, "KLCycles", opts.KLCycles, 1, 1e6);
    __ae_check_option__ ("real", fname, "KLRampRatio", opts.KLRampRatio, 0, 1, false);
    __ae_check_option__ ("real", fname, "FreeBits", opts.FreeBits, 0, 1e6, true);
    if (strcmp (opts.KLSchedule, "cyclical") && (! isfinite (opts.Epochs)
                                                 || opts.KLWarmupEpochs > 0))
      error ("autoencoder:invalidOption",
             "%s: the cyclical KL schedule spreads its cycles over a finite number of Epochs, without KLWarmupEpochs",
             fname);
    endif
  endif
  __ae_check_option__ ("real", fname, "WeightDecay", opts.WeightDecay, 0, Inf, true);
  if (! is_vae)
    opts.CodeActivation = __ae_check_option__ ("choice", fname, "CodeActivation", opts.CodeActivation,
                                        __ae_activations__ ("code"));
    __ae_check_option__ ("real", fname, "SparsityTarget", opts.SparsityTarget, 0, 1, false);
    if (opts.SparsityTarget >= 1)
      error ("autoencoder:outOfRange", "%s: SparsityTarget must be in (0, 1)", fname);
    endif
    __ae_check_option__ ("real", fname, "SparsityWeight", opts.SparsityWeight, 0, Inf, true);
    __ae_check_option__ ("real", fname, "L1Weight", opts.L1Weight, 0, Inf, true);
    __ae_check_option__ ("real", fname, "ContractiveWeight", opts.ContractiveWeight, 0, Inf, true);
    if (opts.SparsityWeight > 0 && ! strcmp (opts.CodeActivation, "sigmoid"))
      error ("autoencoder:invalidOption",
             "%s: the KL sparsity penalty needs codes in (0, 1): use \"CodeActivation\", \"sigmoid\"",
             fname);
    endif
    opts.Noise = __ae_check_option__ ("choice", fname, "Noise", opts.Noise,
                               {"none", "gaussian", "masking", "saltpepper"});
    __ae_check_option__ ("real", fname, "NoiseLevel", opts.NoiseLevel, 0, Inf, true);
    if (! strcmp (opts.Noise, "gaussian") && opts.NoiseLevel > 1)
      error ("autoencoder:outOfRange", "%s: NoiseLevel is a fraction for \"%s\" noise: at most 1",
             fname, opts.Noise);
    endif
  endif
  if (! (isinf (opts.ValidationPatience) && opts.ValidationPatience > 0))
    __ae_check_option__ ("integer", fname, "ValidationPatience", opts.ValidationPatience, 1, Inf);
  endif
  opts.OutputNetwork = __ae_check_option__ ("choice", fname, "OutputNetwork", opts.OutputNetwork,
                                     {"last-iteration", "best-validation"});
  if ((isfinite (opts.ValidationPatience) || strcmp (opts.OutputNetwork, "best-validation"))
      && isempty (opts.ValidationData))
    error ("autoencoder:invalidOption",
           "%s: ValidationPatience and OutputNetwork \"best-validation\" need ValidationData",
           fname);
  endif
  opts = __ae_check_run_options__ (fname, opts);
endfunction
