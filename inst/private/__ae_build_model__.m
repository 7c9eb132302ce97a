## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} __ae_build_model__ (@var{fname}, @var{kind}, @var{sample_size}, @var{opts}, @var{given}, @var{n_samples}, @var{output_size})
## The initialised model of an ae_train / vae_train call.
##
## The encoder is the layer array opts.Encoder, or else dense layers of widths
## opts.HiddenSizes, each followed by opts.Activation.  The package adds the
## code: for a VAE a dense layer to mean and log-variance and the gaussian
## layer, for an AE a dense layer to opts.LatentDim values and
## opts.CodeActivation.  The decoder is opts.Decoder, or the encoder mirrored
## (__ae_mirror_layers__), and ends with the output activation: its own last
## activation layer when it has one, else opts.OutputActivation.
## The decoder's output has the size @var{output_size} (the targets', which
## the model records as its output_size), or the input's when it is empty.
## @var{given} lists the options the call set.  A model whose training would
## not fit in memory (batches of min (BatchSize, @var{n_samples})) is refused
## before its weights are made.
## @end deftypefn

function model = __ae_build_model__ (fname, kind, sample_size, opts, given, n_samples,
                                     output_size = [])
  batch = min (opts.BatchSize, n_samples);
  image = grid_of (sample_size);
  out_image = image;
  steps = 1;   # the steps of the longest sequence (1 when not sequences)
  if (isfield (opts, "SequenceSteps") && opts.SequenceSteps > 0)
    [opts, steps] = sequence_layers (opts, sample_size);
    image(4) = 1;   # the compiled layers see sequences of image's frames
  endif
  ## a conditional VAE's one-hot labels: channels of the input, values after the code
  n_classes = 0;
  if (isfield (opts, "Classes"))
    n_classes = numel (opts.Classes);
  endif
  condition = __ae_layer__ ("condition")([]);
  if (n_classes > 0)
    condition = __ae_layer__ ("condition");
    condition.condition_size = n_classes;
  endif
  if (! isempty (output_size))
    out_image = grid_of (output_size);
  endif
  if (isempty (opts.Encoder))
    check_dense_memory (fname, kind, prod (image) + n_classes, prod (out_image), opts, batch);
    [encoder, features] = dense_encoder (prod (image) + n_classes, opts);
  else
    [encoder, features, sizes] = __ae_compile_layers__ (fname, "encoder", opts.Encoder,
                                                        image + [0 0 n_classes 0](1:numel (image)));
    ## before the code layer and the decoder are made, the encoder twice
    ## (a mirrored decoder's size) with the code layer must fit; a
    ## recurrent layer keeps its gates and cells for every step besides
    code_params = prod (features) * opts.LatentDim * merge (strcmp (kind, "vae"), 2, 1);
    n_params = 2 * (sum (arrayfun (@(l) numel (l.W), encoder)) + code_params);
    n_activations = 4 * sum (prod (sizes(:, 4:6), 2) .* merge (sizes(:, 12), 6 * steps, 1));
    check_memory (fname, n_params, n_activations, batch);
  endif
  ## an encoder that ends in a vector quantization layer is a VQ-VAE's: its
  ## code is the quantized grid, which the decoder reads as it is
  quantized = ! isempty (opts.Encoder) && strcmp (encoder(end).type, "vq");
  if (quantized)
    check_quantized (fname, kind, opts, n_classes, features);
    latent_dim = prod (features);
  else
    latent_dim = opts.LatentDim;
  endif
  if (quantized)
    ## no code layer
  elseif (strcmp (kind, "vae"))
    encoder = [encoder, __ae_layer__("dense", prod (features), 2 * opts.LatentDim), ...
               __ae_layer__("gaussian")];
  else
    encoder = [encoder, __ae_layer__("dense", prod (features), opts.LatentDim)];
    if (! strcmp (opts.CodeActivation, "identity"))
      encoder = [encoder, __ae_layer__(opts.CodeActivation)];
    endif
  endif

  if (isfield (opts, "ContractiveWeight") && opts.ContractiveWeight > 0)
    __ae_dense_encoder__ (fname, encoder, "the contractive penalty");
  endif

  code = merge (quantized, features, [1, 1, opts.LatentDim + n_classes]);
  if (! isempty (opts.Decoder))
    [decoder, out, decoder_sizes] = __ae_compile_layers__ (fname, "decoder", opts.Decoder, code);
  elseif (! isempty (opts.Encoder))
    mirrored = __ae_mirror_layers__ (fname, opts.Encoder, sizes, n_classes);
    [decoder, out, decoder_sizes] = __ae_compile_layers__ (fname, "mirrored decoder", mirrored, code);
  else
    [decoder, out] = dense_decoder (prod (out_image), opts, n_classes);
  endif
  decoder = [condition, decoder];
  if (n_classes > 0 && isempty (opts.Encoder) && any (image(1:2) > 1))
    ## dense layers read an image as one vector: the labels follow its values
    flat = __ae_layer__ ("reshape");
    flat.grid = [1, 1, prod(image)];
    condition = [flat, condition];
  endif
  encoder = [condition, encoder];
  if (! (isequal (out, out_image) || (all (out(1:2) == 1) && out(3) == prod (out_image))))
    error ("autoencoder:invalidLayers", "%s: the decoder gives %s outputs, the %s are %s%s",
           fname, __ae_dims__ (out), merge (isequal (image, out_image), "data", "targets"),
           __ae_dims__ (out_image),
           merge (isempty (opts.Decoder) && ! isempty (opts.Encoder)
                  && ! isequal (image, out_image),
                  " (a mirrored encoder gives the inputs' size: give a \"Decoder\")", ""));
  endif
  decoder = with_output_activation (fname, decoder, opts, given);
  if (sum (strcmp ({encoder.type, decoder.type}, "vq")) > quantized)
    error ("autoencoder:invalidLayers", "%s: a model has one vector quantization layer, at the end of its Encoder", fname);
  endif
  if (! isempty (opts.Encoder))
    ## the layer arrays' filters are small and allocated; the rest is not yet
    n_params = sum (arrayfun (@(l) numel (l.W) + numel (l.b), [encoder, decoder]));
    all_sizes = [sizes; decoder_sizes];
    n_activations = 2 * sum (prod (all_sizes(:, 4:6), 2) .* merge (all_sizes(:, 12), 6 * steps, 1));
    check_memory (fname, n_params, n_activations, batch);
  endif
  flat = ["dense", "gaussian", "condition", __ae_activations__("all")];
  spatial = ! all (ismember ({encoder.type, decoder.type}, flat));
  model = struct ("kind", kind, "format_version", __ae_format_version__ (spatial),
                  "input_size", sample_size, "latent_dim", latent_dim,
                  "encoder", encoder, "decoder", decoder);
  if (numel (image) > 3)
    model.sequence = true;   # each sample a sequence of input_size steps
  endif
  if (! isempty (output_size))
    model.output_size = output_size;
  endif
  model = __autoencoder__ ("init", model, opts.Seed);
