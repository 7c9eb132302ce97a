## The regularized autoencoders on real MNIST digits (4,000 for training, the
## 2,004 test digits to judge): the sparse autoencoder's mean code activation
## reaches the target, and the denoising autoencoder restores noisy digits
## better than the plain one of the same size.

%!shared X, Xtest
%! [X, ~, Xtest] = ae_dataset ("mnist");
%! X = X(:,:,1:4000);

%!test
%! ## measured: mean activation 0.0621 for the target 0.05, test MSE 0.030
%! s = ae_train (X, "LatentDim", 64, "HiddenSizes", 256, "CodeActivation", "sigmoid",
%!               "SparsityTarget", 0.05, "SparsityWeight", 3, "Epochs", 30, "Seed", 3,
%!               "Verbose", false);
%! code = ae_encode (s, Xtest);
%! printf ("      sparse AE: mean activation %.4f (target 0.05), test MSE %.4f\n",
%!         mean (code(:)), ae_loss (s, Xtest));
%! assert (abs (mean (code(:)) - 0.05) < 0.02);
%! assert (ae_loss (s, Xtest) < 0.04);
%! assert (all (s.history.penalty > 0));
%! assert (s.history.loss, s.history.reconstruction + s.history.penalty, 1e-12);

%!test
%! ## measured: noisy 10.99 dB, plain AE 13.89 dB, denoising AE 14.46 dB
%! randn ("state", 5);
%! noisy = min (max (Xtest + 0.4 * randn (size (Xtest)), 0), 1);
%! opts = {"LatentDim", 32, "HiddenSizes", 256, "Epochs", 10, "Seed", 3, "Verbose", false};
%! plain = ae_train (X, opts{:});
%! denoising = ae_train (X, opts{:}, "Noise", "gaussian", "NoiseLevel", 0.4);
%! p_plain = ae_psnr (ae_reconstruct (plain, noisy), Xtest);
%! p_denoising = ae_psnr (ae_reconstruct (denoising, noisy), Xtest);
%! printf ("      PSNR of noisy digits %.2f dB; restored by the plain AE %.2f, the denoising AE %.2f\n",
%!         ae_psnr (noisy, Xtest), p_plain, p_denoising);
%! assert (p_denoising > p_plain + 0.3);
%! assert (p_plain > ae_psnr (noisy, Xtest));
