## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{Yt} =} __ae_forward__ (@var{model}, @var{Xt}, @var{part}, @var{Ct})
## Run @var{part} ("encode", "decode" or "reconstruct") of any model on data
## with one sample per column: networks through the C core, a PCA model by its
## projection (the same layout in, the same layout out).  A conditional VAE
## reads its samples' one-hot labels @var{Ct} (one column per sample).
## @end deftypefn

function Yt = __ae_forward__ (model, Xt, part, Ct = [], steps = [])
  if (! isempty (steps))
    Yt = __autoencoder__ ("forward", model, Xt, part, Ct, steps);
    return;
  elseif (! isempty (Ct))
    Yt = __autoencoder__ ("forward", model, Xt, part, Ct);
    return;
  elseif (! strcmp (model.kind, "pca"))
    Yt = __autoencoder__ ("forward", model, Xt, part);
    return;
  endif
  W = model.components;            # D-by-k, orthonormal columns
  mu = model.mean(:);
  switch (part)
    case "encode"
      Yt = W.' * (double (Xt) - mu);
    case "decode"
      Yt = W * double (Xt) + mu;
    case "reconstruct"
      Yt = W * (W.' * (double (Xt) - mu)) + mu;
  endswitch
endfunction
