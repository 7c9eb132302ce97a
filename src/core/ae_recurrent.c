#include "ae_recurrent.h"

#include <cblas.h>
#include <string.h>

void
ae_recurrent_project (float *gates, const float *x, const float *w_in, const float *bias,
                      const ae_sequence_shape_t *s, int n_gates)
{
  const long rows = (long) s->n_batch * s->n_steps;
  for (long r = 0; r < rows; r++)
    memcpy (gates + r * n_gates, bias, (size_t) n_gates * sizeof *gates);
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) rows, n_gates, s->n_in, 1.0f,
               x, s->n_in, w_in, n_gates, 1.0f, gates, n_gates);
}

void
ae_recurrent_project_backward (float *d_x, float *d_w_in, float *d_bias, const float *d_gates,
                               const float *x, const float *w_in,
                               const ae_sequence_shape_t *s, int n_gates)
{
  const long rows = (long) s->n_batch * s->n_steps;
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, s->n_in, n_gates, (int) rows, 1.0f, x,
               s->n_in, d_gates, n_gates, 1.0f, d_w_in, n_gates);
  for (long r = 0; r < rows; r++)
    for (int k = 0; k < n_gates; k++)
      d_bias[k] += d_gates[r * n_gates + k];
  if (d_x)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) rows, s->n_in, n_gates, 1.0f,
                 d_gates, n_gates, w_in, n_gates, 0.0f, d_x, s->n_in);
}
