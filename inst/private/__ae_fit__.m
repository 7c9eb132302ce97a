## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_fit__ (@var{fname}, @var{kind}, @var{X}, @var{args})
## The training behind ae_train (@var{kind} "ae") and vae_train ("vae"):
## check the data and options, build and initialise the model (or take up a
## model or checkpoint to resume), then train it in the epoch loop
## (__ae_epoch_loop__), printing a line per epoch, writing checkpoints and
## stopping early as the options say.
## @end deftypefn

function model = __ae_fit__ (fname, kind, X, args)
  from_files = __ae_is_datastore__ (X);   # read a mini-batch at a time
  if (from_files)
    [Xt, sample_size, args] = __ae_image_data__ (fname, X, args);
    in_unit_range = true;
  else
    [Xt, sample_size, in_unit_range] = __ae_check_data__ (fname, X, "X",
                                                          sequence_input (X, args), "single",
                                                          true);
  endif
  release = onCleanup (@() __autoencoder__ ("release", Xt));
  [n_values, n_samples] = deal (prod (sample_size), __ae_n_samples__ (Xt));
  if (isfield (Xt, "lengths"))
    n_values *= max (Xt.lengths);   # a code sums up a whole sequence
  endif
  [opts, given] = __ae_options__ (fname, kind, n_values, in_unit_range, args);
  opts.SequenceSteps = 0;   # the longest training sequence's steps (0: not sequences)
  if (isfield (Xt, "lengths"))
    opts = sequence_options (fname, opts, Xt);
  endif
  [opts, val_labels] = split_validation_labels (fname, opts);
  [Tt, Xvalt, Tvalt, output_size] = training_data (fname, opts, n_samples,
                                                   merge (opts.SequenceSteps > 0,
                                                          {sample_size}, sample_size));
  if (isfield (opts, "Labels") && ! isempty (opts.Labels) && isempty (opts.Resume))
    [~, opts.Classes] = __ae_labels__ (fname, opts.Labels, [], n_samples);
  endif
  if (isempty (opts.Resume))
    model = __ae_build_model__ (fname, kind, sample_size, opts, given, n_samples,
                                merge (isempty (Tt), [], output_size));
    if (isfield (opts, "Classes"))
      model.classes = opts.Classes;
    endif
    model.options = run_options (opts, kind);
    model.history = empty_history ();
    if (from_files)
      ## the reader's seconds per epoch: waited for by the trainer, and decoding
      model.history.reader_wait_seconds = zeros (0, 1);
      model.history.reader_busy_seconds = zeros (0, 1);
    endif
    if (strcmp (kind, "vae"))
      model.history.kl_per_unit = zeros (0, model.latent_dim);
    endif
    if (any (strcmp ({model.encoder.type}, "vq")))
      for name = {"quantization", "val_quantization", "perplexity", "codes_used"}
        model.history.(name{1}) = zeros (0, 1);
      endfor
    endif
    model.train_state = [];
  else
    [model, opts] = resume (fname, kind, opts, given, sample_size, output_size);
  endif
  core_opts = struct ("loss", opts.Loss, "reduction", model.options.Reduction,
                      "beta", 0, "kl_warmup_epochs", 0,
                      "optimizer", opts.Optimizer, "learn_rate", opts.LearnRate,
                      "momentum", opts.Momentum, "batch_size", opts.BatchSize,
                      "seed", opts.Seed, "threads", opts.Threads);
  core_opts = __ae_progress_options__ (core_opts, opts);
  core_opts.weight_decay = opts.WeightDecay;
  if (strcmp (kind, "vae"))
    core_opts.beta = opts.Beta;
    core_opts.kl_warmup_epochs = opts.KLWarmupEpochs;
    core_opts.kl_schedule = opts.KLSchedule;
    core_opts.kl_cycles = opts.KLCycles;
    core_opts.kl_ramp_ratio = opts.KLRampRatio;
    core_opts.kl_schedule_epochs = max (1, merge (isfinite (opts.Epochs), opts.Epochs, 1));
    core_opts.free_bits = opts.FreeBits;
  else
    core_opts.sparsity_target = opts.SparsityTarget;
    core_opts.sparsity_weight = opts.SparsityWeight;
    core_opts.l1_weight = opts.L1Weight;
    core_opts.contractive_weight = opts.ContractiveWeight;
    core_opts.noise = opts.Noise;
    core_opts.noise_level = opts.NoiseLevel;
  endif

  if (isfield (model, "classes"))
    ## a conditional VAE: each sample's one-hot label, read by its condition layers
    core_opts.conditions = __ae_labels__ (fname, opts.Labels, model.classes, n_samples);
    if (! isempty (Xvalt))
      core_opts.val_conditions = __ae_labels__ (fname, val_labels, model.classes,
                                                __ae_n_samples__ (Xvalt), "ValidationData{2}");
    endif
  endif
  if (from_files && (! isempty (Tt) || isfield (model, "classes")))
    error ("autoencoder:invalidArgument",
           "%s: training from an imageDatastore takes no Targets and no Labels (yet): read the images with ae_image_folder",
           fname);
  elseif (from_files)
    train_epoch = @(m) __ae_image_epoch__ (fname, Xt, m, m.train_state, Xvalt, core_opts);
  elseif (isempty (Tt))
    train_epoch = @(m) __autoencoder__ ("train_epoch", m, m.train_state, Xt, Xvalt, core_opts);
  else
    train_epoch = @(m) __autoencoder__ ("train_epoch", m, m.train_state, Xt, Xvalt, core_opts,
                                        Tt, Tvalt);
  endif
  model = __ae_epoch_loop__ (fname, model, train_epoch, opts,
                             @(stats, n_epochs) print_epoch (kind, stats, n_epochs));
