## Training from an imageDatastore (ae_train, vae_train, gan_train,
## vaegan_train): the same model as training on the images in memory (same
## seed, same files), resumed the same way, with
## files gone or cut short skipped and named, and the refusals.

%!shared root   # (only the name)
%! root = tempname ();
%! mkdir (root);
%! rand ("seed", 11);
%! for k = 1:40
%!   image = uint8 (255 * rand (8, 6, 3) .* (0.5 + 0.5 * mod (k, 3)));
%!   if (mod (k, 2))
%!     imwrite (image, fullfile (root, sprintf ("%02d.png", k)));
%!   else
%!     imwrite (image, fullfile (root, sprintf ("%02d.jpg", k)), "Quality", 90);
%!   endif
%! endfor

%!test
%! ## one training in memory, one from the files, one resumed from the files
%! ds = imageDatastore (root);
%! X = ae_image_folder (root);
%! options = {"LatentDim", 3, "HiddenSizes", 12, "Epochs", 4, "BatchSize", 8, "Seed", 2, ...
%!            "Verbose", false};
%! in_memory = vae_train (X, options{:});
%! from_files = vae_train (ds, options{:});
%! assert (from_files.history.loss, in_memory.history.loss);
%! assert (from_files.encoder, in_memory.encoder);
%! assert (from_files.decoder, in_memory.decoder);
%! two = vae_train (ds, options{:}, "Epochs", 2);
%! resumed = vae_train (ds, "Resume", two, "Epochs", 4, "Verbose", false);
%! assert (resumed.history.loss, in_memory.history.loss);
%! ## a convolutional encoder whose input layer says the size: files resized
%! ## to it, grey on request of the layer
%! encoder = [imageInputLayer([4 4 1]), convolution2dLayer(3, 4, "Padding", "same"), reluLayer];
%! small = ae_train (ds, "Encoder", encoder, "LatentDim", 2, "Epochs", 1, "Verbose", false);
%! assert (small.input_size, [4 4 1]);
%! assert (isfinite (small.history.loss));
%! ## validation images from another datastore, read into memory
%! v = vae_train (subset (ds, 1:30), options{:}, "Epochs", 1, "ValidationData", subset (ds, 31:40));
%! assert (isfinite (v.history.val_loss));

%!test
%! ## a file removed and one cut short after the datastore listed them: left
%! ## out of their batches, named in a warning each epoch
%! d = tempname ();
%! copyfile (root, d);
%! unwind_protect
%!   ds = imageDatastore (d);
%!   delete (fullfile (d, "05.png"));
%!   fid = fopen (fullfile (d, "07.png"), "r+");
%!   fseek (fid, 40, SEEK_SET);
%!   fwrite (fid, zeros (1, 200, "uint8"));
%!   fclose (fid);
%!   fid = fopen (fullfile (d, "07.png"));
%!   bytes = fread (fid, Inf, "uint8=>uint8");
%!   fclose (fid);
%!   fid = fopen (fullfile (d, "07.png"), "w");
%!   fwrite (fid, bytes(1:60));
%!   fclose (fid);
%!   lastwarn ("");
%!   model = vae_train (ds, "LatentDim", 2, "HiddenSizes", 8, "Epochs", 2, "Verbose", false);
%!   [msg, id] = lastwarn ();
%!   assert (id, "autoencoder:unreadableImage");
%!   assert (! isempty (strfind (msg, "epoch 2 skipped 2 unreadable files")));
%!   assert (! isempty (strfind (msg, "05.png")) && ! isempty (strfind (msg, "07.png")));
%!   assert (all (isfinite (model.history.loss)));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## a GAN and a VAE-GAN from the files: the same as in memory (8x8
%! ## images: the default networks halve the size twice)
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   for k = 1:24
%!     imwrite (uint8 (255 * rand (8, 8, 3)), fullfile (d, sprintf ("%02d.png", k)));
%!   endfor
%!   ds = imageDatastore (d);
%!   X = ae_image_folder (d);
%!   options = {"LatentDim", 4, "Epochs", 2, "BatchSize", 8, "Seed", 3, "Verbose", false};
%!   in_memory = gan_train (X, options{:});
%!   from_files = gan_train (ds, options{:});
%!   assert (from_files.history.gen_loss, in_memory.history.gen_loss);
%!   assert (from_files.generator, in_memory.generator);
%!   in_memory = vaegan_train (X, options{:});
%!   from_files = vaegan_train (ds, options{:});
%!   assert (from_files.history.disc_loss, in_memory.history.disc_loss);
%!   assert (from_files.encoder, in_memory.encoder);
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## the refusals: files the C reader does not take, models it does not feed
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   imwrite (uint8 (magic (4)), fullfile (d, "a.bmp"));
%!   fail ('vae_train (imageDatastore (d), "Epochs", 1, "Verbose", false)',
%!         "trains from PNG and JPEG files.*a.bmp");
%!   ds = imageDatastore (root);
%!   fail ('vae_train (ds, "Labels", mod (1:40, 2), "Epochs", 1, "Verbose", false)',
%!         "takes no Targets and no Labels");
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## an augmentedImageDatastore: the files resized as they are read, the same
%! ## model as from ae_image_folder's resized images; mixed sizes refused
%! ## without it
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   for k = 1:12
%!     imwrite (uint8 (255 * rand (10 + mod (k, 3), 9, 3)), fullfile (d, sprintf ("%02d.png", k)));
%!   endfor
%!   imds = imageDatastore (d);
%!   fail ('vae_train (imds, "Epochs", 1, "Verbose", false)',
%!         "is 12x9, .*01.png 11x9: read them at one size with augmentedImageDatastore");
%!   ds = augmentedImageDatastore ([6 5], imds, "ColorPreprocessing", "rgb2gray");
%!   X = ae_image_folder (d, "Size", [6 5], "Color", "grey");
%!   options = {"LatentDim", 2, "HiddenSizes", 8, "Epochs", 2, "BatchSize", 4, "Seed", 5, ...
%!              "Verbose", false};
%!   in_memory = ae_train (X, options{:});
%!   from_files = ae_train (ds, options{:}, "ValidationData", subset (ds, 1:3));
%!   assert (from_files.history.loss, in_memory.history.loss);
%!   assert (from_files.input_size, [6 5 1]);
%!   assert (isfinite (from_files.history.val_loss));
%!   encoder = [imageInputLayer([4 4 1]), convolution2dLayer(3, 2, "Padding", "same"), reluLayer];
%!   fail ('ae_train (ds, "Encoder", encoder, "Epochs", 1, "Verbose", false)',
%!         "reads images of 6x5x1 where the network's imageInputLayer is 4x4x1");
%!   fail ('ae_train (ds, options{:}, "ValidationData", augmentedImageDatastore ([3 3], imds))',
%!         "reads images of 3x3x3 where the training images' size is 6x5x1");
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! confirm_recursive_rmdir (false, "local");
%! rmdir (root, "s");
