#include "ae_lstm.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "ae_fastmath.h"
#include "ae_threads.h"

/* The input projections of all steps in one product (llm.c's habit); then
   the recurrence, split over the package's threads by samples (they are
   independent): each slice runs every step on its own samples, the
   recurrent product read in place from the sample-major h with a leading
   dimension of T*H and the gates elementwise (vectorized, ae_fastmath.h).
   The per-step products are small (a batch's rows by 4H): shared among
   OpenBLAS's threads they spent most of the time waking them. Backward, the
   recurrent weights' gradient is two products over all steps at the end.
   The split depends on the thread count alone, and each sample's values
   do not depend on it. */

long
ae_lstm_state_size (const ae_lstm_shape_t *s)
{
  return (long) s->n_batch * s->n_steps * 5 * s->n_hidden;
}

long
ae_lstm_scratch_size (const ae_lstm_shape_t *s)
{
  return (long) s->n_batch * s->n_steps * 4 * s->n_hidden + 3L * s->n_batch * s->n_hidden;
}

/* One step of one sample: its pre-activations a [4H] become the gates, its
   cell c and hidden h [H] are written from the previous cell (NULL: 0). */
AE_VECTOR_LOOP static void
step_forward (float *restrict a, float *restrict c, float *restrict h,
              const float *restrict c_prev, int n_hidden)
{
  for (int j = 0; j < n_hidden; j++)
    {
      const float i = ae_fast_sigmoidf (a[j]), f = ae_fast_sigmoidf (a[n_hidden + j]);
      const float g = ae_fast_tanhf (a[2 * n_hidden + j]);
      const float o = ae_fast_sigmoidf (a[3 * n_hidden + j]);
      a[j] = i, a[n_hidden + j] = f, a[2 * n_hidden + j] = g, a[3 * n_hidden + j] = o;
      c[j] = (c_prev ? f * c_prev[j] : 0.0f) + i * g;
      h[j] = o * ae_fast_tanhf (c[j]);
    }
}

typedef struct {
  float *h, *gates, *cells;
  const float *w_rec;
  const ae_lstm_shape_t *s;
  /* backward */
  float *d_gates, *carry;
  const float *d_h;
} lstm_job_t;

