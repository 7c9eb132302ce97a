## The MEX gateway on its own: every malformed call is an identified error,
## never a crash (a crash here would take the test run down with it).

%!shared model, Xt
%! rand ("seed", 20);
%! model = vae_train (rand (20, 6), "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! Xt = single (rand (6, 10));

%!error id=autoencoder:invalidCall __autoencoder__ ()
%!error id=autoencoder:invalidCall __autoencoder__ ("fly")
%!error id=autoencoder:invalidArgument __autoencoder__ (3)
%!error id=autoencoder:invalidCall __autoencoder__ ("forward", model, Xt)
%!error id=autoencoder:invalidArgument __autoencoder__ ("forward", model, Xt, "sideways")
%!error id=autoencoder:sizeMismatch __autoencoder__ ("forward", model, single (rand (5, 3)), "encode")
%!error id=autoencoder:invalidArgument __autoencoder__ ("forward", model, int8 (Xt), "encode")
%!error id=autoencoder:invalidArgument __autoencoder__ ("forward", model, sparse (double (Xt)), "encode")
%!error id=autoencoder:invalidArgument __autoencoder__ ("forward", model, complex (Xt), "encode")
%!error id=autoencoder:nonFinite __autoencoder__ ("forward", model, [Xt, NaN(6, 1)], "encode")
%!error id=autoencoder:invalidCall __autoencoder__ ("normal", 1, 2)
%!error id=autoencoder:outOfRange __autoencoder__ ("normal", -1, 2, 2)
%!error id=autoencoder:invalidArgument __autoencoder__ ("normal", 1.5, 2, 2)
%!error id=autoencoder:outOfRange __autoencoder__ ("normal", 1, 2^40, 2)
%!assert (size (__autoencoder__ ("normal", 1, 3, 0)), [3 0])
%!error id=autoencoder:invalidArgument __autoencoder__ ("forward", 5, Xt, "encode")
%!error <model has no field 'decoder'> __autoencoder__ ("forward", rmfield (model, "decoder"), Xt, "encode")
%!error <model.kind must be "ae", "vae", "vaegan" or "classifier"> __autoencoder__ ("forward", setfield (model, "kind", "gan"), Xt, "encode")
%!error <input_size\(1\) must be a positive integer> __autoencoder__ ("forward", setfield (model, "input_size", -6), Xt, "encode")
%!error <input_size\(1\) must be a positive integer> __autoencoder__ ("forward", setfield (model, "input_size", NaN), Xt, "encode")
%!error <more than 2\^30> __autoencoder__ ("forward", setfield (model, "input_size", [2^20 2^20]), Xt, "encode")

%!test
%! ## layers that do not fit name the layer and the sizes
%! bad = model;
%! bad.encoder(3).W = zeros (4, 5, "single");
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "encoder layer 3 \\(dense\\): W is 4-by-5 but the layer needs 4-by-4");
%! bad = model;
%! bad.decoder(1).b = zeros (3, 1);
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "decoder layer 1 \\(dense\\): b has 3 values, the layer needs 4");
%! bad = model;
%! bad.decoder(3).W = zeros (5, 4, "single");
%! bad.decoder(3).b = zeros (5, 1, "single");
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "the decoder gives 5 values, the input has 6");
%! bad = model;
%! bad.encoder(2).type = "swish";
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "encoder layer 2: unknown layer type 'swish'");
%! bad = model;
%! bad.encoder(end).type = "relu";
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "must end its encoder with a gaussian layer");
%! bad = model;
%! bad.decoder(2).type = "gaussian";
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "may only end the encoder");
%! bad = model;
%! bad.encoder(1).W = complex (bad.encoder(1).W);
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "W must be a real, non-empty matrix");
%! bad = model;
%! bad.encoder(1).W(1) = NaN;
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "NaN or Inf");
%! bad = model;
%! bad.encoder = bad.encoder([]);
%! fail ('__autoencoder__ ("forward", bad, Xt, "encode")', "model.encoder must be a non-empty struct array");

