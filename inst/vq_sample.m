## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} vq_sample (@var{model}, @var{n})
## @deftypefnx {} {[@var{X}, @var{codes}] =} vq_sample (@var{model}, @var{n}, "Seed", @var{seed})
## @deftypefnx {} {@dots{} =} vq_sample (@dots{}, "Temperature", @var{t})
## Generate @var{n} new samples from a VQ-VAE whose prior @code{vq_prior_train}
## has fitted: the codes of each sample are drawn from the PixelCNN one
## position at a time, in raster order (each from the prior's distribution
## given the codes drawn before it), and the decoder turns them into images.
##
## @var{codes} is @var{n}-by-P (1-based codebook columns, the positions of
## the code grid row by row).  A @qcode{"Temperature"} @var{t} (1, the
## prior itself) divides the logits: below 1 the draws keep to the likelier
## codes.  The draws come from the C core's generator: the same
## @var{seed} gives the same samples everywhere; without @qcode{"Seed"} it is
## drawn from Octave's @code{rand}.  Drawing takes P passes of the prior
## over the @var{n} samples.
## @seealso{vq_prior_train, vectorQuantizationLayer, ae_decode}
## @end deftypefn

function [X, codes] = vq_sample (model, n, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_vq_model__ ("vq_sample", model, true);
  if (! (isnumeric (n) && isscalar (n) && isreal (n) && isfinite (n) && n == fix (n) && n >= 1))
    error ("autoencoder:outOfRange", "vq_sample: N must be a positive integer");
  endif
  temperature = 1;
  k = find (strcmpi (varargin(1:2:end), "Temperature"), 1);
  if (! isempty (k))
    temperature = varargin{2 * k};
    varargin(2 * k - 1:2 * k) = [];
    if (! (isnumeric (temperature) && isscalar (temperature) && isreal (temperature)
           && temperature > 0 && isfinite (temperature)))
      error ("autoencoder:outOfRange", "vq_sample: Temperature must be a positive number");
    endif
  endif
  seed = __ae_sampling_seed__ ("vq_sample", varargin);
  prior = model.prior;
  K = prior.input_size(3);
  P = prod (prior.input_size(1:2));
  __ae_check_memory__ ("vq_sample", sprintf ("drawing %d samples", n),
                       n * (20 * K * P + 12 * prod (model.input_size)));
  ## Gumbel-max: the argmax over the codes of logits / t plus -log(-log U),
  ## U uniform and independent for each code, is a draw of the softmax;
  ## [code][position] a column
  U = __ae_uniform__ (seed, K * P, n);
  gumbel = -log (-log (min (max (U, realmin ("single")), 1 - eps ("single"))));
  onehot = zeros (K * P, n, "single");
  codes = zeros (P, n);
  for p = 1:P
    rows_p = (0:K-1) * P + p;
    logits = double (__ae_forward__ (prior, onehot, "reconstruct"));
    [~, codes(p, :)] = max (logits(rows_p, :) / temperature + gumbel(rows_p, :), [], 1);
    onehot(sub2ind (size (onehot), (codes(p, :) - 1) * P + p, 1:n)) = 1;
  endfor
  W = double (model.encoder(end).W);   # channels-by-codes
  Z = reshape (permute (reshape (W(:, codes), [], P, n), [2 1 3]), [], n);   # [c][p] a column
  X = __ae_decode__ ("vq_sample", model, Z.', [], []);
  codes = codes.';
endfunction

%!shared vq
%! P = zeros (8, 8, 1, 4);
%! P(1:2:end, :, 1, 1) = 1; P(:, 1:2:end, 1, 2) = 1; P(2:2:end, :, 1, 3) = 1; P(:, 2:2:end, 1, 4) = 1;
%! X = single (P(:, :, :, repmat (1:4, 1, 40)));
%! enc = [convolution2dLayer(3, 16, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        convolution2dLayer(1, 3), vectorQuantizationLayer(32)];
%! dec = [transposedConv2dLayer(4, 16, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!        transposedConv2dLayer(3, 1, "Cropping", "same")];
%! vq = ae_train (X, "Encoder", enc, "Decoder", dec, "Epochs", 40, "BatchSize", 16,
%!                "LearnRate", 3e-3, "Seed", 2, "Verbose", false);
%! vq = vq_prior_train (vq, X, "Epochs", 40, "Filters", 16, "Layers", 2, "LearnRate", 1e-2,
%!                      "BatchSize", 16, "Verbose", false);
%!test
%! ## the prior learnt four images: the samples are those images (but for
%! ## the prior's last few hundredths of a nat), each about a quarter of
%! ## the time
%! [S, codes] = vq_sample (vq, 200, "Seed", 3);
%! assert (size (S), [8 8 1 200]);
%! assert (size (codes), [200 16]);
%! R = ae_reconstruct (vq, single (cat (4, ...
%!       repmat ([1; 0], 4, 8), repmat ([1 0], 8, 4), repmat ([0; 1], 4, 8), repmat ([0 1], 8, 4))));
%! d = squeeze (sum (sum ((S - permute (R, [1 2 3 5 4])) .^ 2, 1), 2));   # 200-by-4
%! [nearest, which] = min (d, [], 2);
%! assert (mean (nearest < 1e-6) > 0.95);
%! shares = accumarray (which(nearest < 1e-6), 1, [4 1]) / 200;
%! assert (all (shares > 0.15 & shares < 0.35));
%! ## the seed alone fixes the draw
%! rand ("seed", 1);
%! assert (vq_sample (vq, 5, "Seed", 3), S(:, :, :, 1:5));
%!test
%! ## a low temperature keeps to the likeliest codes
%! [~, cold] = vq_sample (vq, 50, "Seed", 4, "Temperature", 0.05);
%! [~, warm] = vq_sample (vq, 50, "Seed", 4);
%! assert (rows (unique (cold, "rows")) <= rows (unique (warm, "rows")));
%!error <no prior over its codes> vq_sample (rmfield (vq, "prior"), 4)
%!error <Temperature must be a positive number> vq_sample (vq, 4, "Temperature", 0)
%!error <N must be a positive integer> vq_sample (vq, 0)