endfunction

## {C} when the data are sequences of C features the Encoder declares with
## a sequenceInputLayer (so a C-by-N-by-T array is read as sequences); []
## otherwise (a cell array is sequences whatever the layers)
function size = sequence_input (X, args)
  size = [];
  layer = __ae_input_layer__ (args, {"Encoder"}, "sequenceInput");
  if (! isempty (layer))
    size = {layer.InputSize};
  endif
endfunction

## What sequence data need of the options, and refuse
function opts = sequence_options (fname, opts, Xt)
  if (isfield (opts, "Labels") && ! isempty (opts.Labels))
    error ("autoencoder:invalidOption", "%s: Labels (a conditional model) are not supported for sequences", fname);
  elseif (isfield (opts, "Targets") && ! isempty (opts.Targets))
    error ("autoencoder:invalidOption", "%s: a sequence autoencoder reconstructs its input: Targets are not supported for sequences", fname);
  elseif (isfield (opts, "ContractiveWeight") && opts.ContractiveWeight > 0)
    error ("autoencoder:invalidOption", "%s: the contractive penalty takes no sequences",
           fname);
  endif
  opts.SequenceSteps = max (Xt.lengths);
endfunction

## With Labels (a conditional VAE), validation data come as a cell {Xval,
## labels}: opts.ValidationData becomes Xval and val_labels the labels.
function [opts, val_labels] = split_validation_labels (fname, opts)
  val_labels = [];
  if (! isfield (opts, "Labels") || isempty (opts.Labels) || isempty (opts.ValidationData))
    return;
  endif
  validation = opts.ValidationData;
  if (! iscell (validation) || numel (validation) != 2)
    error ("autoencoder:invalidOption",
           "%s: with Labels, ValidationData must be a cell {Xval, labels_val}", fname);
  endif
  [opts.ValidationData, val_labels] = deal (validation{:});
endfunction

## The targets (empty when the data are their own), the validation data and
## their targets, and the size of an output sample. With targets, the
## validation data are a cell {Xval, Tval}.
function [Tt, Xvalt, Tvalt, output_size] = training_data (fname, opts, n_samples, sample_size)
  Tt = Xvalt = Tvalt = [];
  output_size = sample_size;
  if (isfield (opts, "TargetColumns"))   # checked by __ae_options__
    [Tt, output_size] = deal (opts.TargetColumns, opts.TargetSize);
    if (columns (Tt) != n_samples)
      error ("autoencoder:sizeMismatch", "%s: X has %d samples, Targets %d; they go one for one",
             fname, n_samples, columns (Tt));
    endif
  endif
  validation = opts.ValidationData;
  if (isempty (validation))
    return;
  elseif (isempty (Tt))
    Xvalt = __ae_check_data__ (fname, validation, "ValidationData", sample_size);
    return;
  endif
  if (! iscell (validation) || numel (validation) != 2)
    error ("autoencoder:invalidOption",
           "%s: with Targets, ValidationData must be a cell {Xval, Tval}", fname);
  endif
  Xvalt = __ae_check_data__ (fname, validation{1}, "ValidationData{1}", sample_size);
  Tvalt = __ae_check_data__ (fname, validation{2}, "ValidationData{2}", output_size);
  if (columns (Tvalt) != columns (Xvalt))
    error ("autoencoder:sizeMismatch",
           "%s: ValidationData{1} has %d samples, ValidationData{2} %d; they go one for one",
           fname, columns (Xvalt), columns (Tvalt));
  endif
