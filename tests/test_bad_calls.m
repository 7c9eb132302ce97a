## A battery of bad calls across every public function: each must raise an
## error whose identifier starts with "autoencoder:" (and never crash, which
## would end this Octave process and fail the run).

%!test
%! rand ("seed", 30);
%! X = rand (30, 6);
%! vae = vae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! ae = ae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! dir = tempname ();
%! mkdir (dir);
%! idx_truncated = fullfile (dir, "truncated.idx");
%! fid = fopen (idx_truncated, "w", "ieee-be"); fwrite (fid, [0 0 8 3], "uint8");
%! fwrite (fid, [100 28 28], "uint32"); fwrite (fid, 1:50, "uint8"); fclose (fid);
%! idx_garbage = fullfile (dir, "garbage.idx");
%! fid = fopen (idx_garbage, "w"); fwrite (fid, uint8 (255 * rand (1, 300))); fclose (fid);
%! idx_huge = fullfile (dir, "huge.idx");
%! fid = fopen (idx_huge, "w", "ieee-be"); fwrite (fid, [0 0 8 3], "uint8");
%! fwrite (fid, [4e9 4e9 4e9], "uint32"); fclose (fid);
%! idx_badtype = fullfile (dir, "badtype.idx");
%! fid = fopen (idx_badtype, "w", "ieee-be"); fwrite (fid, [0 0 7 1], "uint8");
%! fwrite (fid, 3, "uint32"); fwrite (fid, [1 2 3], "uint8"); fclose (fid);
%! ckpt_text = fullfile (dir, "text.ckpt");
%! fid = fopen (ckpt_text, "w"); fputs (fid, "# not a model\n1 2 3\n"); fclose (fid);
%! ckpt_truncated = fullfile (dir, "truncated.ckpt");
%! model = vae;
%! save ("-binary", ckpt_truncated, "model");
%! bytes = fileread (ckpt_truncated);
%! fid = fopen (ckpt_truncated, "w"); fwrite (fid, bytes(1:floor (end/2))); fclose (fid);
%! ckpt_other = fullfile (dir, "other.ckpt");
%! something = 3;
%! save ("-binary", ckpt_other, "something");
%! future = setfield (vae, "format_version", 99);
%! no_weights = vae;
%! no_weights.encoder(1).W = [];
%! wrong_b = vae;
%! wrong_b.decoder(end-1).b = ones (2, 1);
%!
%! calls = {
%!   ## vae_train: data
%!   'vae_train ("text")';
%!   'vae_train ({X, "text"})';
%!   'vae_train ({X, zeros(6, 0)})';
%!   'vae_train ({X.'', X})';
%!   'vae_train (struct ("x", X))';
%!   'vae_train (X + 2i)';
%!   'vae_train (sparse (X))';
%!   'vae_train ([])';
%!   'vae_train (zeros (5, 0))';
%!   'vae_train ([X; NaN(1, 6)])';
%!   'vae_train ([X; -Inf(1, 6)])';
%!   'vae_train (rand (2, 2, 2, 2, 2))';
%!   'vae_train (X * 3)';
%!   'vae_train (-X)';
%!   ## vae_train: options
%!   'vae_train (X, "Epochs", -1)';
%!   'vae_train (X, "Epochs", NaN)';
%!   'vae_train (X, "Epochs", [1 2])';
%!   'vae_train (X, "Epochs", "ten")';
%!   'vae_train (X, "BatchSize", 0)';
%!   'vae_train (X, "LatentDim", 7)';
%!   'vae_train (X, "LatentDim", 0)';
%!   'vae_train (X, "LearnRate", -1)';
%!   'vae_train (X, "LearnRate", Inf)';
%!   'vae_train (X, "Beta", NaN)';
%!   'vae_train (X, "KLWarmupEpochs", -2)';
%!   'vae_train (X, "Optimizer", "lbfgs")';
%!   'vae_train (X, "Loss", 3)';
%!   'vae_train (X, "Activation", "gelu")';
%!   'vae_train (X, "HiddenSizes", [4 0])';
%!   'vae_train (X, "HiddenSizes", "big")';
%!   'vae_train (X, "Seed", -3)';
%!   'vae_train (X, "Seed", 1.5)';
%!   'vae_train (X, "Threads", 0)';
%!   'vae_train (X, "Momentum", 2)';
%!   'vae_train (X, "Verbose", [1 1])';
%!   'vae_train (X, "Epochz", 3)';
%!   'vae_train (X, "Epochs")';
%!   'vae_train (X, 3, 4)';
%!   'vae_train (X, "ValidationData", rand (3, 5))';
%!   'vae_train (X, "ValidationData", [X; NaN(1, 6)])';
%!   'vae_train (X, "ValidationPatience", 2)';
%!   'vae_train (X, "CheckpointEvery", 0)';
%!   'vae_train (X, "Resume", ckpt_text)';
%!   'vae_train (X, "Resume", ckpt_truncated)';
%!   'vae_train (X, "Resume", ckpt_other)';
%!   'vae_train (X, "Resume", future)';
%!   'vae_train (X, "Resume", ae)';
%!   'vae_train (X, "Resume", vae, "Beta", 3)';
%!   ## ae_train
%!   'ae_train (X, "Beta", 1)';
%!   'ae_train (X, "LatentDim", 100)';
%!   'ae_train (X, "Threads", 2.5)';
%!   'ae_train (X, "Loss", "bce", "OutputActivation", "identity")';
%!   ## encoders, decoders, samplers, losses
%!   'vae_encode (vae, rand (3, 5))';
%!   'vae_encode (vae, "abc")';
%!   'vae_encode (ae, X)';
%!   'vae_encode (future, X)';
%!   'vae_encode (struct ("kind", "vae"), X)';
%!   'vae_encode (42, X)';
%!   'vae_encode (no_weights, X)';
%!   'vae_decode (vae, rand (3, 3))';
%!   'vae_decode (wrong_b, rand (3, 2))';
%!   'vae_decode (vae, [1 NaN])';
%!   'vae_decode (vae, rand (2, 2, 2))';
%!   'vae_sample (vae, -1)';
%!   'vae_sample (vae, 2.5)';
%!   'vae_sample (vae, "n")';
%!   'vae_sample (ae, 3)';
%!   'vae_reconstruct (vae, X(:, 1:5))';
%!   'vae_loss (vae, X, "Beta", -1)';
%!   'vae_loss (vae, X, "Seed", "x")';
%!   'vae_loss (ae, X)';
%!   'ae_encode (vae, rand (2, 7))';
%!   'ae_decode (ae, rand (2, 3))';
%!   'ae_reconstruct (ae, complex (X))';
%!   'ae_loss (vae, X)';
%!   'ae_loss (ae, sparse (X))';
%!   ## data
%!   'ae_read_idx (idx_truncated)';
%!   'ae_read_idx (idx_garbage)';
%!   'ae_read_idx (idx_huge)';
%!   'ae_read_idx (idx_badtype)';
%!   'ae_read_idx (fullfile (dir, "missing.idx"))';
%!   'ae_read_idx (["a"; "b"])';
%!   'ae_read_idx (dir)';
%!   'ae_dataset ("imagenet")';
%!   'ae_dataset ("mnist", dir)';
%!   'ae_dataset (7)';
%! };
%! unwind_protect
%!   n_checked = 0;
%!   for k = 1:numel (calls)
%!     try
%!       eval ([calls{k} ";"]);
%!       error ("test:noError", "no error from: %s", calls{k});
%!     catch err
%!       if (! strncmp (err.identifier, "autoencoder:", 12))
%!         error ("test:badIdentifier", "%s: identifier '%s' (%s)", calls{k},
%!                err.identifier, err.message);
%!       endif
%!     end_try_catch
%!     n_checked++;
%!   endfor
%!   assert (n_checked >= 50);
%!   printf ("      %d bad calls, each an autoencoder: error\n", n_checked);
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (dir, "s");
%! end_unwind_protect