endfunction

## Sequences of C features: the LSTM autoencoder of the HiddenSizes unless
## an Encoder is given (the last LSTM gives its last step), and unless a
## Decoder is given, the encoder's recurrent layers in reverse order giving
## every step, unrolled from the code by a repeat layer, and a fully
## connected layer per step back to the C features.
function [opts, steps] = sequence_layers (opts, C)
  steps = opts.SequenceSteps;
  if (isempty (opts.Encoder))
    if (isempty (opts.HiddenSizes))
      error ("autoencoder:invalidOption", "ae_train: sequences need recurrent layers: give HiddenSizes or an Encoder");
    endif
    encoder = sequenceInputLayer (C);
    for k = 1:numel (opts.HiddenSizes)
      encoder(end+1) = lstmLayer (opts.HiddenSizes(k), "OutputMode",
                                  merge (k == numel (opts.HiddenSizes), "last", "sequence"));
    endfor
    opts.Encoder = encoder;
  endif
  if (isempty (opts.Decoder))
    layers = opts.Encoder;
    if (iscell (layers))
      layers = [layers{:}];
    endif
    recurrent = layers(ismember ({layers.Type}, {"lstm", "gru", "bilstm"}));
    decoder = repeatVectorLayer ();
    for L = fliplr (recurrent)
      L.OutputMode = "sequence";
      L.Name = "";
      decoder(end+1) = L;
    endfor
    opts.Decoder = [decoder, fullyConnectedLayer(C)];
  endif
endfunction

