/* Regularization of the classic autoencoders: sparsity penalties on the code,
   L2 weight decay, and the input corruption of denoising autoencoders. */
#ifndef AE_PENALTY_H
#define AE_PENALTY_H

#include <stddef.h>

#include "ae_net.h"
#include "ae_rng.h"

/* Sparsity as KL divergence: with rho_hat_j the mean of h[.][j] over the
   batch (kept inside (1e-6, 1 - 1e-6)), returns
   beta * sum_j rho log(rho / rho_hat_j) + (1 - rho) log((1 - rho) / (1 - rho_hat_j))
   and, when d_h is not NULL, adds its gradient to d_h [n_batch][n_units]:
   beta / n_batch * (-rho / rho_hat_j + (1 - rho) / (1 - rho_hat_j)). */
double ae_sparsity_kl (float *d_h, const float *h, int n_batch, int n_units, float rho,
                       float beta);

/* The same penalty from the units' means mean[n_units], computed elsewhere
   (over a whole data set, say); d_mean [n_units], when not NULL, gets its
   gradient with respect to each mean. */
double ae_sparsity_kl_of_means (double *d_mean, const double *mean, int n_units, float rho,
                                float beta);

/* L1 activity: returns alpha / n_batch * sum |h| (alpha times the mean over
   samples of sum_j |h_j|); d_h, when not NULL, += alpha / n_batch * sign(h). */
double ae_l1_activity (float *d_h, const float *h, int n_batch, int n_units, float alpha);

/* L2 weight decay on the dense and convolution weights (not the biases): returns
   lambda / 2 * sum w^2; grads, when not NULL, += lambda * w. */
double ae_weight_decay (float *grads, const float *params, const ae_net_t *net, float lambda);

typedef enum {
  AE_NOISE_NONE,
  AE_NOISE_GAUSSIAN,      /* x + level * N(0, 1) */
  AE_NOISE_MASKING,       /* each value zeroed with probability level */
  AE_NOISE_SALT_PEPPER    /* each value, with probability level, set to 0 or 1 (even odds) */
} ae_noise_t;

/* Parses "none", "gaussian", "masking", "saltpepper"; returns 0, or -1. */
int ae_noise_parse (const char *name, ae_noise_t *kind);

/* Corrupts x[n] in place, drawing from rng. */
void ae_corrupt (float *x, size_t n, ae_noise_t kind, float level, ae_rng_t *rng);

#endif
