## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_fit__ (@var{fname}, @var{kind}, @var{X}, @var{args})
## The training behind ae_train (@var{kind} "ae") and vae_train ("vae"):
## check the data and options, build and initialise the model (or take up a
## model or checkpoint to resume), then train it one epoch per call of the
## core, printing a line per epoch, writing checkpoints and stopping early
## as the options say.
## @end deftypefn

function model = __ae_fit__ (fname, kind, X, args)
  [Xt, sample_size] = __ae_check_data__ (fname, X, "X");
  in_unit_range = all (Xt(:) >= 0 & Xt(:) <= 1);
  [opts, given] = __ae_options__ (fname, kind, rows (Xt), in_unit_range, args);
  Xvalt = [];
  if (! isempty (opts.ValidationData))
    Xvalt = __ae_check_data__ (fname, opts.ValidationData, "ValidationData", sample_size);
  endif
  if (isempty (opts.Resume))
    model = __ae_build_model__ (fname, kind, sample_size, opts, given, columns (Xt));
    model.options = run_options (opts, kind);
    model.history = empty_history ();
    model.train_state = [];
  else
    [model, opts] = resume (fname, kind, opts, given, sample_size);
  endif
  core_opts = struct ("loss", opts.Loss, "reduction", model.options.Reduction,
                      "beta", 0, "kl_warmup_epochs", 0,
                      "optimizer", opts.Optimizer, "learn_rate", opts.LearnRate,
                      "momentum", opts.Momentum, "batch_size", opts.BatchSize,
                      "seed", opts.Seed, "threads", opts.Threads);
  core_opts.weight_decay = opts.WeightDecay;
  if (strcmp (kind, "vae"))
    core_opts.beta = opts.Beta;
    core_opts.kl_warmup_epochs = opts.KLWarmupEpochs;
  else
    core_opts.sparsity_target = opts.SparsityTarget;
    core_opts.sparsity_weight = opts.SparsityWeight;
    core_opts.l1_weight = opts.L1Weight;
    core_opts.contractive_weight = opts.ContractiveWeight;
    core_opts.noise = opts.Noise;
    core_opts.noise_level = opts.NoiseLevel;
  endif

  best = struct ("loss", Inf, "model", [], "epoch", 0);
  first_epoch = numel (model.history.epoch) + 1;
  finished = false;
  ## A Ctrl-C that lands between two epochs, in Octave code rather than in the
  ## core, unwinds this function: the cleanup then saves the model to the
  ## checkpoint file so the work is not lost.
  unwind_protect
    epoch = first_epoch - 1;
    while (epoch < opts.Epochs)   # Inf epochs only with early stopping
      epoch++;
      [trained, state, stats, status, message] = ...
        __autoencoder__ ("train_epoch", model, model.train_state, Xt, Xvalt, core_opts);
      model = trained;
      model.train_state = state;
      if (! strcmp (status, "ok"))
        warning (["autoencoder:" status], "%s: %s; returning the model with %d finished epochs",
                 fname, message, numel (model.history.epoch));
        break;
      endif
      model.history = append_epoch (model.history, stats);
      if (opts.Verbose)
        print_epoch (kind, stats, opts.Epochs);
      endif
      warn_if_exploding (fname, model.history);
      if (mod (epoch, opts.CheckpointEvery) == 0 && epoch < opts.Epochs)
        checkpoint (fname, opts.CheckpointFile, model);
      endif
      if (stats.val_loss < best.loss)
        best = struct ("loss", stats.val_loss, "model", model, "epoch", epoch);
      elseif (epoch - best.epoch >= opts.ValidationPatience)
        if (opts.Verbose)
          printf ("stopping early: the validation loss has not improved for %d epochs since epoch %d\n",
                  epoch - best.epoch, best.epoch);
        endif
        break;
      endif
    endwhile
    finished = true;
  unwind_protect_cleanup
    ## the last model, however the loop ended
    checkpoint (fname, opts.CheckpointFile, model);
    if (! finished)
      warning ("autoencoder:interrupted", "%s: interrupted between epochs; the model with %d finished epochs is in %s",
               fname, numel (model.history.epoch),
               merge (isempty (opts.CheckpointFile), "no checkpoint file", opts.CheckpointFile));
    endif
  end_unwind_protect
  if (strcmp (opts.OutputNetwork, "best-validation") && ! isempty (best.model))
    history = model.history;
    model = best.model;
    model.history = history;
    model.best_epoch = best.epoch;
  endif
endfunction

## The options a model records: those that define it and its training run.
function options = run_options (opts, kind)
  options = rmfield (opts, {"ValidationData", "Resume"});
  options.Reduction = merge (strcmp (kind, "vae"), "sum", "mean");
endfunction

## Takes up a model (or a checkpoint file of one) where its training stopped.
## Only the options that do not change the model or its arithmetic may differ.
function [model, opts] = resume (fname, kind, opts, given, sample_size)
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
  changeable = {"Epochs", "Verbose", "ValidationData", "CheckpointFile", "CheckpointEvery", ...
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

function history = append_epoch (history, stats)
  for name = fieldnames (history).'
    history.(name{1})(end+1, 1) = stats.(name{1});
  endfor
endfunction

## Writes the model to its checkpoint file (atomically, by ae_save_model). A
## failed write (a full disk, say) is a warning: the training goes on.
function checkpoint (fname, file, model)
  if (isempty (file))
    return;
  endif
  try
    ae_save_model (file, model);
  catch err
    warning ("autoencoder:checkpointFailed", "%s: cannot write the checkpoint %s: %s",
             fname, file, err.message);
  end_try_catch
endfunction

## A training loss that doubles from one epoch to the next is reported once.
function warn_if_exploding (fname, history)
  loss = history.loss;
  if (numel (loss) >= 2 && loss(end) > 2 * loss(end-1) && loss(end-1) > 0
      && ! any (loss(1:end-1)(2:end) > 2 * loss(1:end-2)))
    warning ("autoencoder:lossExploding",
             "%s: the training loss rose from %g to %g in epoch %d; the learning rate may be too large",
             fname, loss(end-1), loss(end), history.epoch(end));
  endif
endfunction

function print_epoch (kind, s, n_epochs)
  line = sprintf ("epoch %*d/%d  loss %.4f", numel (num2str (n_epochs)), s.epoch, n_epochs, s.loss);
  if (strcmp (kind, "vae"))
    line = [line, sprintf("  (recon %.4f  KL %.4f)", s.reconstruction, s.kl)];
  elseif (s.penalty > 0)
    line = [line, sprintf("  (recon %.4f  penalty %.4f)", s.reconstruction, s.penalty)];
  endif
  if (! isnan (s.val_loss))
    line = [line, sprintf("  val %.4f", s.val_loss)];
  endif
  printf ("%s  %.2f s\n", line, s.seconds);
  fflush (stdout);
endfunction
