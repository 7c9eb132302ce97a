## DCGAN from Octave: checkpoints, resumption bit for bit, saved models,
## and what the discriminator learns on a toy set.

%!shared X
%! ## 8x8 images of a blob at random places
%! rand ("seed", 3);
%! [i, j] = ndgrid (1:8, 1:8);
%! c = 2 + 4 * rand (2, 64);
%! X = reshape (exp (-((i(:) - c(1, :)) .^ 2 + (j(:) - c(2, :)) .^ 2) / 4), 8, 8, 1, 64);

%!test
%! ## 4 epochs at once, or 2 then 2 more from the checkpoint: the same model
%! args = {"LatentDim", 8, "BatchSize", 16, "Verbose", false, "Seed", 11};
%! whole = gan_train (X, args{:}, "Epochs", 4);
%! file = [tempname() '.model'];
%! unwind_protect
%!   first = gan_train (X, args{:}, "Epochs", 2, "CheckpointFile", file);
%!   resumed = gan_train (X, args{:}, "Epochs", 4, "Resume", file);
%!   loaded = ae_load_model (file);
%! unwind_protect_cleanup
%!   unlink (file);
%! end_unwind_protect
%! assert (loaded.kind, "gan");
%! assert (numel (loaded.history.gen_loss), 2);
%! assert (resumed.generator(1).W, whole.generator(1).W);
%! assert (resumed.discriminator(end).W, whole.discriminator(end).W);
%! assert (resumed.generator(2).mean, whole.generator(2).mean);
%! assert (resumed.history.disc_loss, whole.history.disc_loss);
%! assert (gan_sample (resumed, 2, "Seed", 1), gan_sample (whole, 2, "Seed", 1));

%!test
%! ## the discriminator learns to tell the toy images from the first
%! ## generator's: its mean output on real images rises above 0.5 while the
%! ## generator is still poor (30 epochs, 4 steps each)
%! m = gan_train (X, "LatentDim", 8, "BatchSize", 16, "Epochs", 30, "Verbose", false,
%!                "Seed", 2);
%! printf ("      toy DCGAN: D(x) %.3f -> %.3f, D(G(z)) %.3f -> %.3f\n",
%!         m.history.d_real([1 end]), m.history.d_fake([1 end]));
%! assert (all (isfinite (m.history.gen_loss)));
%! assert (m.history.d_real(end) > m.history.d_fake(end));

%!error <cannot change when training resumes>
%! m = gan_train (X, "LatentDim", 8, "Epochs", 1, "Verbose", false);
%! gan_train (X, "LatentDim", 8, "Epochs", 2, "LearnRate", 1e-3, "Resume", m, "Verbose", false);
%!error <X has samples of size \[4 4 1\], the model expects \[8 8 1\]>
%! m = gan_train (X, "LatentDim", 8, "Epochs", 1, "Verbose", false);
%! gan_train (rand (4, 4, 1, 8), "Epochs", 2, "Resume", m, "Verbose", false);
