#include "ae_penalty.h"

#include <math.h>
#include <string.h>

#include "ae_dense.h"

/* KL(rho || mean) of one unit, and its derivative with respect to mean. */
static double
sparsity_term (double rho, double mean, double *d_mean)
{
  mean = fmin (fmax (mean, 1e-6), 1 - 1e-6);
  *d_mean = -rho / mean + (1 - rho) / (1 - mean);
  return rho * log (rho / mean) + (1 - rho) * log ((1 - rho) / (1 - mean));
}

double
ae_sparsity_kl (float *d_h, const float *h, int n_batch, int n_units, float rho, float beta)
{
  double penalty = 0;
  for (int j = 0; j < n_units; j++)
    {
      double mean = 0, d_mean;
      for (int b = 0; b < n_batch; b++)
        mean += h[(long) b * n_units + j];
      penalty += sparsity_term (rho, mean / n_batch, &d_mean);
      if (d_h)
        {
          float g = (float) (beta / n_batch * d_mean);
          for (int b = 0; b < n_batch; b++)
            d_h[(long) b * n_units + j] += g;
        }
    }
  return beta * penalty;
}

double
ae_sparsity_kl_of_means (double *d_mean, const double *mean, int n_units, float rho,
                         float beta)
{
  double penalty = 0;
  for (int j = 0; j < n_units; j++)
    {
      double d;
      penalty += sparsity_term (rho, mean[j], &d);
      if (d_mean)
        d_mean[j] = beta * d;
    }
  return beta * penalty;
}

double
ae_l1_activity (float *d_h, const float *h, int n_batch, int n_units, float alpha)
{
  const long n = (long) n_batch * n_units;
  const float scale = alpha / n_batch;
  double sum = 0;
  for (long i = 0; i < n; i++)
    {
      sum += fabsf (h[i]);
      if (d_h)
        d_h[i] += scale * (float) ((h[i] > 0) - (h[i] < 0));
    }
  return scale * sum;
}

double
ae_weight_decay (float *grads, const float *params, const ae_net_t *net, float lambda)
{
  double sum = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const long n = layer->n_weights;   /* the weights, not the bias */
      const float *w = params + layer->param_offset;
      for (long k = 0; k < n; k++)
        {
          sum += (double) w[k] * w[k];
          if (grads)
            grads[layer->param_offset + k] += lambda * w[k];
        }
    }
  return 0.5 * lambda * sum;
}

int
ae_noise_parse (const char *name, ae_noise_t *kind)
{
  static const char *const names[] = { "none", "gaussian", "masking", "saltpepper" };
  for (int k = 0; k < 4; k++)
    if (strcmp (name, names[k]) == 0)
      {
        *kind = (ae_noise_t) k;
        return 0;
      }
  return -1;
}

void
ae_corrupt (float *x, size_t n, ae_noise_t kind, float level, ae_rng_t *rng)
{
  switch (kind)
    {
    case AE_NOISE_NONE:
      break;
    case AE_NOISE_GAUSSIAN:
      for (size_t i = 0; i < n; i += 256)
        {
          float noise[256];
          size_t m = n - i < 256 ? n - i : 256;
          ae_rng_normal (rng, noise, m);
          for (size_t k = 0; k < m; k++)
            x[i + k] += level * noise[k];
        }
      break;
    case AE_NOISE_MASKING:
      for (size_t i = 0; i < n; i++)
        if (ae_rng_uniform (rng) < level)
          x[i] = 0;
      break;
    case AE_NOISE_SALT_PEPPER:
      for (size_t i = 0; i < n; i++)
        if (ae_rng_uniform (rng) < level)
          x[i] = ae_rng_uniform (rng) < 0.5f ? 0.0f : 1.0f;
      break;
    }
}
