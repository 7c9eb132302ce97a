#include "ae_batchnorm.h"

#include <math.h>
#include <stddef.h>

#include "ae_threads.h"

/* The values of channel c of sample b. */
static inline long
plane (int b, int c, int n_channels, long n_positions)
{
  return ((long) b * n_channels + c) * n_positions;
}

/* Channels are independent: large passes are split over the threads by
   channels, each thread's channels computed as one thread would (the same
   bits for any count). */
enum { SPLIT_VALUES = 1 << 15 };

typedef struct {
  float *out, *d_in, *d_gamma, *d_beta;
  float *mean, *inv_std, *var;                 /* the training forward pass's */
  const float *saved_mean, *saved_inv_std;     /* what the backward pass reads */
  const float *in, *d_out, *gamma, *beta;
  int n_batch, n_channels;
  long n_positions;
  float eps;
} batchnorm_job_t;

static void
over_channels (batchnorm_job_t *job, ae_slice_work_t work)
{
  const long values = (long) job->n_batch * job->n_channels * job->n_positions;
  ae_run_slices (ae_slices_above (ae_num_threads (), job->n_channels, values, SPLIT_VALUES),
                 job->n_channels, work, job);
}

static void
forward_train_channels (void *arg, int thread, int first, int count)
{
  batchnorm_job_t *job = arg;
  float *out = job->out, *mean = job->mean, *inv_std = job->inv_std, *var = job->var;
  const float *in = job->in, *gamma = job->gamma, *beta = job->beta;
  const int n_batch = job->n_batch, n_channels = job->n_channels;
  const long n_positions = job->n_positions;
  const float eps = job->eps;
  (void) thread;
  const double m = (double) n_batch * n_positions;
  for (int c = first; c < first + count; c++)
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
ae_batchnorm_forward_train (float *out, const float *in, const float *gamma,
                            const float *beta, int n_batch, int n_channels, long n_positions,
                            float eps, float *mean, float *inv_std, float *var)
{
  batchnorm_job_t job = { .out = out, .in = in, .gamma = gamma, .beta = beta,
                          .n_batch = n_batch, .n_channels = n_channels,
                          .n_positions = n_positions, .eps = eps, .mean = mean,
                          .inv_std = inv_std, .var = var };
  over_channels (&job, forward_train_channels);
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

static void
backward_channels (void *arg, int thread, int first, int count)
{
  batchnorm_job_t *job = arg;
  float *d_in = job->d_in, *d_gamma = job->d_gamma, *d_beta = job->d_beta;
  const float *d_out = job->d_out, *in = job->in, *gamma = job->gamma;
  const float *mean = job->saved_mean, *inv_std = job->saved_inv_std;
  const int n_batch = job->n_batch, n_channels = job->n_channels;
  const long n_positions = job->n_positions;
  (void) thread;
  const double m = (double) n_batch * n_positions;
  for (int c = first; c < first + count; c++)
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
      if (d_gamma)
        {
          d_beta[c] += (float) sum_dy;
          d_gamma[c] += (float) sum_dy_xhat;
        }
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
ae_batchnorm_backward (float *d_in, float *d_gamma, float *d_beta, const float *d_out,
                       const float *in, const float *gamma, const float *mean,
                       const float *inv_std, int n_batch, int n_channels, long n_positions)
{
  batchnorm_job_t job = { .d_in = d_in, .d_gamma = d_gamma, .d_beta = d_beta, .d_out = d_out,
                          .in = in, .gamma = gamma, .saved_mean = mean,
                          .saved_inv_std = inv_std, .n_batch = n_batch,
                          .n_channels = n_channels, .n_positions = n_positions };
  over_channels (&job, backward_channels);
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
