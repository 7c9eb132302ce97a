#include "ae_lstm.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

/* The input projections of all steps in one product (llm.c's habit), then
   per step the recurrent product, read in place from the sample-major h with
   a leading dimension of T*H, and the gates elementwise. */

long
ae_lstm_state_size (const ae_lstm_shape_t *s)
{
  return (long) s->n_batch * s->n_steps * 5 * s->n_hidden;
}

long
ae_lstm_scratch_size (const ae_lstm_shape_t *s)
{
  return (long) s->n_batch * s->n_steps * 4 * s->n_hidden + 2L * s->n_batch * s->n_hidden
         + s->n_hidden;
}

/* One step of one sample: its pre-activations a [4H] become the gates, its
   cell c and hidden h [H] are written from the previous cell (NULL: 0). */
static void
step_forward (float *a, float *c, float *h, const float *c_prev, int n_hidden)
{
  for (int j = 0; j < n_hidden; j++)
    {
      const float i = ae_sigmoidf (a[j]), f = ae_sigmoidf (a[n_hidden + j]);
      const float g = tanhf (a[2 * n_hidden + j]), o = ae_sigmoidf (a[3 * n_hidden + j]);
      a[j] = i, a[n_hidden + j] = f, a[2 * n_hidden + j] = g, a[3 * n_hidden + j] = o;
      c[j] = (c_prev ? f * c_prev[j] : 0.0f) + i * g;
      h[j] = o * tanhf (c[j]);
    }
}

void
ae_lstm_forward (float *h, float *state, const float *x, const float *w_in,
                 const float *w_rec, const float *bias, const ae_lstm_shape_t *s)
{
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 4 * s->n_hidden;
  const long rows = (long) n * T;
  float *gates = state, *cells = state + rows * G;
  ae_recurrent_project (gates, x, w_in, bias, s, G);
  for (int t = 0; t < T; t++)
    {
      if (t > 0)   /* every sample's h[t-1] . w_rec, into its step-t gates */
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, G, H, 1.0f,
                     h + (long) (t - 1) * H, T * H, w_rec, G, 1.0f, gates + (long) t * G,
                     T * G);
      for (int b = 0; b < n; b++)
        {
          const long at = (long) b * T + t;
          if (t >= ae_sequence_length (s, b))
            {
              memset (h + at * H, 0, (size_t) H * sizeof *h);
              memset (cells + at * H, 0, (size_t) H * sizeof *cells);
              continue;
            }
          step_forward (gates + at * G, cells + at * H, h + at * H,
                        t > 0 ? cells + (at - 1) * H : NULL, H);
        }
    }
}

/* One step of one sample backwards: from dh (the step's output gradient and
   what the next step sent back) and the cell gradient dc carried back
   (replaced by the previous cell's), the pre-activation gradients d_a. */
static void
step_backward (float *d_a, float *dc, const float *dh, const float *gates, const float *c,
               const float *c_prev, int n_hidden)
{
  const int H = n_hidden;
  for (int j = 0; j < H; j++)
    {
      const float i = gates[j], f = gates[H + j], g = gates[2 * H + j], o = gates[3 * H + j];
      const float tanh_c = tanhf (c[j]);
      const float d_o = dh[j] * tanh_c;
      const float d_c = dc[j] + dh[j] * o * (1.0f - tanh_c * tanh_c);
      const float d_i = d_c * g, d_g = d_c * i, d_f = d_c * (c_prev ? c_prev[j] : 0.0f);
      dc[j] = d_c * f;
      d_a[j] = d_i * i * (1.0f - i);
      d_a[H + j] = d_f * f * (1.0f - f);
      d_a[2 * H + j] = d_g * (1.0f - g * g);
      d_a[3 * H + j] = d_o * o * (1.0f - o);
    }
}

/* The steps in reverse: every sample's pre-activation gradients at step t
   into d_gates, the hidden gradient sent back to step t-1 (d_a . w_rec^T)
   and the recurrent weights' gradient (h[t-1]^T . d_a). */
static void
steps_backward (float *d_gates, float *d_w_rec, float *carry, const float *d_h,
                const float *h, const float *state, const float *w_rec,
                const ae_lstm_shape_t *s)
{
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 4 * s->n_hidden;
  const float *gates = state, *cells = state + (long) n * T * G;
  float *dh = carry, *dc = carry + (long) n * H;
  float *step_dh = dc + (long) n * H;   /* H floats: dh plus the step's own */
  memset (carry, 0, 2 * (size_t) n * H * sizeof *carry);
  for (int t = T - 1; t >= 0; t--)
    {
      for (int b = 0; b < n; b++)
        {
          const long at = (long) b * T + t;
          if (t >= ae_sequence_length (s, b))
            {
              memset (d_gates + at * G, 0, (size_t) G * sizeof *d_gates);
              continue;
            }
          for (int j = 0; j < H; j++)
            step_dh[j] = d_h[at * H + j] + dh[(long) b * H + j];
          step_backward (d_gates + at * G, dc + (long) b * H, step_dh, gates + at * G,
                         cells + at * H, t > 0 ? cells + (at - 1) * H : NULL, H);
        }
      if (t == 0)
        break;
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, H, G, 1.0f,
                   d_gates + (long) t * G, T * G, w_rec, G, 0.0f, dh, H);
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, H, G, n, 1.0f,
                   h + (long) (t - 1) * H, T * H, d_gates + (long) t * G, T * G, 1.0f,
                   d_w_rec, G);
    }
}

void
ae_lstm_backward (float *d_x, float *d_w_in, float *d_w_rec, float *d_bias, float *scratch,
                  const float *d_h, const float *x, const float *h, const float *state,
                  const float *w_in, const float *w_rec, const ae_lstm_shape_t *s)
{
  const int G = 4 * s->n_hidden;
  const long rows = (long) s->n_batch * s->n_steps;
  float *d_gates = scratch;
  steps_backward (d_gates, d_w_rec, scratch + rows * G, d_h, h, state, w_rec, s);
  ae_recurrent_project_backward (d_x, d_w_in, d_bias, d_gates, x, w_in, s, G);
}
