#include "ae_gru.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "ae_fastmath.h"
#include "ae_threads.h"

/* As the LSTM's (ae_lstm.c): all steps' input projections in one product,
   then the recurrence split over the package's threads by samples, each
   slice running every step on its own samples with the recurrent product
   read in place from the sample-major h and the gates elementwise
   (vectorized). Backward keeps every step's recurrent-product gradients, so
   the recurrent weights' and bias's gradients are products over all steps
   at the end, not sums that the slices would share. The split depends on
   the thread count alone, and each sample's values do not depend on it. */

long
ae_gru_state_size (const ae_gru_shape_t *s)
{
  return (long) s->n_batch * s->n_steps * 4 * s->n_hidden + 3L * s->n_batch * s->n_hidden;
}

long
ae_gru_scratch_size (const ae_gru_shape_t *s)
{
  /* the input pre-activations' gradients [n][T][3H], the recurrent
     products' [n][T][3H], the hidden gradient carried back [n][H] and each
     sample's step gradient [n][H] */
  return 2L * s->n_batch * s->n_steps * 3 * s->n_hidden + 2L * s->n_batch * s->n_hidden;
}

/* One step of one sample: a [3H] (input pre-activations, replaced by the
   gates r, z, n), its recurrent products q [3H], and into hn [H] the
   candidate's q_n + rec_bias; h from h_prev (NULL: 0). */
AE_VECTOR_LOOP static void
step_forward (float *restrict a, float *restrict hn, float *restrict h, const float *restrict q,
              const float *restrict h_prev, const float *restrict rec_bias, int n_hidden)
{
  const int H = n_hidden;
  for (int j = 0; j < H; j++)
    {
      const float r = ae_fast_sigmoidf (a[j] + q[j]);
      const float z = ae_fast_sigmoidf (a[H + j] + q[H + j]);
      hn[j] = q[2 * H + j] + (rec_bias ? rec_bias[j] : 0.0f);
      const float n = ae_fast_tanhf (a[2 * H + j] + r * hn[j]);
      a[j] = r, a[H + j] = z, a[2 * H + j] = n;
      h[j] = (1.0f - z) * n + z * (h_prev ? h_prev[j] : 0.0f);
    }
}

typedef struct {
  float *h, *gates, *hn, *q;
  const float *w_rec, *rec_bias;
  const ae_gru_shape_t *s;
  /* backward */
  float *d_gates, *d_q, *carry, *step_dh;
  const float *d_h;
} gru_job_t;

/* Every step of samples [first, first + count). */
static void
forward_slice (void *arg, int slice, int first, int count)
{
  (void) slice;
  const gru_job_t *job = arg;
  const ae_gru_shape_t *s = job->s;
  const int T = s->n_steps, H = s->n_hidden, G = 3 * s->n_hidden;
  float *h = job->h + (long) first * T * H, *gates = job->gates + (long) first * T * G;
  float *hn = job->hn + (long) first * T * H, *q = job->q + (long) first * G;
  for (int t = 0; t < T; t++)
    {
      if (t > 0)   /* every sample's h[t-1] . w_rec */
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, count, G, H, 1.0f,
                     h + (long) (t - 1) * H, T * H, job->w_rec, G, 0.0f, q, G);
      else
        memset (q, 0, (size_t) count * G * sizeof *q);
      for (int b = 0; b < count; b++)
        {
          const long at = (long) b * T + t;
          if (t >= ae_sequence_length (s, first + b))
            {
              memset (h + at * H, 0, (size_t) H * sizeof *h);
              continue;
            }
          step_forward (gates + at * G, hn + at * H, h + at * H, q + (long) b * G,
                        t > 0 ? h + (at - 1) * H : NULL, job->rec_bias, H);
        }
    }
}

/* Slices of at least 8 samples: fewer do not pay for waking a thread. */
static int
sample_slices (const ae_gru_shape_t *s)
{
  const int most = s->n_batch / 8;
  return ae_slices_for (ae_num_threads (), most < 1 ? 1 : most);
}

void
ae_gru_forward (float *h, float *state, const float *x, const float *w_in, const float *w_rec,
                const float *bias, const float *rec_bias, const ae_gru_shape_t *s)
{
  const long rows = (long) s->n_batch * s->n_steps;
  const int G = 3 * s->n_hidden;
  gru_job_t job = { .h = h, .gates = state, .hn = state + rows * G,
                    .q = state + rows * G + rows * s->n_hidden, .w_rec = w_rec,
                    .rec_bias = rec_bias, .s = s };
  ae_recurrent_project (job.gates, x, w_in, bias, s, G);
  ae_run_slices (sample_slices (s), s->n_batch, forward_slice, &job);
}

