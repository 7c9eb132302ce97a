#include "ae_batchnorm.h"

#include <math.h>
#include <stddef.h>

/* The values of channel c of sample b. */
static inline long
plane (int b, int c, int n_channels, long n_positions)
{
  return ((long) b * n_channels + c) * n_positions;
}

void
ae_batchnorm_forward_train (float *out, const float *in, const float *gamma,
                            const float *beta, int n_batch, int n_channels, long n_positions,
                            float eps, float *mean, float *inv_std, float *var)
{
  const double m = (double) n_batch * n_positions;
  for (int c = 0; c < n_channels; c++)
    {
      /* two passes in double: the mean, then the squared deviations */
      double sum = 0;
      for (int b = 0; b < n_batch; b++)
        {
          const float *x = in + plane (b, c, n_channels, n_positions);
          for (long p = 0; p < n_positions; p++)
            sum += x[p];
        }
      const double mu = sum / m;
      double squares = 0;
      for (int b = 0; b < n_batch; b++)
        {
          const float *x = in + plane (b, c, n_channels, n_positions);
          for (long p = 0; p < n_positions; p++)
            squares += (x[p] - mu) * (x[p] - mu);
        }
      mean[c] = (float) mu;
      var[c] = (float) (squares / m);
      inv_std[c] = (float) (1.0 / sqrt (squares / m + eps));
      const float scale = gamma[c] * inv_std[c], shift = beta[c] - scale * mean[c];
      for (int b = 0; b < n_batch; b++)
        {
          const long at = plane (b, c, n_channels, n_positions);
          for (long p = 0; p < n_positions; p++)
            out[at + p] = scale * in[at + p] + shift;
        }
    }
}

void
ae_batchnorm_forward_eval (float *out, const float *in, const float *gamma, const float *beta,
                           const float *running_mean, const float *running_var, int n_batch,
                           int n_channels, long n_positions, float eps)
{
  for (int c = 0; c < n_channels; c++)
    {
      const float scale = gamma[c] / sqrtf (running_var[c] + eps);
      const float shift = beta[c] - scale * running_mean[c];
      for (int b = 0; b < n_batch; b++)
        {
          const long at = plane (b, c, n_channels, n_positions);
          for (long p = 0; p < n_positions; p++)
            out[at + p] = scale * in[at + p] + shift;
        }
    }
}

void
ae_batchnorm_backward (float *d_in, float *d_gamma, float *d_beta, const float *d_out,
                       const float *in, const float *gamma, const float *mean,
                       const float *inv_std, int n_batch, int n_channels, long n_positions)
{
  const double m = (double) n_batch * n_positions;
  for (int c = 0; c < n_channels; c++)
    {
      double sum_dy = 0, sum_dy_xhat = 0;
      for (int b = 0; b < n_batch; b++)
        {
          const long at = plane (b, c, n_channels, n_positions);
          for (long p = 0; p < n_positions; p++)
            {
              sum_dy += d_out[at + p];
              sum_dy_xhat += (double) d_out[at + p] * (in[at + p] - mean[c]) * inv_std[c];
            }
        }
      d_beta[c] += (float) sum_dy;
      d_gamma[c] += (float) sum_dy_xhat;
      if (!d_in)
        continue;
      const float k = gamma[c] * inv_std[c];
      const float mean_dy = (float) (sum_dy / m), mean_dy_xhat = (float) (sum_dy_xhat / m);
      for (int b = 0; b < n_batch; b++)
        {
          const long at = plane (b, c, n_channels, n_positions);
          for (long p = 0; p < n_positions; p++)
            {
              const float x_hat = (in[at + p] - mean[c]) * inv_std[c];
              d_in[at + p] = k * (d_out[at + p] - mean_dy - x_hat * mean_dy_xhat);
            }
        }
    }
}

void
ae_batchnorm_update_running (float *running_mean, float *running_var, const float *mean,
                             const float *var, int n_channels, long m, float mean_decay,
                             float variance_decay)
{
  const float unbiased = m > 1 ? (float) m / (float) (m - 1) : 1.0f;
  for (int c = 0; c < n_channels; c++)
    {
      running_mean[c] += mean_decay * (mean[c] - running_mean[c]);
      running_var[c] += variance_decay * (unbiased * var[c] - running_var[c]);
    }
}