/* Every step of samples [first, first + count). */
static void
forward_slice (void *arg, int slice, int first, int count)
{
  (void) slice;
  const lstm_job_t *job = arg;
  const ae_lstm_shape_t *s = job->s;
  const int T = s->n_steps, H = s->n_hidden, G = 4 * s->n_hidden;
  float *h = job->h + (long) first * T * H, *gates = job->gates + (long) first * T * G;
  float *cells = job->cells + (long) first * T * H;
  for (int t = 0; t < T; t++)
    {
      if (t > 0)   /* every sample's h[t-1] . w_rec, into its step-t gates */
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, count, G, H, 1.0f,
                     h + (long) (t - 1) * H, T * H, job->w_rec, G, 1.0f,
                     gates + (long) t * G, T * G);
      for (int b = 0; b < count; b++)
        {
          const long at = (long) b * T + t;
          if (t >= ae_sequence_length (s, first + b))
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

/* Slices of at least 8 samples: fewer do not pay for waking a thread. */
static int
sample_slices (const ae_lstm_shape_t *s)
{
  const int most = s->n_batch / 8;
  return ae_slices_for (ae_num_threads (), most < 1 ? 1 : most);
}

void
ae_lstm_forward (float *h, float *state, const float *x, const float *w_in,
                 const float *w_rec, const float *bias, const ae_lstm_shape_t *s)
{
  const long rows = (long) s->n_batch * s->n_steps;
  lstm_job_t job = { .h = h, .gates = state, .cells = state + rows * 4 * s->n_hidden,
                     .w_rec = w_rec, .s = s };
  ae_recurrent_project (job.gates, x, w_in, bias, s, 4 * s->n_hidden);
  ae_run_slices (sample_slices (s), s->n_batch, forward_slice, &job);
}

/* One step of one sample backwards: from dh (the step's output gradient and
   what the next step sent back) and the cell gradient dc carried back
   (replaced by the previous cell's), the pre-activation gradients d_a. */
AE_VECTOR_LOOP static void
step_backward (float *restrict d_a, float *restrict dc, const float *restrict dh,
               const float *restrict gates, const float *restrict c,
               const float *restrict c_prev, int n_hidden)
{
  const int H = n_hidden;
  for (int j = 0; j < H; j++)
    {
      const float i = gates[j], f = gates[H + j], g = gates[2 * H + j], o = gates[3 * H + j];
      const float tanh_c = ae_fast_tanhf (c[j]);
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

/* The steps in reverse for samples [first, first + count): their
   pre-activation gradients at each step into d_gates and the hidden
   gradient sent back to the step before (d_a . w_rec^T). */
static void
backward_slice (void *arg, int slice, int first, int count)
{
  (void) slice;
  const lstm_job_t *job = arg;
  const ae_lstm_shape_t *s = job->s;
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 4 * s->n_hidden;
  const long offset = (long) first * T;
  const float *gates = job->gates + offset * G, *cells = job->cells + offset * H;
  const float *d_h = job->d_h + offset * H;
  float *d_gates = job->d_gates + offset * G;
  float *dh = job->carry + (long) first * H, *dc = job->carry + ((long) n + first) * H;
  float *step_dh = job->carry + (2L * n + first) * H;   /* dh plus the step's own */
  memset (dh, 0, (size_t) count * H * sizeof *dh);
  memset (dc, 0, (size_t) count * H * sizeof *dc);
  for (int t = T - 1; t >= 0; t--)
    {
      for (int b = 0; b < count; b++)
        {
          const long at = (long) b * T + t;
          if (t >= ae_sequence_length (s, first + b))
            {
              memset (d_gates + at * G, 0, (size_t) G * sizeof *d_gates);
              continue;
            }
          float *mine = step_dh + (long) b * H;
          for (int j = 0; j < H; j++)
            mine[j] = d_h[at * H + j] + dh[(long) b * H + j];
          step_backward (d_gates + at * G, dc + (long) b * H, mine, gates + at * G,
                         cells + at * H, t > 0 ? cells + (at - 1) * H : NULL, H);
        }
      if (t > 0)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, count, H, G, 1.0f,
                     d_gates + (long) t * G, T * G, job->w_rec, G, 0.0f, dh, H);
    }
}

/* d_w_rec += sum over samples and steps t >= 1 of h[t-1]^T d_a[t]: one
   product pairing every row of h with the next row of d_gates, less the
   pairs that cross from one sample's last step into the next's first. */
static void
recurrent_weight_gradient (float *d_w_rec, const float *h, const float *d_gates,
                           const ae_lstm_shape_t *s)
{
  const int n = s->n_batch, T = s->n_steps, H = s->n_hidden, G = 4 * s->n_hidden;
  const long rows = (long) n * T;
  if (rows < 2)
    return;
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, H, G, (int) (rows - 1), 1.0f, h, H,
               d_gates + G, G, 1.0f, d_w_rec, G);
  if (n > 1)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, H, G, n - 1, -1.0f,
                 h + (long) (T - 1) * H, T * H, d_gates + (long) T * G, T * G, 1.0f, d_w_rec,
                 G);
}

void
ae_lstm_backward (float *d_x, float *d_w_in, float *d_w_rec, float *d_bias, float *scratch,
                  const float *d_h, const float *x, const float *h, const float *state,
                  const float *w_in, const float *w_rec, const ae_lstm_shape_t *s)
{
  const int G = 4 * s->n_hidden;
  const long rows = (long) s->n_batch * s->n_steps;
  lstm_job_t job = { .gates = (float *) state, .cells = (float *) state + rows * G,
                     .w_rec = w_rec, .s = s, .d_gates = scratch, .carry = scratch + rows * G,
                     .d_h = d_h };
  ae_run_slices (sample_slices (s), s->n_batch, backward_slice, &job);
  recurrent_weight_gradient (d_w_rec, h, job.d_gates, s);
  ae_recurrent_project_backward (d_x, d_w_in, d_bias, job.d_gates, x, w_in, s, G);
}
