#include "ae_bilstm.h"

#include <string.h>

/* The state: each direction's LSTM state, the reversed input [n][T][C] and
   each direction's outputs [n][T][H] (the backward one in reversed time). */
typedef struct {
  float *forward, *backward, *x_reversed, *h_forward, *h_reversed;
} bilstm_state_t;

static bilstm_state_t
state_parts (float *state, const ae_sequence_shape_t *s)
{
  const long lstm = ae_lstm_state_size (s), steps = (long) s->n_batch * s->n_steps;
  bilstm_state_t p = { state, state + lstm, state + 2 * lstm, NULL, NULL };
  p.h_forward = p.x_reversed + steps * s->n_in;
  p.h_reversed = p.h_forward + steps * s->n_hidden;
  return p;
}

long
ae_bilstm_direction_size (const ae_sequence_shape_t *s)
{
  return 4L * s->n_hidden * (s->n_in + s->n_hidden + 1);
}

long
ae_bilstm_state_size (const ae_sequence_shape_t *s)
{
  const long steps = (long) s->n_batch * s->n_steps;
  return 2 * ae_lstm_state_size (s) + steps * (s->n_in + 2L * s->n_hidden);
}

long
ae_bilstm_scratch_size (const ae_sequence_shape_t *s)
{
  const long steps = (long) s->n_batch * s->n_steps;
  return ae_lstm_scratch_size (s) + steps * (2L * s->n_hidden + s->n_in);
}

/* Step t of sample b seen from the other end of its length: its index in
   the reversed sequence, or -1 for padding. */
static long
mirrored (const ae_sequence_shape_t *s, int b, int t)
{
  const int length = ae_sequence_length (s, b);
  return t < length ? (long) b * s->n_steps + (length - 1 - t) : -1;
}

/* to [n][T][width] = from with each sample's valid steps in reverse order
   (added when accumulate), padding 0 (untouched when accumulating). */
static void
reverse_steps (float *to, const float *from, const ae_sequence_shape_t *s, int width,
               int accumulate)
{
  for (int b = 0; b < s->n_batch; b++)
    for (int t = 0; t < s->n_steps; t++)
      {
        float *out = to + ((long) b * s->n_steps + t) * width;
        const long at = mirrored (s, b, t);
        for (int k = 0; k < width; k++)
          {
            const float value = at >= 0 ? from[at * width + k] : 0.0f;
            out[k] = accumulate ? out[k] + value : value;
          }
      }
}

static void
direction (const float *params, const ae_sequence_shape_t *s, const float **w_in,
           const float **w_rec, const float **bias)
{
  *w_in = params;
  *w_rec = params + 4L * s->n_hidden * s->n_in;
  *bias = *w_rec + 4L * s->n_hidden * s->n_hidden;
}

void
ae_bilstm_forward (float *h, float *state, const float *x, const float *params,
                   const ae_sequence_shape_t *s)
{
  const int H = s->n_hidden;
  const bilstm_state_t p = state_parts (state, s);
  const float *w_in, *w_rec, *bias;
  direction (params, s, &w_in, &w_rec, &bias);
  ae_lstm_forward (p.h_forward, p.forward, x, w_in, w_rec, bias, s);
  reverse_steps (p.x_reversed, x, s, s->n_in, 0);
  direction (params + ae_bilstm_direction_size (s), s, &w_in, &w_rec, &bias);
  ae_lstm_forward (p.h_reversed, p.backward, p.x_reversed, w_in, w_rec, bias, s);
  for (int b = 0; b < s->n_batch; b++)
    for (int t = 0; t < s->n_steps; t++)
      {
        const long at = (long) b * s->n_steps + t, back = mirrored (s, b, t);
        memcpy (h + at * 2 * H, p.h_forward + at * H, (size_t) H * sizeof *h);
        if (back >= 0)
          memcpy (h + at * 2 * H + H, p.h_reversed + back * H, (size_t) H * sizeof *h);
        else
          memset (h + at * 2 * H + H, 0, (size_t) H * sizeof *h);
      }
}

void
ae_bilstm_backward (float *d_x, float *d_params, float *scratch, const float *d_h,
                    const float *x, const float *state, const float *params,
                    const ae_sequence_shape_t *s)
{
  const int H = s->n_hidden;
  const long steps = (long) s->n_batch * s->n_steps, size = ae_bilstm_direction_size (s);
  const bilstm_state_t p = state_parts ((float *) state, s);
  float *lstm_scratch = scratch, *d_forward = scratch + ae_lstm_scratch_size (s);
  float *d_reversed = d_forward + steps * H, *d_x_reversed = d_reversed + steps * H;
  for (long at = 0; at < steps; at++)   /* each direction's half of d_h */
    memcpy (d_forward + at * H, d_h + at * 2 * H, (size_t) H * sizeof *d_h);
  for (int b = 0; b < s->n_batch; b++)
    for (int t = 0; t < s->n_steps; t++)
      {
        const long at = (long) b * s->n_steps + t, from = mirrored (s, b, t);
        for (int j = 0; j < H; j++)
          d_reversed[at * H + j] = from >= 0 ? d_h[from * 2 * H + H + j] : 0.0f;
      }
  const float *w_in, *w_rec, *bias;
  direction (params, s, &w_in, &w_rec, &bias);
  float *d_w_in = d_params, *d_w_rec = d_params + (w_rec - params),
        *d_bias = d_params + (bias - params);
  ae_lstm_backward (d_x, d_w_in, d_w_rec, d_bias, lstm_scratch, d_forward, x, p.h_forward,
                    p.forward, w_in, w_rec, s);
  direction (params + size, s, &w_in, &w_rec, &bias);
  d_w_in += size, d_w_rec += size, d_bias += size;
  ae_lstm_backward (d_x ? d_x_reversed : NULL, d_w_in, d_w_rec, d_bias, lstm_scratch,
                    d_reversed, p.x_reversed, p.h_reversed, p.backward, w_in, w_rec, s);
  if (d_x)
    reverse_steps (d_x, d_x_reversed, s, s->n_in, 1);
}