%!test
%! ## training options and state are checked before any work
%! opts = struct ("loss", "bce", "reduction", "sum", "beta", 1, "kl_warmup_epochs", 0,
%!                "optimizer", "adam", "learn_rate", 1e-3, "momentum", 0, "batch_size", 4,
%!                "seed", 1, "threads", 1);
%! [m, state, stats, status] = __autoencoder__ ("train_epoch", model, [], Xt, [], opts);
%! assert (status, "ok");
%! assert (stats.epoch, 1);
%! ## resuming from the state continues the epoch count and the optimizer
%! [~, state2, stats2] = __autoencoder__ ("train_epoch", m, state, Xt, [], opts);
%! assert (stats2.epoch, 2);
%! assert (double (state2.n_steps), 6);
%! fail ('__autoencoder__ ("train_epoch", model, setfield (state, "moment1", single (1)), Xt, [], opts)', "moment1 must hold");
%! fail ('__autoencoder__ ("train_epoch", model, setfield (state, "epoch", 1), Xt, [], opts)', "must be a uint64 scalar");
%! fail ('__autoencoder__ ("train_epoch", model, [], Xt, [], setfield (opts, "loss", "hinge"))', "unknown loss");
%! fail ('__autoencoder__ ("train_epoch", model, [], Xt, [], setfield (opts, "batch_size", 0))', "batch_size must be finite and in");
%! fail ('__autoencoder__ ("train_epoch", model, [], Xt, [], setfield (opts, "learn_rate", Inf))', "learn_rate must be finite");
%! fail ('__autoencoder__ ("train_epoch", model, [], Xt, [], rmfield (opts, "seed"))', "the options has no field 'seed'");
%! fail ('__autoencoder__ ("train_epoch", model, [], single (zeros (6, 0)), [], opts)', "no samples");
%! fail ('__autoencoder__ ("train_epoch", model, [], Xt, single (rand (3, 2)), opts)', "validation data has 3 values");
%! ## BCE needs the sigmoid output
%! lin = model;
%! lin.decoder = lin.decoder(1:3);
%! fail ('__autoencoder__ ("train_epoch", lin, [], Xt, [], opts)', "ending in a sigmoid");

%!test
%! ## the progress line: drawn in place (from the first batch when asked to
%! ## start at once), labelled with the epoch, erased at the epoch's end
%! opts = struct ("loss", "bce", "reduction", "sum", "beta", 1, "kl_warmup_epochs", 0,
%!                "optimizer", "adam", "learn_rate", 1e-3, "momentum", 0, "batch_size", 4,
%!                "seed", 1, "threads", 1, "progress", true, "epochs", 3,
%!                "progress_after", 0);
%! out = evalc ('__autoencoder__ ("train_epoch", model, [], Xt, [], opts);');
%! assert (regexp (out, '^\repoch 1/3 \[#*\.*\] [0-9]+/10, [0-9]+ samples/s, 0:00 left'), 1);
%! assert (regexp (out, '\r +\r$'), numel (out) - numel (regexp (out, '\r +\r$', "match"){1}) + 1);
%! assert (evalc ('__autoencoder__ ("train_epoch", model, [], Xt, [], setfield (opts, "progress", false));'), "");
%! ## an epoch expected to be short draws nothing by default
%! assert (evalc ('__autoencoder__ ("train_epoch", model, [], Xt, [], rmfield (opts, "progress_after"));'), "");
%! fail ('__autoencoder__ ("train_epoch", model, [], Xt, [], setfield (opts, "epochs", -1))', "option epochs");

