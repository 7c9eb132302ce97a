## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{steps}, @var{rest}] =} __ae_steps__ (@var{fname}, @var{model}, @var{args})
## The @qcode{"Steps"} option of the calls that decode codes (ae_decode,
## vae_decode, vae_sample): how many steps a model whose decoder makes
## sequences (a repeatVectorLayer) unrolls each code into.  It must be given
## for such a model and is refused for any other; @var{rest} are the other
## arguments.
## @end deftypefn

function [steps, rest] = __ae_steps__ (fname, model, args)
  steps = [];
  rest = args;
  at = __ae_option_at__ (args, "Steps");
  if (! isempty (at))
    if (at == numel (args))
      error ("autoencoder:invalidOption", "%s: Steps needs a value", fname);
    endif
    steps = args{at + 1};
    rest(at:at + 1) = [];
    __ae_check_option__ ("integer", fname, "Steps", steps, 1, 2^30);
  endif
  sequence = isfield (model, "sequence") && model.sequence;
  if (sequence && isempty (steps))
    error ("autoencoder:invalidOption",
           "%s: the model decodes codes into sequences: give their \"Steps\"", fname);
  elseif (! sequence && ! isempty (steps))
    error ("autoencoder:invalidOption", "%s: Steps is for models over sequences", fname);
  endif
endfunction
