#include "ae_gaussian.h"

#include <math.h>

void
ae_gaussian_forward (float *z, const float *stats, const float *eps,
                     int n_batch, int n_latent)
{
  for (int b = 0; b < n_batch; b++)
    {
      const float *mu = stats + (long) b * 2 * n_latent;
      const float *logvar = mu + n_latent;
      for (int j = 0; j < n_latent; j++)
        {
          long k = (long) b * n_latent + j;
          z[k] = mu[j] + expf (0.5f * logvar[j]) * eps[k];
        }
    }
}

void
ae_gaussian_backward (float *d_stats, const float *d_z, const float *stats,
                      const float *eps, int n_batch, int n_latent)
{
  for (int b = 0; b < n_batch; b++)
    {
      const float *logvar = stats + (long) b * 2 * n_latent + n_latent;
      float *d_mu = d_stats + (long) b * 2 * n_latent;
      float *d_logvar = d_mu + n_latent;
      for (int j = 0; j < n_latent; j++)
        {
          long k = (long) b * n_latent + j;
          d_mu[j] = d_z[k];
          d_logvar[j] = d_z[k] * eps[k] * 0.5f * expf (0.5f * logvar[j]);
        }
    }
}

double
ae_gaussian_kl_terms (float *d_stats, const float *stats, int n_batch, int n_latent,
                      float scale, float free_bits, double *unit_kl)
{
  /* each unit's KL first: under free bits its gradient depends on it */
  for (int j = 0; j < n_latent; j++)
    unit_kl[j] = 0;
  for (int b = 0; b < n_batch; b++)
    {
      const float *mu = stats + (long) b * 2 * n_latent;
      const float *logvar = mu + n_latent;
      for (int j = 0; j < n_latent; j++)
        unit_kl[j] += -0.5 * (1.0 + logvar[j] - (double) mu[j] * mu[j] - exp (logvar[j]));
    }
  double kl = 0;
  for (int j = 0; j < n_latent; j++)
    kl += unit_kl[j];
  if (!d_stats)
    return kl;
  const double floor_sum = (double) free_bits * n_batch;
  for (int b = 0; b < n_batch; b++)
    {
      const float *mu = stats + (long) b * 2 * n_latent;
      const float *logvar = mu + n_latent;
      float *d_mu = d_stats + (long) b * 2 * n_latent;
      float *d_logvar = d_mu + n_latent;
      for (int j = 0; j < n_latent; j++)
        if (!(free_bits > 0 && unit_kl[j] < floor_sum))
          {
            d_mu[j] += scale * mu[j];
            d_logvar[j] += scale * 0.5f * (expf (logvar[j]) - 1.0f);
          }
    }
  return kl;
}

double
ae_gaussian_kl (float *d_stats, const float *stats, int n_batch, int n_latent, float scale)
{
  double kl = 0;
  for (int b = 0; b < n_batch; b++)
    {
      const float *mu = stats + (long) b * 2 * n_latent;
      const float *logvar = mu + n_latent;
      for (int j = 0; j < n_latent; j++)
        kl += -0.5 * (1.0 + logvar[j] - (double) mu[j] * mu[j] - exp (logvar[j]));
      if (!d_stats)
        continue;
      float *d_mu = d_stats + (long) b * 2 * n_latent;
      float *d_logvar = d_mu + n_latent;
      for (int j = 0; j < n_latent; j++)
        {
          d_mu[j] += scale * mu[j];
          d_logvar[j] += scale * 0.5f * (expf (logvar[j]) - 1.0f);
        }
    }
  return kl;
}
