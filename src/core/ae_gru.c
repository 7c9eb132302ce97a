#include "ae_gru.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

/* As the LSTM's: all steps' input projections in one product, then per
   step the recurrent product (read in place from the sample-major h) and
   the gates elementwise. */

long
ae_gru_state_size (const ae_gru_shape_t *s)
{
  return (long) s->n_batch * s->n_steps * 4 * s->n_hidden + 3L * s->n_batch * s->n_hidden;
}

long
ae_gru_scratch_size (const ae_gru_shape_t *s)
{
  /* the input pre-activations' gradients [n][T][3H], one step's recurrent
     ones [n][3H], the hidden gradient carried back [n][H] and one step's [H] */
  return (long) s->n_batch * s->n_steps * 3 * s->n_hidden + 4L * s->n_batch * s->n_hidden
         + s->n_hidden;
}

/* One step of one sample: a [3H] (input pre-activations, replaced by the
   gates r, z, n), its recurrent products q [3H], and into hn [H] the
   candidate's q_n + rec_bias; h from h_prev (NULL: 0). */
static void
step_forward (float *a, float *hn, float *h, const float *q, const float *h_prev,
              const float *rec_bias, int n_hidden)
{
  const int H = n_hidden;
  for (int j = 0; j < H; j++)
    {
      const float r = ae_sigmoidf (a[j] + q[j]), z = ae_sigmoidf (a[H + j] + q[H + j]);
      hn[j] = q[2 * H + j] + (rec_bias ? rec_bias[j] : 0.0f);
      const float n = tanhf (a[2 * H + j] + r * hn[j]);
      a[j] = r, a[H + j] = z, a[2 * H + j] = n;
      h[j] = (1.0f - z) * n + z * (h_prev ? h_prev[j] : 0.0f);
    }
}

void
ae_gru_forward (float *h, float *state, const float *x, const float *w_in, const float *w_rec,
                const float *bias, const float *rec_bias, const ae_gru_shape_t *s)
{
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 3 * s->n_hidden;
  const long rows = (long) n * T;
  float *gates = state, *hn = state + rows * G, *q = hn + rows * H;
  ae_recurrent_project (gates, x, w_in, bias, s, G);
  for (int t = 0; t < T; t++)
    {
      if (t > 0)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, G, H, 1.0f,
                     h + (long) (t - 1) * H, T * H, w_rec, G, 0.0f, q, G);
      else
        memset (q, 0, (size_t) n * G * sizeof *q);
      for (int b = 0; b < n; b++)
        {
          const long at = (long) b * T + t;
          if (t >= ae_sequence_length (s, b))
            {
              memset (h + at * H, 0, (size_t) H * sizeof *h);
              continue;
            }
          step_forward (gates + at * G, hn + at * H, h + at * H, q + (long) b * G,
                        t > 0 ? h + (at - 1) * H : NULL, rec_bias, H);
        }
    }
}

/* One step of one sample backwards, from dh [H] (the step's output gradient
   and what the next step sent back): the input pre-activations' gradients
   d_a [3H], the recurrent products' d_q [3H], and into carry [H] the part of
   h_{t-1}'s gradient that bypasses the product (dh * z). */
static void
step_backward (float *d_a, float *d_q, float *carry, const float *dh, const float *gates,
               const float *hn, const float *h_prev, int n_hidden)
{
  const int H = n_hidden;
  for (int j = 0; j < H; j++)
    {
      const float r = gates[j], z = gates[H + j], n = gates[2 * H + j];
      const float d_n = dh[j] * (1.0f - z) * (1.0f - n * n);
      const float d_z = dh[j] * ((h_prev ? h_prev[j] : 0.0f) - n) * z * (1.0f - z);
      const float d_r = d_n * hn[j] * r * (1.0f - r);
      d_a[j] = d_q[j] = d_r;
      d_a[H + j] = d_q[H + j] = d_z;
      d_a[2 * H + j] = d_n;
      d_q[2 * H + j] = d_n * r;
      carry[j] = dh[j] * z;
    }
}

/* The steps in reverse: every sample's gradients at step t, the hidden
   gradient sent back (carry + d_q . w_rec^T), the recurrent weights' and the
   recurrent bias's gradients. */
static void
steps_backward (float *d_gates, float *d_w_rec, float *d_rec_bias, float *work,
                const float *d_h, const float *h, const float *state, const float *w_rec,
                const ae_gru_shape_t *s)
{
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 3 * s->n_hidden;
  const float *gates = state, *hn = state + (long) n * T * G;
  float *d_q = work, *dh = d_q + (long) n * G, *step_dh = dh + (long) n * H;
  memset (dh, 0, (size_t) n * H * sizeof *dh);
  for (int t = T - 1; t >= 0; t--)
    {
      for (int b = 0; b < n; b++)
        {
          const long at = (long) b * T + t;
          float *carry = dh + (long) b * H;
          if (t >= ae_sequence_length (s, b))
            {
              memset (d_gates + at * G, 0, (size_t) G * sizeof *d_gates);
              memset (d_q + (long) b * G, 0, (size_t) G * sizeof *d_q);
              memset (carry, 0, (size_t) H * sizeof *carry);
              continue;
            }
          for (int j = 0; j < H; j++)
            step_dh[j] = d_h[at * H + j] + carry[j];
          step_backward (d_gates + at * G, d_q + (long) b * G, carry, step_dh, gates + at * G,
                         hn + at * H, t > 0 ? h + (at - 1) * H : NULL, H);
          for (int j = 0; d_rec_bias && j < H; j++)
            d_rec_bias[j] += d_q[(long) b * G + 2 * H + j];
        }
      if (t == 0)
        break;
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, H, G, 1.0f, d_q, G, w_rec, G,
                   1.0f, dh, H);
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, H, G, n, 1.0f,
                   h + (long) (t - 1) * H, T * H, d_q, G, 1.0f, d_w_rec, G);
    }
}

void
ae_gru_backward (float *d_x, float *d_w_in, float *d_w_rec, float *d_bias, float *d_rec_bias,
                 float *scratch, const float *d_h, const float *x, const float *h,
                 const float *state, const float *w_in, const float *w_rec,
                 const ae_gru_shape_t *s)
{
  const int G = 3 * s->n_hidden;
  const long rows = (long) s->n_batch * s->n_steps;
  float *d_gates = scratch;
  steps_backward (d_gates, d_w_rec, d_rec_bias, scratch + rows * G, d_h, h, state, w_rec, s);
  ae_recurrent_project_backward (d_x, d_w_in, d_bias, d_gates, x, w_in, s, G);
}
