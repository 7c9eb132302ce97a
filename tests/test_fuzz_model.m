## Mutation fuzzing of the model and checkpoint readers, with a fixed seed:
## corrupted checkpoint files (flipped bytes, truncations) given to "Resume",
## and model structs with fields of the wrong class, size or value given to
## the gateway. Every outcome must be a result or an "autoencoder:" error;
## a crash would end this process and fail the run.

%!test
%! warning ("off", "all", "local");   # corrupted checkpoints may resume and diverge
%! rand ("seed", 40); randn ("seed", 40);
%! X = rand (20, 6);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! file = [tempname() '.ckpt'];
%! save ("-binary", file, "model");
%! pristine = fileread (file);
%! n_errors = n_ok = 0;
%! unwind_protect
%!   for k = 1:150
%!     bytes = pristine;
%!     switch (mod (k, 3))
%!       case 0   # flip a few bytes
%!         at = randi (numel (bytes), 1, randi (4));
%!         bytes(at) = char (randi ([0 255], size (at)));
%!       case 1   # truncate
%!         bytes = bytes(1:randi (numel (bytes)));
%!       case 2   # overwrite a run with one value
%!         at = randi (numel (bytes));
%!         bytes(at:min (end, at + randi (16))) = char (randi ([0 255]));
%!     endswitch
%!     fid = fopen (file, "w"); fwrite (fid, bytes); fclose (fid);
%!     try
%!       m = vae_train (X, "Resume", file, "Epochs", 2, "Verbose", false);
%!       n_ok++;
%!     catch err
%!       assert (strncmp (err.identifier, "autoencoder:", 12),
%!               sprintf ("checkpoint mutation %d: '%s' %s", k, err.identifier, err.message));
%!       n_errors++;
%!     end_try_catch
%!   endfor
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect
%! printf ("      checkpoints: %d mutations resumed, %d refused with autoencoder: errors\n",
%!         n_ok, n_errors);
%! assert (n_errors > 50);

%!function [n_ok, n_errors] = mutate_layers (model, X, fields, values, top_level, n = 300)
%!  ## n models with one layer field (and sometimes a top-level field) set
%!  ## to one of values; each is used or refused with an autoencoder: error
%!  n_errors = n_ok = 0;
%!  for k = 1:n
%!    m = model;
%!    part = merge (rand () < 0.5, "encoder", "decoder");
%!    i = randi (numel (m.(part)));
%!    m.(part)(i).(fields{randi(numel (fields))}) = values{randi (numel (values))};
%!    if (top_level && rand () < 0.2)
%!      top = {"kind", "input_size", "latent_dim", "format_version"};
%!      m.(top{randi(4)}) = values{randi (numel (values))};
%!    endif
%!    try
%!      Z = vae_encode (m, X);
%!      Y = vae_decode (m, randn (3, 2));
%!      n_ok++;
%!    catch err
%!      assert (strncmp (err.identifier, "autoencoder:", 12),
%!              sprintf ("model mutation %d: '%s' %s", k, err.identifier, err.message));
%!      n_errors++;
%!    end_try_catch
%!  endfor
%!endfunction

%!test
%! rand ("seed", 41);
%! X = rand (20, 6);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! values = {[], "dense", "gaussian", "relu", 3, -1, NaN, Inf, 1e12, single(1), int8(5), ...
%!           true, {1}, struct("a", 1), zeros(4, 6), zeros(0, 3), ones(2, 2, 2), 1i, ...
%!           sparse(1), uint64(7), zeros(6, 4, "single")};
%! fields = {"type", "W", "b", "scale"};
%! [n_ok, n_errors] = mutate_layers (model, X, fields, values, true);
%! printf ("      models: %d mutations still valid, %d refused with autoencoder: errors\n",
%!         n_ok, n_errors);
%! assert (n_errors > 100);

%!test
%! ## the same for the geometry of convolutional layers
%! rand ("seed", 42);
%! X = rand (8, 6, 2, 10);
%! enc = [convolution2dLayer(3, 3, "Stride", 2, "Padding", "same"), batchNormalizationLayer, ...
%!        reluLayer, averagePooling2dLayer(2, "Stride", 2), flattenLayer, fullyConnectedLayer(4)];
%! dec = [projectAndReshapeLayer([4 3 4]), resize2dLayer("Scale", 2), ...
%!        transposedConv2dLayer(3, 2, "Cropping", "same"), maxPooling2dLayer(1)];
%! model = vae_train (X, "Encoder", enc, "Decoder", dec, "Loss", "mse", "Epochs", 1,
%!                    "Verbose", false);
%! values = {[], "conv", "tconv", "maxpool", "avgpool", "resize", "reshape", "batchnorm", "dropout", 0, -1, 2, 7, NaN, ...
%!           1e9, [1 1], [2 3 1], [0 0 0 0], [5 5 5 5], [1 2 3 4 5], single([1 1 1 1]), ...
%!           int8([0 0 0 0]), "same", {1}, zeros(3, 3, 2, 3, "single"), zeros(3, 3, 3, 2), ...
%!           ones(2, 2, 2, 2, 2), [1 0], [2 2], true};
%! fields = {"type", "W", "b", "window", "factor", "grid", "stride", "padding", "output_padding", ...
%!           "mean", "variance", "epsilon", "mean_decay", "variance_decay", "probability"};
%! [n_ok, n_errors] = mutate_layers (model, X, fields, values, false, 600);
%! printf ("      convolutional models: %d mutations still valid, %d refused\n", n_ok, n_errors);
%! assert (n_errors > 100);
