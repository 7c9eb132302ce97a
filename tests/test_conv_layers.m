## Convolutional layers from Octave: each layer's output on H-by-W-by-C
## images equals a plain Octave loop over MATLAB's definition (asymmetric
## filters, strides, paddings and odd sizes, so a transposed image or filter
## would show), layer arrays are checked when the model is built, and a small
## convolutional autoencoder learns.

%!function Y = conv_ref (X, W, b, s, p)
%!  ## cross-correlation of the zero-padded X [H W C] with W [FH FW C F]
%!  [H, Wd, C] = size (X);
%!  Xp = zeros (H + p(1) + p(2), Wd + p(3) + p(4), C);
%!  Xp(p(1) + (1:H), p(3) + (1:Wd), :) = X;
%!  fh = size (W, 1); fw = size (W, 2);
%!  Ho = floor ((rows (Xp) - fh) / s) + 1; Wo = floor ((columns (Xp) - fw) / s) + 1;
%!  Y = zeros (Ho, Wo, size (W, 4));
%!  for f = 1:size (W, 4)
%!    for y = 1:Ho
%!      for x = 1:Wo
%!        patch = Xp((y-1)*s + (1:fh), (x-1)*s + (1:fw), :);
%!        Y(y, x, f) = sum (patch(:) .* reshape (W(:,:,:,f), [], 1)) + b(f);
%!      endfor
%!    endfor
%!  endfor
%!endfunction

%!function Y = tconv_ref (X, W, b, s, crop, op)
%!  ## each input pixel adds X(i,j,c) W(:,:,f,c) at rows (i-1)s + (1:FH); the
%!  ## result is cropped (top/bottom/left/right) and grown by op at the end
%!  [h, w, C] = size (X);
%!  fh = size (W, 1); fw = size (W, 2); F = size (W, 3);
%!  Ho = (h-1)*s + fh - crop(1) - crop(2) + op(1);
%!  Wo = (w-1)*s + fw - crop(3) - crop(4) + op(2);
%!  full = zeros (max ((h-1)*s + fh, crop(1) + Ho), max ((w-1)*s + fw, crop(3) + Wo), F);
%!  for i = 1:h
%!    for j = 1:w
%!      for c = 1:C
%!        full((i-1)*s + (1:fh), (j-1)*s + (1:fw), :) += X(i,j,c) * W(:,:,:,c);
%!      endfor
%!    endfor
%!  endfor
%!  Y = full(crop(1) + (1:Ho), crop(3) + (1:Wo), :) + reshape (b, 1, 1, []);
%!endfunction

%!function Y = pool_ref (X, k, s, p, how)
%!  [H, Wd, C] = size (X);
%!  fill = merge (strcmp (how, "max"), -Inf, 0);
%!  Xp = fill * ones (H + p(1) + p(2), Wd + p(3) + p(4), C);
%!  Xp(p(1) + (1:H), p(3) + (1:Wd), :) = X;
%!  Ho = floor ((rows (Xp) - k(1)) / s) + 1; Wo = floor ((columns (Xp) - k(2)) / s) + 1;
%!  Y = zeros (Ho, Wo, C);
%!  for c = 1:C
%!    for y = 1:Ho
%!      for x = 1:Wo
%!        patch = Xp((y-1)*s + (1:k(1)), (x-1)*s + (1:k(2)), c);
%!        Y(y, x, c) = merge (strcmp (how, "max"), max (patch(:)), mean (patch(:)));
%!      endfor
%!    endfor
%!  endfor
%!endfunction

%!function [model, X] = encoder_case (layer, image, n)
%!  ## an autoencoder whose code is the layer's output, flattened
%!  X = rand ([image, n]);
%!  decoder = projectAndReshapeLayer (image);
%!  model = ae_train (X, "Encoder", layer, "Decoder", decoder, "LatentDim", 1, "Loss", "mse",
%!                    "Epochs", 0, "Verbose", false);
%!  width = columns (model.encoder(end).W);
%!  model = ae_train (X, "Encoder", layer, "Decoder", decoder, "LatentDim", width,
%!                    "Loss", "mse", "Epochs", 0, "Verbose", false);
%!  model.encoder(end).W = eye (width, "single");
%!  model.encoder(end).b(:) = 0;
%!  if (isfield (model.encoder(1), "W") && ! isempty (model.encoder(1).W))
%!    model.encoder(1).W = single (randn (size (model.encoder(1).W)));
%!    model.encoder(1).b = single (randn (size (model.encoder(1).b)));
%!  endif
%!endfunction

