#include "ae_dense.h"
#include "ae_threads.h"

#include <cblas.h>

/* A pass split over the threads (ae_threads.h): the products are cut along
   a dimension that no sum runs over (the batch, or the weight gradient's
   rows), so no partial sums are needed and every thread count gives the one
   thread's results to rounding (OpenBLAS's kernels treat a slice's edge rows
   their own way). */
typedef struct {
  float *out, *d_in, *d_weight;
  const float *in, *d_out, *weight, *bias;
  int n_in, n_out, n_batch;
} dense_job_t;

static void
forward_rows (void *arg, int thread, int first, int count)
{
  const dense_job_t *job = arg;
  (void) thread;
  const int n_out = job->n_out;
  float *out = job->out + (long) first * n_out;
  for (int b = 0; b < count; b++)
    for (int o = 0; o < n_out; o++)
      out[(long) b * n_out + o] = job->bias[o];
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, count, n_out, job->n_in, 1.0f,
                 job->in + (long) first * job->n_in, job->n_in, job->weight, n_out, 1.0f, out,
                 n_out);
}

void
ae_dense_forward (float *out, const float *in, const float *weight, const float *bias,
                  int n_batch, int n_in, int n_out, int n_threads)
{
  const dense_job_t job = { .out = out, .in = in, .weight = weight, .bias = bias,
                            .n_in = n_in, .n_out = n_out, .n_batch = n_batch };
  ae_run_slices (ae_slices_for (n_threads, n_batch), n_batch, forward_rows, (void *) &job);
}

/* d_weight rows [first, first + count) += in[:, rows]^T . d_out */
static void
weight_gradient_rows (void *arg, int thread, int first, int count)
{
  const dense_job_t *job = arg;
  (void) thread;
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, count, job->n_out, job->n_batch,
                 1.0f, job->in + first, job->n_in, job->d_out, job->n_out, 1.0f,
                 job->d_weight + (long) first * job->n_out, job->n_out);
}

/* d_in rows (samples) [first, first + count) = d_out . weight^T */
static void
input_gradient_rows (void *arg, int thread, int first, int count)
{
  const dense_job_t *job = arg;
  (void) thread;
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, count, job->n_in, job->n_out, 1.0f,
                 job->d_out + (long) first * job->n_out, job->n_out, job->weight, job->n_out,
                 0.0f, job->d_in + (long) first * job->n_in, job->n_in);
}

void
ae_dense_backward (float *d_in, float *d_weight, float *d_bias, const float *d_out,
                   const float *in, const float *weight, int n_batch, int n_in, int n_out,
                   int n_threads)
{
  const dense_job_t job = { .d_in = d_in, .d_weight = d_weight, .in = in, .d_out = d_out,
                            .weight = weight, .n_in = n_in, .n_out = n_out,
                            .n_batch = n_batch };
  if (d_weight)
    {
      ae_run_slices (ae_slices_for (n_threads, n_in), n_in, weight_gradient_rows, (void *) &job);
      for (int b = 0; b < n_batch; b++)
        for (int o = 0; o < n_out; o++)
          d_bias[o] += d_out[(long) b * n_out + o];
    }
  if (d_in)
    ae_run_slices (ae_slices_for (n_threads, n_batch), n_batch, input_gradient_rows,
                   (void *) &job);
}
