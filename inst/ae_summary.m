## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {} ae_summary (@var{model})
## @deftypefnx {} {@var{text} =} ae_summary (@var{model})
## Print a table of the layers of @var{model} (made by @code{vae_train},
## @code{ae_train}, @code{ae_classifier_train} or @code{gan_train}; a
## VQ-VAE's prior too, once @code{vq_prior_train} has fitted it): each layer with its
## geometry, its output size (height x width x channels; a fully connected
## layer's output is 1x1xn) and its number of parameters, then the total, as
## Keras's @code{summary} does.  With an output argument the table is
## returned as text instead.
##
## Paddings are listed as top/bottom/left/right, with "same" worked out.
## Each layer's description comes from the core's type table, as its
## geometry does.
##
## @example
## @group
## model = vae_train (X, "Encoder", [convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), reluLayer], "Epochs", 0);
## ae_summary (model)
## @end group
## @end example
## @seealso{vae_train, ae_train, convolution2dLayer}
## @end deftypefn

function text = ae_summary (model)
  if (nargin != 1)
    print_usage ();
  endif
  __ae_check_model__ ("ae_summary", model, {"ae", "vae", "classifier", "pca", "gan", "vaegan"});
  in = model.input_size;
  in = [in, ones(1, 3 - numel (in))];
  if (isscalar (model.input_size))
    in = [1, 1, model.input_size];
  endif
  sequence = isfield (model, "sequence") && model.sequence;   # in: each step's size
  lines = {sprintf("%-13s %-3s %-56s %-12s %10s", "part", "#", "layer", "output", "parameters"), ...
           repmat("-", 1, 98), row("input", "", "", [in, sequence], 0)};
  total = 0;
  if (strcmp (model.kind, "pca"))
    n = numel (model.components) + numel (model.mean);
    lines{end+1} = row ("pca", 1, "projection onto the principal components",
                        [1, 1, model.latent_dim], n);
    total = n;
  else
    parts = {"encoder", "decoder"};
    inputs = {in, []};   # [] for the previous part's output
    if (strcmp (model.kind, "gan"))
      parts = {"generator", "discriminator"};
      inputs = {[1, 1, model.latent_dim], in};
    elseif (strcmp (model.kind, "vaegan"))
      parts = {"encoder", "decoder", "discriminator"};
      inputs = {in, [], in};
    endif
    part_layers = cellfun (@(name) model.(name), parts, "UniformOutput", false);
    if (isfield (model, "prior"))   # a VQ-VAE's PixelCNN over its codes
      parts{end+1} = "prior";
      inputs{end+1} = model.prior.input_size;
      part_layers{end+1} = [model.prior.encoder, model.prior.decoder];
    endif
    for p = 1:numel (parts)
      layers = part_layers{p};
      if (! isempty (inputs{p}))
        in = inputs{p};
      endif
      [sizes, ~, descriptions] = __autoencoder__ ("geometry", layers,
                                                 merge (sequence, [in, 1], in));
      for k = 1:numel (layers)
        n = numel (layers(k).W) + numel (layers(k).b);
        lines{end+1} = row (parts{p}, k, descriptions{k}, sizes(k, [4:6, 8]), n);
        total += n;
      endfor
      [in, sequence] = deal (sizes(end, 4:6), sizes(end, 8));
    endfor
  endif
  lines{end+1} = repmat ("-", 1, 98);
  lines{end+1} = sprintf ("Total parameters: %s", thousands (total));
  t = [strjoin(lines, "\n"), "\n"];
  if (nargout > 0)
    text = t;
  else
    printf ("%s", t);
  endif
endfunction

## out: [h w c], then 1 when it is each step of a sequence
function s = row (part, k, what, out, n)
  dims = __ae_dims__ (out(1:3));
  if (numel (out) > 3 && out(4))
    dims = [dims "xT"];
  endif
  s = sprintf ("%-13s %-3s %-56s %-12s %10s", part, num2str (k), what, dims, thousands (n));
endfunction

function s = thousands (n)
  s = num2str (n);
  for k = numel (s) - 3:-3:1
    s = [s(1:k), ",", s(k+1:end)];
  endfor
endfunction

%!test
%! ## the Keras VAE: its summary lists 69,076 encoder and 65,089 decoder parameters
%! enc = [convolution2dLayer(3, 32, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        convolution2dLayer(3, 64, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        flattenLayer, fullyConnectedLayer(16), reluLayer];
%! dec = [projectAndReshapeLayer([7 7 64]), reluLayer, ...
%!        transposedConv2dLayer(3, 64, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!        transposedConv2dLayer(3, 32, "Stride", 2, "Cropping", "same"), reluLayer, ...
%!        transposedConv2dLayer(3, 1, "Cropping", "same"), sigmoidLayer];
%! m = vae_train (rand (28, 28, 4), "Encoder", enc, "Decoder", dec, "Epochs", 0, "Verbose", false);
%! t = ae_summary (m);
%! assert (! isempty (strfind (t, "convolution 3x3, stride 2, padding 0/1/0/1")));
%! assert (! isempty (regexp (t, "encoder +2 +relu +14x14x32 +0\n", "once")));
%! assert (! isempty (regexp (t, "encoder +5 +flatten +1x1x3136 +0\n", "once")));
%! assert (! isempty (regexp (t, "14x14x32 +320\n", "once")));
%! assert (! isempty (regexp (t, "7x7x64 +18,496\n", "once")));
%! assert (! isempty (regexp (t, "1x1x16 +50,192\n", "once")));
%! assert (! isempty (regexp (t, "1x1x4 +68\n", "once")));
%! assert (! isempty (regexp (t, "14x14x64 +36,928\n", "once")));
%! assert (! isempty (regexp (t, "28x28x1 +289\n", "once")));
%! assert (! isempty (strfind (t, "Total parameters: 134,165")));
%!test
%! m = ae_train (rand (50, 6), "HiddenSizes", 4, "LatentDim", 2, "Epochs", 0, "Verbose", false);
%! t = ae_summary (m);
%! assert (! isempty (strfind (t, "fully connected 6 -> 4")));
%! assert (! isempty (strfind (t, "Total parameters: 80")));
%!error <Invalid call> ae_summary ()
%!error <MODEL must be a model struct> ae_summary (struct ("a", 1))

%!test
%! ## a VAE-GAN's three networks; the discriminator reads images
%! m = vaegan_train (rand (8, 8, 20), "LatentDim", 3, "Epochs", 0, "Verbose", false);
%! t = ae_summary (m);
%! assert (! isempty (regexp (t, "decoder +1 +fully connected 3 -> 512 ", "once")));
%! assert (! isempty (regexp (t, "discriminator +1 +convolution 4x4, stride 2, padding 1/1/1/1 +4x4x64", "once")));

%!test
%! ## a GAN's two networks, the generator from its code
%! m = gan_train (rand (8, 8, 1, 16), "LatentDim", 5, "Epochs", 0, "Verbose", false);
%! t = ae_summary (m);
%! assert (! isempty (regexp (t, "generator +1 +fully connected 5 -> 512 ", "once")));
%! assert (! isempty (regexp (t, "discriminator +7 +fully connected 512 -> 1 +1x1x1 +513", "once")));

