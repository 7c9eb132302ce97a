## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{names} =} __ae_activations__ (@var{role})
## The activation layer types of a model's layer list (the core's
## ae_activation_parse names), by @var{role}: "all"; "hidden", what the
## Activation option takes; "output", OutputActivation's; "code",
## CodeActivation's.  The one list in Octave; a new activation is added here
## and in the core's table (src/core/ae_activation.c).
## @end deftypefn

function names = __ae_activations__ (role)
  switch (role)
    case "all"
      names = {"relu", "leakyrelu", "sigmoid", "tanh", "softplus", "identity", "satlin"};
    case "hidden"
      names = {"relu", "leakyrelu", "sigmoid", "tanh", "softplus", "identity"};
    case {"output", "code"}   # no parameter (the leaky relu's scale) to set for these
      names = {"sigmoid", "identity", "relu", "tanh", "softplus"};
  endswitch
endfunction
