## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_epoch_loop__ (@var{fname}, @var{model}, @var{train_epoch}, @var{run}, @var{print_epoch})
## The epoch loop of every mini-batch trainer (ae_train, vae_train,
## ae_classifier_train, gan_train): one epoch per call of
## @code{[model, state, stats, status, message] = @var{train_epoch} (model)}
## (a command of the core), from where @var{model}.history and
## @var{model}.train_state left off.  @var{run} holds Epochs, Verbose,
## CheckpointFile, CheckpointEvery, ValidationPatience and OutputNetwork;
## @var{print_epoch} (stats, n_epochs) prints an epoch's line.  Writes
## checkpoints, stops early on the validation loss (stats.val_loss, where
## there is one), keeps the best-validation model when asked, and turns a
## failure of the core into a warning with the model trained so far.
## @end deftypefn

function model = __ae_epoch_loop__ (fname, model, train_epoch, run, print_epoch)
  best = struct ("loss", Inf, "model", [], "epoch", 0);
  finished = false;
  plotting = strcmp (run.Plots, "training-progress");
  if (plotting)
    figure_state = __ae_training_plot__ ("start", fname, run.Epochs);
  endif
  ## A Ctrl-C that lands between two epochs, in Octave code rather than in the
  ## core, unwinds this function: the cleanup then saves the model to the
  ## checkpoint file so the work is not lost.
  unwind_protect
    epoch = numel (model.history.epoch);
    while (epoch < run.Epochs)   # Inf epochs only with early stopping
      epoch++;
      [trained, state, stats, status, message] = train_epoch (model);
      model = trained;
      model.train_state = state;
      if (! strcmp (status, "ok"))
        __ae_warning__ (["autoencoder:" status], "%s: %s; returning the model with %d finished epochs",
                        fname, message, numel (model.history.epoch));
        break;
      endif
      model.history = append_epoch (model.history, stats);
      if (run.Verbose)
        print_epoch (stats, run.Epochs);
        fflush (stdout);
      endif
      if (plotting)
        figure_state = __ae_training_plot__ ("epoch", figure_state, model.history);
      endif
      if (isfield (model.history, "loss"))
        warn_if_exploding (fname, model.history);
      endif
      if (mod (epoch, run.CheckpointEvery) == 0 && epoch < run.Epochs)
        checkpoint (fname, run.CheckpointFile, model);
      endif
      if (! isfield (stats, "val_loss"))
        continue;
      elseif (stats.val_loss < best.loss)
        best = struct ("loss", stats.val_loss, "model", model, "epoch", epoch);
      elseif (epoch - best.epoch >= run.ValidationPatience)
        if (run.Verbose)
          printf ("stopping early: the validation loss has not improved for %d epochs since epoch %d\n",
                  epoch - best.epoch, best.epoch);
        endif
        break;
      endif
    endwhile
    finished = true;
  unwind_protect_cleanup
    ## the last model, however the loop ended
    checkpoint (fname, run.CheckpointFile, model);
    ## (an error before the first epoch ended, a refused data set say, leaves
    ## nothing to report)
    if (! finished && (numel (model.history.epoch) > 0 || ! isempty (run.CheckpointFile)))
      __ae_warning__ ("autoencoder:interrupted", "%s: interrupted between epochs; the model with %d finished epochs is in %s",
                      fname, numel (model.history.epoch),
                      merge (isempty (run.CheckpointFile), "no checkpoint file", run.CheckpointFile));
    endif
  end_unwind_protect
  if (plotting)
    __ae_training_plot__ ("finish", figure_state, model.history);
  endif
  if (strcmp (run.OutputNetwork, "best-validation") && ! isempty (best.model))
    history = model.history;
    model = best.model;
    model.history = history;
    model.best_epoch = best.epoch;
  endif
endfunction

## One row per epoch: a value, or a row of values (a VAE's KL per unit)
function history = append_epoch (history, stats)
  for name = fieldnames (history).'
    if (isfield (stats, name{1}))
      history.(name{1})(end+1, :) = stats.(name{1});
    else   # a history from files (the reader's seconds) resumed in memory
      history.(name{1})(end+1, :) = NaN;
    endif
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
    __ae_warning__ ("autoencoder:checkpointFailed", "%s: cannot write the checkpoint %s: %s",
                    fname, file, err.message);
  end_try_catch
endfunction

## A training loss that doubles from one epoch to the next is reported once.
function warn_if_exploding (fname, history)
  loss = history.loss;
  if (numel (loss) >= 2 && loss(end) > 2 * loss(end-1) && loss(end-1) > 0
      && ! any (loss(1:end-1)(2:end) > 2 * loss(1:end-2)))
    __ae_warning__ ("autoencoder:lossExploding",
                    "%s: the training loss rose from %g to %g in epoch %d; the learning rate may be too large",
                    fname, loss(end-1), loss(end), history.epoch(end));
  endif
endfunction
