## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{layer} =} hierarchicalLstmLayer (@var{numHiddenUnits}, "SubsequenceLength", @var{S}, "ConductorUnits", @var{Hc})
## @deftypefnx {} {@var{layer} =} hierarchicalLstmLayer (@dots{}, "Name", @var{name})
## The hierarchical decoder of MusicVAE (Roberts et al. 2018) as one layer:
## it decodes each sample's vector (a code) into a sequence, in
## subsequences ("bars") of @var{S} steps.  A conductor LSTM of @var{Hc}
## units takes the code at each of its
## steps, one step a bar; each bar's conductor output is the input of every
## step of that bar in a decoder LSTM of @var{numHiddenUnits} units, which
## starts every bar from zero state.  So no bar hears another except
## through the conductor, and the decoder cannot ignore the code over a
## long sequence, the posterior collapse MusicVAE was built against.
##
## The sequences of a model with this layer must be whole bars: every
## length a multiple of @var{S} (MusicVAE's 16 bars of 16 steps), and the
## @qcode{"Steps"} of @code{ae_decode}, @code{vae_decode} and
## @code{vae_sample} too.  Differences from the paper: the conductor and
## the decoder start from zero state rather than from states computed from
## the code and the conductor output, and the decoder does not read its own
## previous output (no teacher forcing): the code reaches them as their
## input at every step instead.
##
## Weights start as @code{lstmLayer}'s (Glorot, orthogonal, forget gate
## biases 1).  The model keeps @code{W}, a column: the conductor's
## (C + Hc)-by-(4 Hc) weights, then the decoder's (Hc + H)-by-(4 H), each as
## @code{lstmLayer} keeps its @code{W}; and @code{b}: the conductor's 4 Hc
## biases, then the decoder's 4 H.
##
## @example
## encoder = [sequenceInputLayer(C), bilstmLayer(256, "OutputMode", "last")];
## decoder = [hierarchicalLstmLayer(256, "SubsequenceLength", 16, ...
##                                  "ConductorUnits", 256), ...
##            fullyConnectedLayer(C)];
## model = vae_train (X, "Encoder", encoder, "Decoder", decoder, "LatentDim", 32);
## @end example
## @seealso{ae_layers, lstmLayer, bilstmLayer, repeatVectorLayer, vae_train}
## @end deftypefn

function layer = hierarchicalLstmLayer (numHiddenUnits, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  layer = __ae_dl_layer__ ("hierarchicalLstmLayer", "hierarchicalLstm", varargin,
                           {"NumHiddenUnits", numHiddenUnits});
endfunction

%!test
%! l = hierarchicalLstmLayer (16, "SubsequenceLength", 4, "ConductorUnits", 8, "Name", "dec");
%! assert ({l.Type, l.NumHiddenUnits, l.SubsequenceLength, l.ConductorUnits, l.Name},
%!         {"hierarchicalLstm", 16, 4, 8, "dec"});
%!error <Invalid call> hierarchicalLstmLayer ()
%!error <give the "SubsequenceLength"> hierarchicalLstmLayer (4, "ConductorUnits", 4)
%!error <give the "ConductorUnits"> hierarchicalLstmLayer (4, "SubsequenceLength", 2)
%!error <numHiddenUnits> hierarchicalLstmLayer (0, "SubsequenceLength", 2, "ConductorUnits", 4)
%!error <SubsequenceLength> hierarchicalLstmLayer (4, "SubsequenceLength", 0, "ConductorUnits", 4)
%!error <unknown option "OutputMode"> hierarchicalLstmLayer (4, "SubsequenceLength", 2, "ConductorUnits", 4, "OutputMode", "last")

%!test
%! ## a sequence VAE with the hierarchical decoder, over sequences of 1 to 3
%! ## bars of 4 steps
%! X = cell (1, 32);
%! for k = 1:32
%!   t = 0:(4 * (1 + mod (k, 3)) - 1);
%!   X{k} = 0.5 + 0.4 * [sin(0.5 * t + k); cos(0.3 * t + k)];
%! endfor
%! decoder = [hierarchicalLstmLayer(8, "SubsequenceLength", 4, "ConductorUnits", 6), ...
%!            fullyConnectedLayer(2)];
%! m = vae_train (X, "Encoder", [sequenceInputLayer(2), bilstmLayer(8, "OutputMode", "last")],
%!                "Decoder", decoder, "LatentDim", 2, "Epochs", 15, "BatchSize", 8,
%!                "LearnRate", 1e-2, "Verbose", false);
%! assert ({m.decoder.type}, {"hierarchical_lstm", "dense", "sigmoid"});
%! ## W: the conductor's (2 + 6)-by-24, then the decoder's (6 + 8)-by-32
%! assert (size (m.decoder(1).W), [8 * 24 + 14 * 32, 1]);
%! assert (size (m.decoder(1).b), [24 + 32, 1]);
%! assert (m.history.loss(end) < m.history.loss(1));
%! [S, Z] = vae_sample (m, 3, "Steps", 8, "Seed", 1);
%! assert (size (S{3}), [2 8]);
%! assert (vae_decode (m, Z, "Steps", 8), S, 1e-6);
%! R = vae_reconstruct (m, X(1:3));
%! assert (cellfun (@columns, R), cellfun (@columns, X(1:3)));
%!error <bars\) of 4 steps, and 7 steps are not whole bars>
%! m = vae_train ({rand(2, 4)}, "Encoder", [sequenceInputLayer(2), lstmLayer(3, "OutputMode", "last")],
%!                "Decoder", [hierarchicalLstmLayer(3, "SubsequenceLength", 4, "ConductorUnits", 3),
%!                            fullyConnectedLayer(2)],
%!                "LatentDim", 1, "Epochs", 0, "Verbose", false);
%! vae_sample (m, 1, "Steps", 7);
%!error <sequence 2 has 5 steps, not a multiple of 4>
%! ae_train ({rand(2, 4), rand(2, 5)}, "Encoder", [sequenceInputLayer(2), lstmLayer(3, "OutputMode", "last")],
%!           "Decoder", [hierarchicalLstmLayer(3, "SubsequenceLength", 4, "ConductorUnits", 3),
%!                       fullyConnectedLayer(2)],
%!           "LatentDim", 1, "Epochs", 1, "Verbose", false);
%!error id=autoencoder:outOfMemory
%! ae_train ({rand(2, 4)}, "Encoder", [sequenceInputLayer(2), lstmLayer(3, "OutputMode", "last")],
%!           "Decoder", [hierarchicalLstmLayer(1e6, "SubsequenceLength", 4, "ConductorUnits", 1e6),
%!                       fullyConnectedLayer(2)],
%!           "LatentDim", 1, "Epochs", 0, "Verbose", false);