%!test
%! ## convolution, 3x2 filters, stride 2, "same" on 7x5: padding 1/1/0/1
%! rand ("seed", 1); randn ("seed", 1);
%! [m, X] = encoder_case (convolution2dLayer ([3 2], 3, "Stride", 2, "Padding", "same"), [7 5 2], 4);
%! assert (m.encoder(1).padding, [1 1 0 1]);
%! Z = ae_encode (m, X);
%! for n = 1:4
%!   want = conv_ref (X(:,:,:,n), double (m.encoder(1).W), double (m.encoder(1).b), 2, [1 1 0 1]);
%!   assert (size (want), [4 3 3]);
%!   assert (Z(n,:), want(:).', 1e-5);
%! endfor

%!test
%! ## convolution with explicit uneven padding [top bottom left right], stride 3
%! rand ("seed", 2); randn ("seed", 2);
%! [m, X] = encoder_case (convolution2dLayer ([2 4], 2, "Stride", 3, "Padding", [2 0 1 3]), [8 6 3], 3);
%! Z = ae_encode (m, X);
%! for n = 1:3
%!   want = conv_ref (X(:,:,:,n), double (m.encoder(1).W), double (m.encoder(1).b), 3, [2 0 1 3]);
%!   assert (Z(n,:), want(:).', 1e-5);
%! endfor

%!test
%! ## max and average pooling, 3x2 windows, stride 2, padding 1/0/0/1
%! rand ("seed", 3);
%! for how = {"max", "avg"}
%!   if (strcmp (how{1}, "max"))
%!     layer = maxPooling2dLayer ([3 2], "Stride", 2, "Padding", [1 0 0 1]);
%!   else
%!     layer = averagePooling2dLayer ([3 2], "Stride", 2, "Padding", [1 0 0 1]);
%!   endif
%!   [m, X] = encoder_case (layer, [7 6 2], 3);
%!   Z = ae_encode (m, X);
%!   for n = 1:3
%!     want = pool_ref (X(:,:,:,n), [3 2], 2, [1 0 0 1], how{1});
%!     assert (Z(n,:), want(:).', 1e-6);
%!   endfor
%! endfor

%!test
%! ## transposed convolution (3x2 filters, stride 2, cropping 1/0/0/1, output
%! ## padding 1/0) and resizing, in a decoder after a reshape of the code
%! rand ("seed", 4); randn ("seed", 4);
%! S = [3 4 2];
%! dec = [projectAndReshapeLayer(S), ...
%!        transposedConv2dLayer([3 2], 3, "Stride", 2, "Cropping", [1 0 0 1], "OutputPadding", [1 0])];
%! out = [(3-1)*2 + 3 - 1 + 1, (4-1)*2 + 2 - 1, 3];
%! X = rand ([out, 2]);
%! m = ae_train (X, "Decoder", dec, "LatentDim", prod (S), "Loss", "mse",
%!               "OutputActivation", "identity", "Epochs", 0, "Verbose", false);
%! m.decoder(1).W = eye (prod (S), "single");
%! m.decoder(1).b(:) = 0;
%! m.decoder(3).W = single (randn (size (m.decoder(3).W)));
%! m.decoder(3).b = single (randn (3, 1));
%! Z = randn (2, prod (S));
%! Xhat = ae_decode (m, Z);
%! for n = 1:2
%!   want = tconv_ref (reshape (Z(n,:), S), double (m.decoder(3).W), double (m.decoder(3).b), 2,
%!                     [1 0 0 1], [1 0]);
%!   assert (Xhat(:,:,:,n), want, 1e-5);
%! endfor
%! ## nearest resize by 3
%! X = rand (6, 12, 2, 2);
%! m = ae_train (X, "Decoder", [projectAndReshapeLayer([2 4 2]), resize2dLayer("Scale", 3)],
%!               "LatentDim", 16, "Loss", "mse", "OutputActivation", "identity", "Epochs", 0,
%!               "Verbose", false);
%! m.decoder(1).W = eye (16, "single");
%! m.decoder(1).b(:) = 0;
%! Z = randn (2, 16);
%! Xhat = ae_decode (m, Z);
%! assert (Xhat(:,:,:,2), repelem (reshape (Z(2,:), 2, 4, 2), 3, 3), 1e-6);

%!test
%! ## "same" transposed convolutions give in * stride, as Keras's do
%! enc = [convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), reluLayer];
%! dec = [projectAndReshapeLayer([4 3 4]), reluLayer, ...
%!        transposedConv2dLayer(3, 1, "Stride", 2, "Cropping", "same")];
%! m = vae_train (rand (8, 6, 10), "Encoder", enc, "Decoder", dec, "Epochs", 0, "Verbose", false);
%! assert (m.decoder(end-1).padding, [0 1 0 1]);
%! assert (size (vae_decode (m, zeros (1, 2))), [8 6]);
%! assert (m.format_version, 3);

%!test
%! ## mirrored decoders come back to the input's size, odd sizes included:
%! ## 15x19x2 -> 8x10x4 (same) -> 4x4x6 (2x3, stride 2, one column skipped)
%! ## -> 2x2x6 (pool) -> 5 -> code 3
%! enc = [convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        convolution2dLayer([2 3], 6, "Stride", 2), leakyReluLayer(0.1), ...
%!        maxPooling2dLayer(2, "Stride", 2), flattenLayer, fullyConnectedLayer(5), tanhLayer];
%! m = ae_train (rand (15, 19, 2, 6), "Encoder", enc, "LatentDim", 3, "Epochs", 1,
%!               "Verbose", false);
%! ## the leaky relu before the pooling layer follows its mirror, the resize
%! assert ({m.decoder.type}, {"dense", "tanh", "dense", "reshape", "leakyrelu", "resize", ...
%!                            "tconv", "relu", "tconv", "sigmoid"});
%! assert (size (ae_reconstruct (m, rand (15, 19, 2, 3))), [15 19 2 3]);
%! ## the column that the stride skipped comes back as output padding
%! assert (m.decoder(7).output_padding, [0 1]);
%! assert (m.decoder(9).padding, [1 1 1 1]);

%!error <encoder layer 3 \(convolution2d 'big'\): a 5x5 window does not fit the 3x3x8 input padded to 3x3>
%! enc = [convolution2dLayer(3, 8, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        convolution2dLayer(5, 8, "Name", "big")];
%! ae_train (rand (6, 6, 4), "Encoder", enc, "Epochs", 0, "Verbose", false);
%!error id=autoencoder:invalidLayers
%! ae_train (rand (6, 6, 4), "Encoder", maxPooling2dLayer (2, "Padding", 2), "Epochs", 0,
%!           "Verbose", false);
%!error <a pooling window of 2x2 cannot take padding 2/2/2/2>
%! ae_train (rand (6, 6, 4), "Encoder", maxPooling2dLayer (2, "Padding", 2), "Epochs", 0,
%!           "Verbose", false);
%!error <the decoder gives 6x6x2 outputs, the data are 6x6x1>
%! dec = [projectAndReshapeLayer([3 3 4]), transposedConv2dLayer(2, 2, "Stride", 2)];
%! ae_train (rand (6, 6, 4), "Decoder", dec, "Epochs", 0, "Verbose", false);
%!error <the decoder gives 5x5x1 outputs, the data are 6x6x1>
%! ae_train (rand (6, 6, 4), "Decoder", [fullyConnectedLayer(36), projectAndReshapeLayer([5 5 1])],
%!           "Epochs", 0, "Verbose", false);
%!error <expects 28x28x1 images, the data are 6x6x1>
%! ae_train (rand (6, 6, 4), "Encoder", [imageInputLayer([28 28 1]), reluLayer], "Epochs", 0,
%!           "Verbose", false);
%!error <resizing by its stride 1 does not undo>
%! ae_train (rand (6, 6, 4), "Encoder", maxPooling2dLayer (2), "Epochs", 0, "Verbose", false);
%!error <a 3x3 window does not fit the 1x1x36 input>
%! ae_train (rand (4, 36), "Encoder", convolution2dLayer (3, 2), "Epochs", 0, "Verbose", false);
%!error <"bce" loss needs a decoder that ends with a sigmoid, not relu>
%! vae_train (rand (6, 6, 4), "Decoder", [projectAndReshapeLayer([6 6 1]), reluLayer],
%!            "Epochs", 0, "Verbose", false);
%!error <ends with a tanh layer but OutputActivation is "sigmoid">
%! ae_train (rand (6, 6, 4), "Decoder", [projectAndReshapeLayer([6 6 1]), tanhLayer],
%!           "OutputActivation", "sigmoid", "Epochs", 0, "Verbose", false);
%!error <with "Encoder" the layers say it>
%! ae_train (rand (6, 6, 4), "Encoder", reluLayer, "HiddenSizes", 3, "Epochs", 0);
%!error <Encoder must be an array of layers>
%! ae_train (rand (6, 6, 4), "Encoder", {1, 2}, "Epochs", 0);
%!error <encoder layer 1 \(convolution3d\): layers of type "convolution3d" are not supported>
%! bad = reluLayer (); bad.Type = "convolution3d";
%! ae_train (rand (6, 6, 4), "Encoder", bad, "Epochs", 0);
%!error <an image input layer may only start the encoder>
%! ae_train (rand (6, 6, 4), "Encoder", [reluLayer, imageInputLayer([6 6])], "Epochs", 0);

%!test
%! ## Test for format 2 models, whose pooling window, resize factor and reshape
%! ## grid shared one field, size: they still run, and ae_load_model upgrades them
%! rand ("seed", 9);
%! X = rand (8, 8, 1, 12);
%! enc = [convolution2dLayer(3, 2, "Padding", "same"), reluLayer, maxPooling2dLayer(2, "Stride", 2)];
%! m = ae_train (X, "Encoder", enc, "LatentDim", 3, "Epochs", 1, "Verbose", false);
%! old = m;
%! old.format_version = 2;
%! for part = {"encoder", "decoder"}
%!   L = old.(part{1});
%!   [L.size] = deal ([]);
%!   for k = 1:numel (L)
%!     L(k).size = [L(k).window, L(k).factor, L(k).grid];
%!   endfor
%!   old.(part{1}) = rmfield (L, {"window", "factor", "grid"});
%! endfor
%! assert ({old.decoder.type}(2:5), {"reshape", "relu", "resize", "tconv"});
%! assert (ae_reconstruct (old, X), ae_reconstruct (m, X));
%! file = [tempname() '.model'];
%! unwind_protect
%!   ae_save_model (file, old);
%!   upgraded = ae_load_model (file);
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect
%! assert (upgraded.format_version, 3);
%! assert (upgraded.encoder(3).window, [2 2]);
%! assert (upgraded.decoder(4).factor, 2);
%! assert (upgraded.decoder(2).grid, [4 4 2]);
%! assert (ae_reconstruct (upgraded, X), ae_reconstruct (m, X));

%!test
%! ## a convolutional model saves, loads and resumes bit for bit
%! rand ("seed", 7);
%! X = rand (8, 8, 1, 40);
%! enc = [convolution2dLayer(3, 4, "Stride", 2, "Padding", "same"), reluLayer, ...
%!        averagePooling2dLayer(2, "Stride", 2)];
%! args = {"Encoder", enc, "LatentDim", 3, "BatchSize", 8, "Verbose", false};
%! whole = vae_train (X, args{:}, "Epochs", 2);
%! first = vae_train (X, args{:}, "Epochs", 1);
%! file = [tempname() '.model'];
%! unwind_protect
%!   ae_save_model (file, first);
%!   loaded = ae_load_model (file);
%!   assert (loaded.encoder(1).W, first.encoder(1).W);
%!   assert (size (loaded.encoder(1).W), [3 3 1 4]);
%!   resumed = vae_train (X, args{:}, "Epochs", 2, "Resume", file);
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect
%! assert (resumed.decoder(end-1).W, whole.decoder(end-1).W);
%! assert (resumed.history.loss, whole.history.loss);
%!error <the contractive penalty needs an encoder of fully connected and activation layers, not avgpool>
%! ae_train (rand (6, 6, 4), "Encoder", averagePooling2dLayer (2), "Decoder", projectAndReshapeLayer ([6 6 1]),
%!           "ContractiveWeight", 0.1, "Epochs", 0);
