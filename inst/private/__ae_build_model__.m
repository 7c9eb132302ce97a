## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_build_model__ (@var{kind}, @var{sample_size}, @var{opts})
## The initialised model of an ae_train / vae_train call: a dense encoder of
## widths opts.HiddenSizes, each followed by opts.Activation, down to the code
## (for a VAE, a dense layer to mean and log-variance and the gaussian layer),
## and a decoder that mirrors it up to the output activation.
## @end deftypefn

function model = __ae_build_model__ (kind, sample_size, opts)
  n_input = prod (sample_size);
  widths = [n_input, opts.HiddenSizes];
  hidden = @(n_in, n_out) [__ae_layer__("dense", n_in, n_out), ...
                           __ae_layer__(opts.Activation, n_out, n_out, opts.LeakyReluScale)];
  encoder = struct ("type", {}, "W", {}, "b", {}, "scale", {});
  for k = 1:numel (opts.HiddenSizes)
    encoder = [encoder, hidden(widths(k), widths(k+1))];
  endfor
  if (strcmp (kind, "vae"))
    encoder = [encoder, __ae_layer__("dense", widths(end), 2 * opts.LatentDim), ...
               __ae_layer__("gaussian")];
  else
    encoder = [encoder, __ae_layer__("dense", widths(end), opts.LatentDim)];
    if (! strcmp (opts.CodeActivation, "identity"))
      encoder = [encoder, __ae_layer__(opts.CodeActivation)];
    endif
  endif
  decoder = struct ("type", {}, "W", {}, "b", {}, "scale", {});
  back = [opts.LatentDim, fliplr(opts.HiddenSizes)];
  for k = 1:numel (opts.HiddenSizes)
    decoder = [decoder, hidden(back(k), back(k+1))];
  endfor
  decoder = [decoder, __ae_layer__("dense", back(end), n_input)];
  if (! strcmp (opts.OutputActivation, "identity"))
    decoder = [decoder, __ae_layer__(opts.OutputActivation)];
  endif
  model = struct ("kind", kind, "format_version", __ae_format_version__ (),
                  "input_size", sample_size, "latent_dim", opts.LatentDim,
                  "encoder", encoder, "decoder", decoder);
  model = __autoencoder__ ("init", model, opts.Seed);
endfunction
