/* The VAE's Gaussian latent head: q(z|x) = N(mu, diag(exp(logvar))),
   sampled by the reparameterization trick, with its KL divergence to N(0, I). */
#ifndef AE_GAUSSIAN_H
#define AE_GAUSSIAN_H

/* Layout: stats [n_batch][2 n_latent], each sample's mu then its logvar. */

/* z [n_batch][n_latent] = mu + exp(logvar / 2) * eps, eps [n_batch][n_latent] */
void ae_gaussian_forward (float *z, const float *stats, const float *eps,
                          int n_batch, int n_latent);

/* d_stats = (dz, dz * eps * exp(logvar / 2) / 2): the gradient through z only */
void ae_gaussian_backward (float *d_stats, const float *d_z, const float *stats,
                           const float *eps, int n_batch, int n_latent);

/* The KL term of the loss, value and gradient in one pass, as the penalties
   (ae_penalty.h) are: returns the sum over the batch of
   KL = -1/2 sum_j (1 + logvar_j - mu_j^2 - exp(logvar_j)), and when d_stats is
   not NULL adds scale * dKL/dstats = scale * (mu, (exp(logvar) - 1) / 2). */
double ae_gaussian_kl (float *d_stats, const float *stats, int n_batch, int n_latent,
                       float scale);

/* The same with free bits (Kingma et al. 2016) and the KL of each latent
   unit. The objective becomes sum_j max(free_bits, KL_j), KL_j the batch's
   mean KL in unit j, so a unit whose KL is below free_bits nats gets no
   gradient from the KL term (free_bits 0: ae_gaussian_kl's gradient). The
   value returned is the true summed KL all the same; unit_kl [n_latent]
   receives each unit's KL summed over the batch. */
double ae_gaussian_kl_terms (float *d_stats, const float *stats, int n_batch, int n_latent,
                             float scale, float free_bits, double *unit_kl);

#endif
