## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{model}, @var{history}] =} __ae_scg_fit__ (@var{fname}, @var{model}, @var{Xt}, @var{Yt}, @var{core_opts}, @var{max_epochs}, @var{show_progress})
## Full-batch training by scaled conjugate gradient, MATLAB's trainscg: one
## epoch is one iteration over all the samples (columns of @var{Xt}).
## @var{Yt} holds the targets of the cross-entropy loss, or is empty.  Stops
## after @var{max_epochs}, when the gradient's norm falls below MATLAB's 1e-6,
## when no step lowers the loss any more, or at Ctrl-C, returning the model
## trained so far.  @var{history} has the loss, its reconstruction and penalty
## parts and the gradient norm per epoch, and why training stopped.
## @end deftypefn

function [model, history] = __ae_scg_fit__ (fname, model, Xt, Yt, core_opts, max_epochs,
                                           show_progress)
  core_opts.min_gradient = 1e-6;
  history = struct ("loss", zeros (0, 1), "reconstruction", zeros (0, 1),
                    "penalty", zeros (0, 1), "gradient_norm", zeros (0, 1),
                    "stop_reason", "maximum epochs reached");
  targets = merge (isempty (Yt), {}, {Yt});
  ## a line of progress about every twentieth of the run
  per_call = max (1, ceil (max_epochs / 20));
  state = [];
  start = tic ();
  while (numel (history.loss) < max_epochs)
    wanted = min (per_call, max_epochs - numel (history.loss));
    [model, state, part, status, message] = ...
      __autoencoder__ ("train_scg", model, state, Xt, core_opts, wanted, targets{:});
    for f = {"loss", "reconstruction", "penalty", "gradient_norm"}
      history.(f{1}) = [history.(f{1}); part.(f{1})];
    endfor
    if (show_progress && ! isempty (history.loss))
      printf ("%s: epoch %*d/%d  loss %.6g  gradient %.3g  %.1f s\n", fname,
              numel (num2str (max_epochs)), numel (history.loss), max_epochs,
              history.loss(end), history.gradient_norm(end), toc (start));
      fflush (stdout);
    endif
    if (strcmp (status, "interrupted"))
      history.stop_reason = "interrupted";
      __ae_warning__ ("autoencoder:interrupted",
                      "%s: interrupted; returning the model after %d epochs", fname,
                      numel (history.loss));
      return;
    elseif (! strcmp (status, "ok"))
      history.stop_reason = message;
      __ae_warning__ (["autoencoder:" status], "%s: %s; returning the model after %d epochs",
                      fname, message, numel (history.loss));
      return;
    elseif (! strcmp (part.stop_reason, "iterations done"))
      history.stop_reason = part.stop_reason;
      break;
    endif
  endwhile
  if (show_progress)
    printf ("%s: stopped after %d epochs (%s)\n", fname, numel (history.loss),
            history.stop_reason);
  endif
endfunction
