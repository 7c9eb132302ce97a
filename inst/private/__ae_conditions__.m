## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{Ct}, @var{args}] =} __ae_conditions__ (@var{fname}, @var{model}, @var{args}, @var{n})
## Takes the option @qcode{"Labels"} out of the name/value list @var{args}
## of a call on @var{model} with @var{n} samples: @var{Ct} is their one-hot
## columns (__ae_labels__) for a conditional VAE (a model with classes),
## empty otherwise; @var{args} keeps the other options.  A conditional
## model without labels, and labels for a model without classes, are
## "autoencoder:invalidData" errors.
## @end deftypefn

function [Ct, args] = __ae_conditions__ (fname, model, args, n)
  at = __ae_option_at__ (args, "Labels");
  conditional = isfield (model, "classes");
  if (isempty (at))
    if (conditional)
      error ("autoencoder:invalidData",
             "%s: the model is a conditional VAE: give each sample's label (one of its %d classes) with \"Labels\"",
             fname, numel (model.classes));
    endif
    Ct = [];
    return;
  endif
  if (at == numel (args))
    error ("autoencoder:invalidOption", "%s: options must be name/value pairs", fname);
  elseif (! conditional)
    error ("autoencoder:invalidData",
           "%s: Labels are for a conditional VAE (trained with \"Labels\"); this model has no classes",
           fname);
  endif
  Ct = __ae_labels__ (fname, args{at + 1}, model.classes, n);
  args(at:at + 1) = [];
endfunction