## The [H W C] grid of a sample of this size; N-by-D data have D values, as
## a fully connected layer sees them
## A VQ-VAE through ae_train: an autoencoder with a decoder of its own, and
## no labels (their channels would be quantized with the image's).
function check_quantized (fname, kind, opts, n_classes, features)
  if (strcmp (kind, "vae"))
    error ("autoencoder:invalidLayers", "%s: a vector quantization layer ends the encoder of a VQ-VAE, which ae_train makes, not a VAE's", fname);
  elseif (n_classes > 0)
    error ("autoencoder:invalidLayers", "%s: a VQ-VAE takes no Labels", fname);
  elseif (isempty (opts.Decoder))
    error ("autoencoder:invalidLayers", "%s: an encoder that ends with a vector quantization layer needs a \"Decoder\" from its %s code grid", fname, __ae_dims__ (features));
  endif
endfunction

function image = grid_of (sample_size)
  image = [sample_size, ones(1, 3 - numel (sample_size))];
  if (numel (sample_size) == 1)
    image = [1, 1, sample_size];
  endif
endfunction

## Dense models are checked before their weights are made: [4e4 4e4] for
## [400 400] would take 13 GB before training began
function check_dense_memory (fname, kind, n_input, n_output, opts, batch)
  code = opts.LatentDim * merge (strcmp (kind, "vae"), 2, 1);
  widths = [n_input, opts.HiddenSizes, code, opts.LatentDim, fliplr(opts.HiddenSizes), n_output];
  links = [1:numel(opts.HiddenSizes)+1, numel(opts.HiddenSizes)+3:numel(widths)-1];
  n_params = sum (widths(links) .* widths(links + 1) + widths(links + 1));
  check_memory (fname, n_params, 2 * sum (widths), batch);
endfunction

function check_memory (fname, n_params, n_activations, batch)
  what = sprintf ("training this model (%.3g parameters, %.3g values per sample in a batch of %d)",
                  n_params, n_activations, batch);
  __ae_check_memory__ (fname, what,
                       __ae_check_memory__ ("training", n_params, n_activations, batch));
endfunction

function [encoder, out] = dense_encoder (n_input, opts)
  widths = [n_input, opts.HiddenSizes];
  encoder = __ae_layer__ ("relu")([]);
  for k = 1:numel (opts.HiddenSizes)
    encoder = [encoder, hidden(widths(k), widths(k+1), opts)];
  endfor
  out = [1, 1, widths(end)];
endfunction

function [decoder, out] = dense_decoder (n_output, opts, n_classes)
  back = [opts.LatentDim + n_classes, fliplr(opts.HiddenSizes)];
  decoder = __ae_layer__ ("relu")([]);
  for k = 1:numel (opts.HiddenSizes)
    decoder = [decoder, hidden(back(k), back(k+1), opts)];
  endfor
  decoder = [decoder, __ae_layer__("dense", back(end), n_output)];
  out = [1, 1, n_output];
endfunction

function layers = hidden (n_in, n_out, opts)
  layers = [__ae_layer__("dense", n_in, n_out), ...
            __ae_layer__(opts.Activation, n_out, n_out, opts.LeakyReluScale)];
endfunction

## A decoder that ends with an activation layer keeps it as its output
## activation (it must agree with an OutputActivation the call gave, and be
## a sigmoid for the "bce" loss); otherwise OutputActivation is added.
function decoder = with_output_activation (fname, decoder, opts, given)
  last = decoder(end).type;
  if (isempty (decoder(end).W) && ! any (strcmp (last, {"reshape", "resize", "maxpool", "avgpool"})))
    if (any (strcmpi ("OutputActivation", given)) && ! strcmp (last, opts.OutputActivation))
      error ("autoencoder:invalidOption",
             "%s: the decoder ends with a %s layer but OutputActivation is \"%s\"", fname,
             last, opts.OutputActivation);
    elseif (strcmp (opts.Loss, "bce") && ! strcmp (last, "sigmoid"))
      error ("autoencoder:invalidOption",
             "%s: the \"bce\" loss needs a decoder that ends with a sigmoid, not %s", fname, last);
    endif
  elseif (! strcmp (opts.OutputActivation, "identity"))
    decoder = [decoder, __ae_layer__(opts.OutputActivation)];
  endif
endfunction