endfunction

## The options a model records: those that define it and its training run.
function options = run_options (opts, kind)
  options = rmfield (opts, intersect (fieldnames (opts), {"ValidationData", "Resume", "Targets", ...
                                                          "TargetColumns", "TargetSize", ...
                                                          "Labels", "Classes", ...
                                                          "SequenceSteps"}));
  options.Reduction = merge (strcmp (kind, "vae"), "sum", "mean");
endfunction

## Takes up a model (or a checkpoint file of one) where its training stopped.
## Only the options that do not change the model or its arithmetic may differ.
function [model, opts] = resume (fname, kind, opts, given, sample_size, output_size)
  model = opts.Resume;
  if (ischar (model))
    model = ae_load_model (model);
  endif
  __ae_check_model__ (fname, model, {kind});
  if (! isfield (model, "train_state") || ! isfield (model, "history")
      || ! isfield (model, "options"))
    error ("autoencoder:invalidModel",
           "%s: the model to resume has no training state (was it made by %s?)", fname, fname);
  endif
  if (! isequal (sample_size, model.input_size)
      && ! (isscalar (sample_size) && sample_size == prod (model.input_size)))
    error ("autoencoder:sizeMismatch", "%s: X has samples of size %s, the model expects %s",
           fname, mat2str (sample_size), mat2str (model.input_size));
  endif
  ## a model trained on targets goes on with targets of the same size
  with_targets = isfield (opts, "TargetColumns");
  if (isfield (model, "output_size") != with_targets)
    error ("autoencoder:resumeMismatch", "%s: the model was trained %s Targets; resume it %s them",
           fname, merge (with_targets, "without", "on"), merge (with_targets, "without", "with"));
  elseif (with_targets && ! isequal (output_size, model.output_size)
          && ! (isscalar (output_size) && output_size == prod (model.output_size)))
    error ("autoencoder:sizeMismatch", "%s: Targets have samples of size %s, the model gives %s",
           fname, mat2str (output_size), mat2str (model.output_size));
  endif
  ## a conditional model goes on with labels of its classes
  with_labels = isfield (opts, "Labels") && ! isempty (opts.Labels);
  if (isfield (model, "classes") != with_labels)
    error ("autoencoder:resumeMismatch", "%s: the model was trained %s Labels; resume it %s them",
           fname, merge (with_labels, "without", "on"), merge (with_labels, "without", "with"));
  endif
  changeable = {"Epochs", "Verbose", "Plots", "ValidationData", "Targets", "Labels", "CheckpointFile", "CheckpointEvery", ...
                "Threads", "ValidationPatience", "OutputNetwork", "Resume"};
  for field = {"Encoder", "Decoder"}   # models trained before layer arrays came
    if (! isfield (model.options, field{1}))
      model.options.(field{1}) = [];
    endif
  endfor
  for name = setdiff (given, changeable)
    if (! isequal (opts.(name{1}), model.options.(name{1})))
      error ("autoencoder:resumeMismatch",
             "%s: %s cannot change when training resumes (the model has %s)", fname,
             name{1}, disp (model.options.(name{1}))(1:end-1));
    endif
  endfor
  kept = rmfield (model.options, intersect (fieldnames (model.options), changeable));
  for name = fieldnames (kept).'
    opts.(name{1}) = kept.(name{1});
  endfor
  model.options = run_options (opts, kind);
endfunction

function history = empty_history ()
  names = {"epoch", "beta", "loss", "reconstruction", "kl", "penalty", "val_loss", ...
           "val_reconstruction", "val_kl", "seconds"};
  history = cell2struct (repmat ({zeros(0, 1)}, numel (names), 1), names, 1);
endfunction

function print_epoch (kind, s, n_epochs)
  line = sprintf ("epoch %*d/%d  loss %.4f", numel (num2str (n_epochs)), s.epoch, n_epochs, s.loss);
  if (strcmp (kind, "vae"))
    line = [line, sprintf("  (recon %.4f  KL %.4f)", s.reconstruction, s.kl)];
  elseif (s.perplexity > 0)
    line = [line, sprintf("  (recon %.4f  VQ %.4f  perplexity %.1f, %d codes used)",
                          s.reconstruction, s.quantization, s.perplexity, s.codes_used)];
  elseif (s.penalty > 0)
    line = [line, sprintf("  (recon %.4f  penalty %.4f)", s.reconstruction, s.penalty)];
  endif
  if (! isnan (s.val_loss))
    line = [line, sprintf("  val %.4f", s.val_loss)];
  endif
  printf ("%s  %.2f s\n", line, s.seconds);
endfunction
