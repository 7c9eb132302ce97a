## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_fit__ (@var{fname}, @var{kind}, @var{X}, @var{args})
## The training behind ae_train (@var{kind} "ae") and vae_train ("vae"):
## check the data and options, build and initialise the model, then train it
## one epoch per call of the core, printing a line per epoch.
## @end deftypefn

function model = __ae_fit__ (fname, kind, X, args)
  [Xt, sample_size] = __ae_check_data__ (fname, X, "X");
  in_unit_range = all (Xt(:) >= 0 & Xt(:) <= 1);
  opts = __ae_options__ (fname, kind, rows (Xt), in_unit_range, args);
  Xvalt = [];
  if (! isempty (opts.ValidationData))
    Xvalt = __ae_check_data__ (fname, opts.ValidationData, "ValidationData", sample_size);
  endif
  model = __ae_build_model__ (kind, sample_size, opts);
  core_opts = struct ("loss", opts.Loss,
                      "reduction", merge (strcmp (kind, "vae"), "sum", "mean"),
                      "beta", 0, "kl_warmup_epochs", 0,
                      "optimizer", opts.Optimizer, "learn_rate", opts.LearnRate,
                      "momentum", opts.Momentum, "batch_size", opts.BatchSize,
                      "seed", opts.Seed, "threads", opts.Threads);
  if (strcmp (kind, "vae"))
    core_opts.beta = opts.Beta;
    core_opts.kl_warmup_epochs = opts.KLWarmupEpochs;
  endif
  model.options = rmfield (opts, "ValidationData");
  model.options.Reduction = core_opts.reduction;

  names = {"epoch", "beta", "loss", "reconstruction", "kl", "val_loss", ...
           "val_reconstruction", "val_kl", "seconds"};
  history = zeros (opts.Epochs, numel (names));
  n_done = 0;
  state = [];
  for epoch = 1:opts.Epochs
    [model, state, stats, status, message] = ...
      __autoencoder__ ("train_epoch", model, state, Xt, Xvalt, core_opts);
    if (! strcmp (status, "ok"))
      warning (["autoencoder:" status], "%s: %s; returning the model with %d finished epochs",
               fname, message, n_done);
      break;
    endif
    n_done++;
    history(n_done, :) = cellfun (@(f) stats.(f), names);
    if (opts.Verbose)
      print_epoch (kind, stats, opts.Epochs);
    endif
  endfor
  history = history(1:n_done, :);
  model.history = cell2struct (num2cell (history, 1), names, 2);
endfunction

function print_epoch (kind, s, n_epochs)
  line = sprintf ("epoch %*d/%d  loss %.4f", numel (num2str (n_epochs)), s.epoch, n_epochs, s.loss);
  if (strcmp (kind, "vae"))
    line = [line, sprintf("  (recon %.4f  KL %.4f)", s.reconstruction, s.kl)];
  endif
  if (! isnan (s.val_loss))
    line = [line, sprintf("  val %.4f", s.val_loss)];
  endif
  printf ("%s  %.2f s\n", line, s.seconds);
  fflush (stdout);
endfunction
