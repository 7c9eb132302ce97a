#include "ae_dense.h"
#include "autoencoder.h"

#include <cblas.h>
#include <sched.h>

void
ae_dense_forward (float *out, const float *in, const float *weight,
                  const float *bias, int n_batch, int n_in, int n_out)
{
  for (int b = 0; b < n_batch; b++)
    for (int o = 0; o < n_out; o++)
      out[(long) b * n_out + o] = bias[o];
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n_batch, n_out, n_in,
               1.0f, in, n_in, weight, n_out, 1.0f, out, n_out);
}

void
ae_dense_backward (float *d_in, float *d_weight, float *d_bias,
                   const float *d_out, const float *in, const float *weight,
                   int n_batch, int n_in, int n_out)
{
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, n_in, n_out, n_batch,
               1.0f, in, n_in, d_out, n_out, 1.0f, d_weight, n_out);
  for (int b = 0; b < n_batch; b++)
    for (int o = 0; o < n_out; o++)
      d_bias[o] += d_out[(long) b * n_out + o];
  if (d_in)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n_batch, n_in, n_out,
                 1.0f, d_out, n_out, weight, n_out, 0.0f, d_in, n_in);
}

/* Never more threads than the cores this process may run on: OpenBLAS's
   threads beyond them spin waiting for each other (1000 threads on 2 busy
   cores never finished a product). The Octave front warns before it gets here. */
void
ae_set_num_threads (int n_threads)
{
  cpu_set_t allowed;
  int cores = sched_getaffinity (0, sizeof allowed, &allowed) == 0 ? CPU_COUNT (&allowed) : 1;
  if (n_threads > cores)
    n_threads = cores;
  openblas_set_num_threads (n_threads < 1 ? 1 : n_threads);
}
