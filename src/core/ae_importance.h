/* Importance weights of a VAE's codes (Burda et al. 2016): for sample j and
   code k drawn from q(z|x_j) = N(mu_j, diag(sd_j^2)) as z = mu + sd eps,
     log w = log p(x_j | z) + log p(z) - log q(z | x_j),
   the terms whose log-mean-exp over k estimates log p(x_j) (vae_loglik) and
   whose mean over k is the ELBO's one-sample estimate. */
#ifndef AE_IMPORTANCE_H
#define AE_IMPORTANCE_H

#include "ae_loss.h"

/* Column-major layouts as the gateway passes them, with n_codes = n K and
   code c = k n + j for sample j (the k-th block of n codes holds each
   sample's k-th code):
     out   [n_codes][D]   the decoder's output: logits for AE_LOSS_BCE_LOGITS
                          (a Bernoulli likelihood), means for AE_LOSS_MSE (a
                          Gaussian of variance 1/2, so that -log p is the
                          squared error plus a constant) and AE_LOSS_L1 (a
                          Laplace distribution of scale 1);
     x     [n][D]         the samples;
     stats [n][2 L]       each sample's mu then its logvar;
     eps   [n_codes][L]   the standard normal draws behind the codes;
     log_w [n_codes]      the result, in double.
   Returns 0, or -1 for a loss without a likelihood (the softmax). */
int ae_importance_log_weights (double *log_w, const float *out, const float *x,
                               const float *stats, const float *eps, long n, long K,
                               int D, int L, ae_loss_t loss);

#endif
