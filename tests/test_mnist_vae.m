## End-to-end: a VAE trained on real MNIST digits from Octave reaches a stated
## test loss; its model survives save and load exactly; the rest of the
## user-facing calls work on it. Needs the data of tools/fetch-data.

%!shared model, Xtest, ytest
%! [X, ~, Xtest, ytest] = ae_dataset ("mnist");
%! ## the pytorch/examples network (784-400-20) on 4,000 digits, 10 epochs
%! model = vae_train (X(:,:,1:4000), "LatentDim", 20, "HiddenSizes", 400, "Epochs", 10,
%!                    "Verbose", false, "Seed", 7);

%!test
%! ## measured: epoch 1 averages 298 nats, the 2,004 test digits score 139.3
%! ## (reconstruction 121.0, KL 18.3); an untrained net scores about 545
%! assert (model.history.loss(1) > 250);
%! assert (all (diff (model.history.loss(2:end)) < 0));
%! [loss, recon, kl] = vae_loss (model, Xtest);
%! assert (loss < 145);
%! assert (kl > 10);   # no posterior collapse
%! assert (loss, recon + kl, 1e-9);

%!test
%! ## save and load keep the model exactly, in Octave's formats and MATLAB's
%! for fmt = {"-binary", "-text", "-v7"}
%!   name = [tempname() '.mat'];
%!   unwind_protect
%!     saved = model;
%!     save (fmt{1}, name, "saved");
%!     loaded = load (name).saved;
%!     assert (isequaln (loaded, model), [fmt{1} " did not round-trip the model"]);
%!     assert (vae_reconstruct (loaded, Xtest(:,:,1:5)), vae_reconstruct (model, Xtest(:,:,1:5)));
%!   unwind_protect_cleanup
%!     unlink (name);
%!   end_unwind_protect
%! endfor

%!test
%! ## the codes separate the classes: the class means of mu lie apart
%! [~, mu] = vae_encode (model, Xtest);
%! centers = cell2mat (arrayfun (@(d) mean (mu(ytest == d, :), 1), (0:9).', "UniformOutput", false));
%! gaps = sqrt (sum ((permute (centers, [1 3 2]) - permute (centers, [3 1 2])) .^ 2, 3));
%! assert (min (gaps(! eye (10))) > 0.5);
%! ## samples from the prior look like digits: their ink matches the data's
%! randn ("state", 1);
%! samples = vae_sample (model, 500);
%! assert (size (samples), [28 28 500]);
%! assert (mean (samples(:)), mean (Xtest(:)), 0.03);

%!test
%! ## an autoencoder of the same size reconstructs better than the VAE's mean code
%! [X] = ae_dataset ("mnist");
%! ae = ae_train (X(:,:,1:4000), "LatentDim", 20, "HiddenSizes", 400, "Epochs", 10,
%!                "Verbose", false, "Seed", 7);
%! mse_ae = mean ((ae_reconstruct (ae, Xtest) - Xtest)(:) .^ 2);
%! mse_vae = mean ((vae_reconstruct (model, Xtest) - Xtest)(:) .^ 2);
%! assert (ae_loss (ae, Xtest), mse_ae, 1e-6);
%! assert (mse_ae < mse_vae);
%! assert (mse_ae < 0.025);   # measured 0.0211