/* One step of one sample backwards, from dh [H] (the step's output gradient
   and what the next step sent back): the input pre-activations' gradients
   d_a [3H], the recurrent products' d_q [3H], and into carry [H] the part of
   h_{t-1}'s gradient that bypasses the product (dh * z). */
AE_VECTOR_LOOP static void
step_backward (float *restrict d_a, float *restrict d_q, float *restrict carry,
               const float *restrict dh, const float *restrict gates,
               const float *restrict hn, const float *restrict h_prev, int n_hidden)
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

/* The steps in reverse for samples [first, first + count): their gradients
   at each step into d_gates and d_q, and the hidden gradient sent back
   (carry + d_q . w_rec^T). */
static void
backward_slice (void *arg, int slice, int first, int count)
{
  (void) slice;
  const gru_job_t *job = arg;
  const ae_gru_shape_t *s = job->s;
  const int T = s->n_steps, H = s->n_hidden, G = 3 * s->n_hidden;
  const long offset = (long) first * T;
  const float *gates = job->gates + offset * G, *hn = job->hn + offset * H;
  const float *h = job->h + offset * H, *d_h = job->d_h + offset * H;
  float *d_gates = job->d_gates + offset * G, *d_q = job->d_q + offset * G;
  float *dh = job->carry + (long) first * H, *step_dh = job->step_dh + (long) first * H;
  memset (dh, 0, (size_t) count * H * sizeof *dh);
  for (int t = T - 1; t >= 0; t--)
    {
      for (int b = 0; b < count; b++)
        {
          const long at = (long) b * T + t;
          float *carry = dh + (long) b * H, *mine = step_dh + (long) b * H;
          if (t >= ae_sequence_length (s, first + b))
            {
              memset (d_gates + at * G, 0, (size_t) G * sizeof *d_gates);
              memset (d_q + at * G, 0, (size_t) G * sizeof *d_q);
              memset (carry, 0, (size_t) H * sizeof *carry);
              continue;
            }
          for (int j = 0; j < H; j++)
            mine[j] = d_h[at * H + j] + carry[j];
          step_backward (d_gates + at * G, d_q + at * G, carry, mine, gates + at * G,
                         hn + at * H, t > 0 ? h + (at - 1) * H : NULL, H);
        }
      if (t > 0)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, count, H, G, 1.0f,
                     d_q + (long) t * G, T * G, job->w_rec, G, 1.0f, dh, H);
    }
}

/* d_w_rec += sum over samples and steps t >= 1 of h[t-1]^T d_q[t], as the
   LSTM's (every row of h with the next row of d_q, less the pairs across
   samples); d_rec_bias += the candidate's part of d_q over every step. The
   step 0 rows of d_q pair with no h: h[-1] is 0. */
static void
recurrent_gradients (float *d_w_rec, float *d_rec_bias, const float *h, const float *d_q,
                     const ae_gru_shape_t *s)
{
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 3 * s->n_hidden;
  const long rows = (long) n * T;
  if (d_rec_bias)
    for (long row = 0; row < rows; row++)
      for (int j = 0; j < H; j++)
        d_rec_bias[j] += d_q[row * G + 2 * H + j];
  if (rows < 2)
    return;
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, H, G, (int) (rows - 1), 1.0f, h, H,
               d_q + G, G, 1.0f, d_w_rec, G);
  if (n > 1)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, H, G, n - 1, -1.0f,
                 h + (long) (T - 1) * H, T * H, d_q + (long) T * G, T * G, 1.0f, d_w_rec, G);
}

void
ae_gru_backward (float *d_x, float *d_w_in, float *d_w_rec, float *d_bias, float *d_rec_bias,
                 float *scratch, const float *d_h, const float *x, const float *h,
                 const float *state, const float *w_in, const float *w_rec,
                 const ae_gru_shape_t *s)
{
  const int n = s->n_batch, H = s->n_hidden, G = 3 * s->n_hidden;
  const long rows = (long) n * s->n_steps;
  gru_job_t job = { .h = (float *) h, .gates = (float *) state,
                    .hn = (float *) state + rows * G, .w_rec = w_rec, .s = s,
                    .d_gates = scratch, .d_q = scratch + rows * G,
                    .carry = scratch + 2 * rows * G, .d_h = d_h };
  job.step_dh = job.carry + (long) n * H;
  ae_run_slices (sample_slices (s), n, backward_slice, &job);
  recurrent_gradients (d_w_rec, d_rec_bias, h, job.d_q, s);
  ae_recurrent_project_backward (d_x, d_w_in, d_bias, job.d_gates, x, w_in, s, G);
}
