## A linear autoencoder (no hidden layer, identity activations, MSE) learns
## the PCA subspace: its decoder spans the leading principal components and
## its reconstruction error comes within 1% of PCA's, which no linear code
## can beat.

%!test
%! randn ("seed", 80);
%! Q = orth (randn (10));
%! X = randn (2000, 10) * diag ([3 2.5 2 0.6 0.5 0.4 0.3 0.2 0.1 0.05]) * Q.' + 1;
%! pca = ae_pca (X, 3);
%! ae = ae_train (X, "LatentDim", 3, "HiddenSizes", [], "Activation", "identity",
%!                "OutputActivation", "identity", "Epochs", 200, "BatchSize", 256,
%!                "LearnRate", 1e-2, "Verbose", false);
%! ## measured: largest principal angle 0.0066 rad, error ratio 1.0020
%! angle = subspace (double (ae.decoder(1).W), pca.components);
%! ratio = ae_loss (ae, X) / ae_loss (pca, X);
%! printf ("      largest principal angle %.4f rad, AE/PCA error %.4f\n", angle, ratio);
%! assert (angle < 0.02);
%! assert (ratio < 1.01);
%! assert (ratio > 1 - 1e-5);
%! ## PCA's error is the variance its code leaves out
%! assert (ae_loss (pca, X), sum (var (X)) * (1 - sum (pca.explained_variance_ratio)) * 1999 / 2000 / 10, 1e-10);