%!test
%! ## data as the core's columns in one pass: transposed rows, images in
%! ## order, uint8 scaled, logical as 0/1; the flags see NaN, Inf, values
%! ## beyond single's range and values outside [0, 1]
%! X = rand (37, 70);   # more than one 32 x 32 tile each way
%! [C, finite, unit] = __autoencoder__ ("columns", X, true);   # (Xt is shared)
%! assert (C, single (X.'));
%! assert (finite && unit);
%! I = uint8 (255 * rand (4, 4, 2, 3));
%! assert (__autoencoder__ ("columns", I, false), reshape (single (I) / 255, [], 3), 1e-7);
%! ## single data in column order are only checked (Octave reshapes them)
%! [C, finite, unit] = __autoencoder__ ("columns", single (I) / 255, false);
%! assert (isempty (C) && finite && unit);
%! [~, finite] = __autoencoder__ ("columns", single ([0.5 Inf]), false);
%! assert (! finite);
%! assert (__autoencoder__ ("columns", single ([1 2; 3 4]), true), single ([1 3; 2 4]));
%! assert (__autoencoder__ ("columns", [true false; false true], true), single ([1 0; 0 1]));
%! [~, finite] = __autoencoder__ ("columns", [1 NaN], true);
%! assert (! finite);
%! [~, finite] = __autoencoder__ ("columns", [1 1e39], true);
%! assert (! finite);
%! [~, finite, unit] = __autoencoder__ ("columns", [2 0.5], true);
%! assert (finite && ! unit);
%! fail ('__autoencoder__ ("columns", int16 (1), true)', "double, single, uint8 or logical");
%! fail ('__autoencoder__ ("columns", rand (2, 2, 2), true)', "N-by-D matrix");

%!test
%! ## the conversion is split over threads: a flag raised in the last
%! ## slice's samples only still shows
%! X = rand (101, 33);
%! X(97, 5) = NaN;
%! [~, finite] = __autoencoder__ ("columns", X, true);
%! assert (! finite);
%! [~, finite] = __autoencoder__ ("columns", reshape (X.', 3, 11, 101), false);
%! assert (! finite);
%! X(97, 5) = 1.5;
%! [C, finite, unit] = __autoencoder__ ("columns", X, true);
%! assert (finite && ! unit);
%! assert (C, single (X.'));

%!test
%! ## data kept in the gateway: read in place by the commands, released once
%! X = rand (40, 6);
%! n_kept = __autoencoder__ ("kept");
%! K = __autoencoder__ ("columns", X, true, true);
%! assert (isstruct (K) && K.rows == 6 && K.columns == 40);
%! assert (__autoencoder__ ("kept"), n_kept + 1);
%! net = ae_train (single (X), "HiddenSizes", 3, "Epochs", 1, "Verbose", false);
%! assert (__autoencoder__ ("forward", net, K, "reconstruct"),
%!         __autoencoder__ ("forward", net, single (X.'), "reconstruct"));
%! ## single data in column order are never kept: there is nothing to convert
%! assert (isempty (__autoencoder__ ("columns", single (X.'), false, true)));
%! __autoencoder__ ("release", K);
%! assert (__autoencoder__ ("kept"), n_kept);
%! fail ('__autoencoder__ ("forward", net, K, "reconstruct")', "was released");
%! fail ('__autoencoder__ ("forward", net, struct ("a", 1), "reconstruct")', "not kept data");

%!test
%! ## a training call keeps converted data for its epochs and releases them,
%! ## also when it fails; the model is the one single columns give
%! X = rand (50, 8);
%! n_kept = __autoencoder__ ("kept");
%! opts = {"HiddenSizes", 4, "Epochs", 2, "Verbose", false, "Seed", 3};
%! a = ae_train (X, opts{:});
%! b = ae_train (single (reshape (X.', 2, 4, 50)), opts{:});
%! assert (a.encoder, b.encoder);
%! assert (a.decoder, b.decoder);
%! assert (__autoencoder__ ("kept"), n_kept);
%! fail ('vae_train (X, "Epochs", 1, "LearnRate", -1)', "LearnRate");
%! assert (__autoencoder__ ("kept"), n_kept);

%!error id=autoencoder:io __autoencoder__ ("read_idx", "/nonexistent")
%!error id=autoencoder:invalidArgument __autoencoder__ ("read_idx", 42)

%!test
%! ## full-batch training by scaled conjugate gradient: resumable from its
%! ## state, and every bad state or option refused before any work
%! opts = struct ("loss", "mse", "reduction", "sum", "beta", 0, "sparsity_target", 0.1,
%!                "sparsity_weight", 1, "weight_decay", 1e-3, "threads", 1);
%! ae = ae_train (rand (20, 6), "LatentDim", 2, "HiddenSizes", 4, "Epochs", 0,
%!               "CodeActivation", "sigmoid", "Verbose", false);
%! [m4, state4, h4, status] = __autoencoder__ ("train_scg", ae, [], Xt, opts, 4);
%! assert (status, "ok");
%! assert (numel (h4.loss), 4);
%! assert (all (diff (h4.loss) <= 0));
%! [m2, state2] = __autoencoder__ ("train_scg", ae, [], Xt, opts, 2);
%! [m22, state22, h22] = __autoencoder__ ("train_scg", m2, state2, Xt, opts, 2);
%! assert (m22.encoder(1).W, m4.encoder(1).W);   # 2 + 2 iterations are 4, bit for bit
%! assert (state22.iteration, 4);
%! assert (h22.loss(end), h4.loss(end));
%! fail ('__autoencoder__ ("train_scg", ae, setfield (state4, "p", 1), Xt, opts, 1)', "state's p has 1 values; the model has");
%! fail ('__autoencoder__ ("train_scg", ae, setfield (state4, "lambda", -1), Xt, opts, 1)', "lambda must be finite and in");
%! fail ('__autoencoder__ ("train_scg", ae, setfield (state4, "success", NaN), Xt, opts, 1)', "success must be finite");
%! fail ('__autoencoder__ ("train_scg", ae, rmfield (state4, "r"), Xt, opts, 1)', "has no field 'r'");
%! fail ('__autoencoder__ ("train_scg", ae, 7, Xt, opts, 1)', "must be a struct or");
%! fail ('__autoencoder__ ("train_scg", ae, [], Xt, opts, -1)', "iteration count must be finite");
%! fail ('__autoencoder__ ("train_scg", ae, [], Xt, setfield (opts, "noise", "gaussian"), 1)', "not the contractive penalty or input noise");
%! fail ('__autoencoder__ ("train_scg", model, [], Xt, opts, 1)', "deterministic network");
%! fail ('__autoencoder__ ("train_scg", ae, [], Xt, opts)', "usage");
%! ## targets as the network's output (any loss), one per sample
%! [~, ~, h1] = __autoencoder__ ("train_scg", ae, [], Xt, opts, 1, single (rand (6, 10)));
%! assert (isfinite (h1.loss));
%! fail ('__autoencoder__ ("train_scg", ae, [], Xt, opts, 1, single (rand (5, 10)))', "targets has 5 values per sample, the model expects 6");
%! fail ('__autoencoder__ ("train_scg", ae, [], Xt, opts, 1, single (rand (6, 9)))', "match the samples one for one");
