/* The kind table's sequence half: the kinds that see the time axis
   (temporal, src/core/LAYERS.md) over the kernels of ae_lstm.c, ae_gru.c
   and ae_bilstm.c, and their layer types. The LSTM is the block to read
   first; the GRU and the BiLSTM differ in their parameters only.

   A recurrent layer's output is a sequence of NumHiddenUnits values a step
   (twice that for the BiLSTM), or with OutputMode "last" one frame: each
   sample's output at its own last step, as MATLAB's layers give. The
   repeat layer turns one frame into a sequence of the network input's
   steps (Keras's RepeatVector): the bridge from a code to a decoder. */
#include "ae_layer_kinds.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ae_bilstm.h"
#include "ae_gru.h"
#include "ae_lstm.h"

/* the spec's integers[] of the recurrent kinds */
enum { HIDDEN_UNITS, OUTPUT_MODE, RESET_GATE_MODE };
enum { OUTPUT_SEQUENCE, OUTPUT_LAST };
enum { RESET_AFTER, RESET_RECURRENT_BIAS_AFTER };

static int
hidden_units (const ae_layer_t *layer)
{
  return layer->spec.integers[HIDDEN_UNITS];
}

static int
outputs_last (const ae_layer_t *layer)
{
  return layer->spec.integers[OUTPUT_MODE] == OUTPUT_LAST;
}

static ae_sequence_shape_t
shape_of (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, int n_batch)
{
  return (ae_sequence_shape_t) { .n_batch = n_batch, .n_steps = ctx->n_steps,
                                 .n_in = layer->n_in, .n_hidden = hidden_units (layer),
                                 .lengths = ctx->lengths };
}

/* ---- what the recurrent kinds share ---- */

/* Out: directions x H values a step, a sequence unless OutputMode is "last". */
static ae_status_t
recurrent_infer (ae_layer_t *layer, const char *what, int directions, ae_error_t *err)
{
  const int H = hidden_units (layer);
  if (!layer->in.sequence)
    return ae_fail (err, AE_ERR_ARGUMENT, "%s reads a sequence, and its input has no time"
                    " steps (start the network with a sequence input)", what);
  if (H < 1 || H > (1 << 20))
    return ae_fail (err, AE_ERR_ARGUMENT, "%s needs 1 to %d hidden units, got %d", what,
                    1 << 20, H);
  if (layer->spec.integers[OUTPUT_MODE] != OUTPUT_SEQUENCE && !outputs_last (layer))
    return ae_fail (err, AE_ERR_ARGUMENT, "%s: no output mode %d", what,
                    layer->spec.integers[OUTPUT_MODE]);
  layer->out = (ae_grid_t) { directions * H, 1, 1, !outputs_last (layer) };
  return AE_OK;
}

/* MATLAB's "glorot" for input weights stored [C][G] (its G-by-C array):
   U(-b, b), b = sqrt (6 / (C + G)). */
static void
glorot_init (float *w, int n_in, int n_gates, ae_rng_t *rng)
{
  const float bound = sqrtf (6.0f / (float) (n_in + n_gates));
  for (long k = 0; k < (long) n_in * n_gates; k++)
    w[k] = bound * (2.0f * ae_rng_uniform (rng) - 1.0f);
}

/* MATLAB's "orthogonal" for recurrent weights stored [H][G] (its G-by-H
   array): Q of the QR decomposition of a standard normal G-by-H matrix, so
   its H columns, the rows here, orthonormal (Gram-Schmidt in double, twice
   for the precision of a full QR; R's diagonal positive as LAPACK's is up to
   signs). */
static void
orthogonal_init (float *w, int n_hidden, int n_gates, ae_rng_t *rng)
{
  const long G = n_gates;
  double *q = malloc ((size_t) n_hidden * G * sizeof *q);
  ae_rng_normal (rng, w, (size_t) n_hidden * G);
  if (!q)   /* leave the normal draws scaled to unit rows: near orthogonal for large G */
    {
      for (long k = 0; k < n_hidden * G; k++)
        w[k] /= sqrtf ((float) G);
      return;
    }
  for (long k = 0; k < n_hidden * G; k++)
    q[k] = w[k];
  for (int j = 0; j < n_hidden; j++)
    {
      double *v = q + j * G;
      for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < j; i++)
          {
            double dot = 0;
            for (long k = 0; k < G; k++)
              dot += v[k] * q[i * G + k];
            for (long k = 0; k < G; k++)
              v[k] -= dot * q[i * G + k];
          }
      double norm = 0;
      for (long k = 0; k < G; k++)
        norm += v[k] * v[k];
      norm = sqrt (norm);
      for (long k = 0; k < G; k++)
        v[k] = norm > 0 ? v[k] / norm : 0;
    }
  for (long k = 0; k < n_hidden * G; k++)
    w[k] = (float) q[k];
  free (q);
}

/* One direction's weights [C][G] then [H][G] as MATLAB initialises them. */
static void
recurrent_weights_init (float *w, int n_in, int n_hidden, int n_gates, ae_rng_t *rng)
{
  glorot_init (w, n_in, n_gates, rng);
  orthogonal_init (w + (long) n_in * n_gates, n_hidden, n_gates, rng);
}

/* MATLAB's "unit-forget-gate": the forget gate's biases 1, the others 0. */
static void
unit_forget_gate_init (float *bias, int n_hidden)
{
  memset (bias, 0, 4 * (size_t) n_hidden * sizeof *bias);
  for (int j = 0; j < n_hidden; j++)
    bias[n_hidden + j] = 1.0f;
}

/* "last": each sample's output at its own last step, out [n][width] from
   h [n][T][width]; and back, d_h zero but there. */
static void
gather_last_steps (float *out, const float *h, const ae_sequence_shape_t *s, int width)
{
  for (int b = 0; b < s->n_batch; b++)
    memcpy (out + (long) b * width,
            h + ((long) b * s->n_steps + ae_sequence_length (s, b) - 1) * width,
            (size_t) width * sizeof *out);
}

static void
scatter_last_steps (float *d_h, const float *d_out, const ae_sequence_shape_t *s, int width)
{
  memset (d_h, 0, (size_t) s->n_batch * s->n_steps * width * sizeof *d_h);
  for (int b = 0; b < s->n_batch; b++)
    memcpy (d_h + ((long) b * s->n_steps + ae_sequence_length (s, b) - 1) * width,
            d_out + (long) b * width, (size_t) width * sizeof *d_h);
}

/* A recurrent layer's workspace state: its kernel's, then, with "last", the
   output of every step ([frames][width]) that the gather read. */
typedef struct {
  float *kernel, *steps;
} recurrent_state_t;

static ae_status_t
recurrent_state_new (long kernel_floats, long step_floats, void **state, ae_error_t *err)
{
  recurrent_state_t *s = calloc (1, sizeof *s);
  float *block = calloc ((size_t) (kernel_floats + step_floats), sizeof *block);
  if (!s || !block)
    {
      free (s);
      free (block);
      return ae_fail (err, AE_ERR_MEMORY, "cannot allocate %ld MB for a recurrent layer's"
                      " steps", (kernel_floats + step_floats) * (long) sizeof (float) >> 20);
    }
  s->kernel = block;
  s->steps = step_floats ? block + kernel_floats : NULL;
  *state = s;
  return AE_OK;
}

static void
recurrent_state_free (void *state)
{
  recurrent_state_t *s = state;
  free (s->kernel);
  free (s);
}

/* The shape of max_frames frames as one sequence: the kernels' sizes are
   linear in samples x steps, plus terms in samples alone, so one sample of
   max_frames steps bounds every batch of that many frames. */
static ae_sequence_shape_t
frames_shape (const ae_layer_t *layer, int max_frames)
{
  return (ae_sequence_shape_t) { .n_batch = max_frames, .n_steps = 1, .n_in = layer->n_in,
                                 .n_hidden = hidden_units (layer) };
}

/* ---- lstm: ae_lstm.h; W [C+H][4H] (Octave's 4H-by-(C+H): InputWeights
   then RecurrentWeights), b [4H] ---- */

static ae_status_t
lstm_infer (ae_layer_t *layer, ae_error_t *err)
{
  ae_status_t status = recurrent_infer (layer, "an LSTM layer", 1, err);
  if (status != AE_OK)
    return status;
  const int C = layer->in.c * layer->in.h * layer->in.w, H = hidden_units (layer);
  layer->n_weights = (long) (C + H) * 4 * H;
  layer->n_bias = 4L * H;
  layer->weight_shape[0] = C + H;
  layer->weight_shape[1] = 4 * H;
  return AE_OK;
}

static void
lstm_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer, ae_rng_t *rng)
{
  (void) buffer;
  recurrent_weights_init (weight, layer->n_in, hidden_units (layer), 4 * hidden_units (layer),
                          rng);
  unit_forget_gate_init (bias, hidden_units (layer));
}

static long
lstm_step_floats (const ae_layer_t *layer, int max_frames)
{
  return outputs_last (layer) ? (long) max_frames * layer->out.c : 0;
}

static long
lstm_scratch (const ae_layer_t *layer, int max_frames, int n_threads)
{
  (void) n_threads;
  const ae_sequence_shape_t s = frames_shape (layer, max_frames);
  return ae_lstm_scratch_size (&s) + lstm_step_floats (layer, max_frames);
}

static ae_status_t
lstm_state_new (const ae_layer_t *layer, int max_frames, void **state, ae_error_t *err)
{
  const ae_sequence_shape_t s = frames_shape (layer, max_frames);
  return recurrent_state_new (ae_lstm_state_size (&s), lstm_step_floats (layer, max_frames),
                              state, err);
}

static void
lstm_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out, const float *in,
              int n_batch)
{
  const ae_sequence_shape_t s = shape_of (layer, ctx, n_batch);
  const recurrent_state_t *state = ctx->state;
  float *h = outputs_last (layer) ? state->steps : out;
  ae_lstm_forward (h, state->kernel, in, ctx->weight, ctx->weight + (long) s.n_in * 4 * s.n_hidden,
                   ctx->bias, &s);
  if (outputs_last (layer))
    gather_last_steps (out, h, &s, s.n_hidden);
}

static void
lstm_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
               const float *d_out, const float *in, const float *out, int n_batch)
{
  const ae_sequence_shape_t s = shape_of (layer, ctx, n_batch);
  const recurrent_state_t *state = ctx->state;
  const long w_rec_at = (long) s.n_in * 4 * s.n_hidden;
  const float *h = outputs_last (layer) ? state->steps : out, *d_h = d_out;
  float *scratch = ctx->col;
  if (outputs_last (layer))
    {
      float *d_steps = ctx->col;
      scratch += (long) n_batch * s.n_steps * s.n_hidden;
      scatter_last_steps (d_steps, d_out, &s, s.n_hidden);
      d_h = d_steps;
    }
  ae_lstm_backward (d_in, ctx->d_weight, ctx->d_weight + w_rec_at, ctx->d_bias, scratch, d_h,
                    in, h, state->kernel, ctx->weight, ctx->weight + w_rec_at, &s);
}

static void
recurrent_describe (const ae_layer_t *layer, const char *what, char *text, long n)
{
  snprintf (text, (size_t) n, "%s, %d hidden units, output %s", what, hidden_units (layer),
            outputs_last (layer) ? "the last step" : "every step");
}

static void
lstm_describe (const ae_layer_t *layer, char *text, long n)
{
  recurrent_describe (layer, "LSTM", text, n);
}

/* ---- gru: ae_gru.h; W [C+H][3H] (InputWeights then RecurrentWeights), b
   the Bias [3H], then with ResetGateMode "recurrent-bias-after-
   multiplication" the RecurrentBias [3H]: its reset and update parts add to
   the Bias's, its candidate part is the kernel's recurrent bias ---- */

static int
has_recurrent_bias (const ae_layer_t *layer)
{
  return layer->spec.integers[RESET_GATE_MODE] == RESET_RECURRENT_BIAS_AFTER;
}

static ae_status_t
gru_infer (ae_layer_t *layer, ae_error_t *err)
{
  ae_status_t status = recurrent_infer (layer, "a GRU layer", 1, err);
  if (status != AE_OK)
    return status;
  if (layer->spec.integers[RESET_GATE_MODE] != RESET_AFTER && !has_recurrent_bias (layer))
    return ae_fail (err, AE_ERR_ARGUMENT, "a GRU layer: no reset gate mode %d",
                    layer->spec.integers[RESET_GATE_MODE]);
  const int C = layer->in.c * layer->in.h * layer->in.w, H = hidden_units (layer);
  layer->n_weights = (long) (C + H) * 3 * H;
  layer->n_bias = (has_recurrent_bias (layer) ? 6L : 3L) * H;
  layer->weight_shape[0] = C + H;
  layer->weight_shape[1] = 3 * H;
  return AE_OK;
}

static void
gru_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer, ae_rng_t *rng)
{
  (void) buffer;
  recurrent_weights_init (weight, layer->n_in, hidden_units (layer), 3 * hidden_units (layer),
                          rng);
  memset (bias, 0, (size_t) layer->n_bias * sizeof *bias);   /* MATLAB's "zeros" */
}

static long
gru_scratch (const ae_layer_t *layer, int max_frames, int n_threads)
{
  (void) n_threads;
  const ae_sequence_shape_t s = frames_shape (layer, max_frames);
  /* the kernel's, the steps' gradients with "last", the kernel's bias or its gradient */
  return ae_gru_scratch_size (&s) + lstm_step_floats (layer, max_frames) + 3L * s.n_hidden;
}

static ae_status_t
gru_state_new (const ae_layer_t *layer, int max_frames, void **state, ae_error_t *err)
{
  const ae_sequence_shape_t s = frames_shape (layer, max_frames);
  return recurrent_state_new (ae_gru_state_size (&s), lstm_step_floats (layer, max_frames),
                              state, err);
}

/* The kernel's bias [3H]: the Bias, plus the RecurrentBias's reset and
   update parts when it has one. */
static const float *
gru_kernel_bias (const ae_layer_t *layer, const float *bias, float *room)
{
  const int H = hidden_units (layer);
  if (!has_recurrent_bias (layer))
    return bias;
  for (int k = 0; k < 3 * H; k++)
    room[k] = bias[k] + (k < 2 * H ? bias[3 * H + k] : 0.0f);
  return room;
}

static void
gru_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out, const float *in,
             int n_batch)
{
  const ae_sequence_shape_t s = shape_of (layer, ctx, n_batch);
  const recurrent_state_t *state = ctx->state;
  const int H = s.n_hidden;
  float *h = outputs_last (layer) ? state->steps : out;
  const float *bias = gru_kernel_bias (layer, ctx->bias, ctx->col);
  ae_gru_forward (h, state->kernel, in, ctx->weight, ctx->weight + (long) s.n_in * 3 * H, bias,
                  has_recurrent_bias (layer) ? ctx->bias + 5 * H : NULL, &s);
  if (outputs_last (layer))
    gather_last_steps (out, h, &s, H);
}

static void
gru_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
              const float *d_out, const float *in, const float *out, int n_batch)
{
  const ae_sequence_shape_t s = shape_of (layer, ctx, n_batch);
  const recurrent_state_t *state = ctx->state;
  const int H = s.n_hidden;
  const long w_rec_at = (long) s.n_in * 3 * H;
  const float *h = outputs_last (layer) ? state->steps : out, *d_h = d_out;
  float *d_bias = ctx->col, *scratch = d_bias + 3 * H;
  if (outputs_last (layer))
    {
      scatter_last_steps (scratch, d_out, &s, H);
      d_h = scratch;
      scratch += (long) n_batch * s.n_steps * H;
    }
  memset (d_bias, 0, 3 * (size_t) H * sizeof *d_bias);
  ae_gru_backward (d_in, ctx->d_weight, ctx->d_weight + w_rec_at, d_bias,
                   has_recurrent_bias (layer) ? ctx->d_bias + 5 * H : NULL, scratch, d_h, in, h,
                   state->kernel, ctx->weight, ctx->weight + w_rec_at, &s);
  for (int k = 0; k < 3 * H; k++)
    {
      ctx->d_bias[k] += d_bias[k];
      if (has_recurrent_bias (layer) && k < 2 * H)
        ctx->d_bias[3 * H + k] += d_bias[k];
    }
}

static void
gru_describe (const ae_layer_t *layer, char *text, long n)
{
  recurrent_describe (layer, has_recurrent_bias (layer) ? "GRU (recurrent bias)" : "GRU", text,
                      n);
}

/* ---- bilstm: ae_bilstm.h; W [2][C+H+1][4H] (Octave's 4H-by-(C+H+1)-by-2:
   per direction, forward then backward, InputWeights, RecurrentWeights and
   Bias side by side), no b; 2H values a step, [forward, backward] ---- */

static ae_status_t
bilstm_infer (ae_layer_t *layer, ae_error_t *err)
{
  ae_status_t status = recurrent_infer (layer, "a BiLSTM layer", 2, err);
  if (status != AE_OK)
    return status;
  const int C = layer->in.c * layer->in.h * layer->in.w, H = hidden_units (layer);
  layer->n_weights = 2L * (C + H + 1) * 4 * H;
  layer->weight_shape[0] = 2;
  layer->weight_shape[1] = C + H + 1;
  layer->weight_shape[2] = 4 * H;
  return AE_OK;
}

static void
bilstm_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer, ae_rng_t *rng)
{
  (void) bias, (void) buffer;
  const int C = layer->n_in, H = hidden_units (layer);
  for (int direction = 0; direction < 2; direction++)
    {
      float *w = weight + (long) direction * (C + H + 1) * 4 * H;
      recurrent_weights_init (w, C, H, 4 * H, rng);
      unit_forget_gate_init (w + (long) (C + H) * 4 * H, H);
    }
}

static long
bilstm_scratch (const ae_layer_t *layer, int max_frames, int n_threads)
{
  (void) n_threads;
  const ae_sequence_shape_t s = frames_shape (layer, max_frames);
  return ae_bilstm_scratch_size (&s) + lstm_step_floats (layer, max_frames);
}

static ae_status_t
bilstm_state_new (const ae_layer_t *layer, int max_frames, void **state, ae_error_t *err)
{
  const ae_sequence_shape_t s = frames_shape (layer, max_frames);
  return recurrent_state_new (ae_bilstm_state_size (&s), lstm_step_floats (layer, max_frames),
                              state, err);
}

static void
bilstm_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                const float *in, int n_batch)
{
  const ae_sequence_shape_t s = shape_of (layer, ctx, n_batch);
  const recurrent_state_t *state = ctx->state;
  float *h = outputs_last (layer) ? state->steps : out;
  ae_bilstm_forward (h, state->kernel, in, ctx->weight, &s);
  if (outputs_last (layer))
    gather_last_steps (out, h, &s, 2 * s.n_hidden);
}

static void
bilstm_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                 const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  const ae_sequence_shape_t s = shape_of (layer, ctx, n_batch);
  const recurrent_state_t *state = ctx->state;
  const float *d_h = d_out;
  float *scratch = ctx->col;
  if (outputs_last (layer))
    {
      scatter_last_steps (scratch, d_out, &s, 2 * s.n_hidden);
      d_h = scratch;
      scratch += (long) n_batch * s.n_steps * 2 * s.n_hidden;
    }
  ae_bilstm_backward (d_in, ctx->d_weight, scratch, d_h, in, state->kernel, ctx->weight, &s);
}

static void
bilstm_describe (const ae_layer_t *layer, char *text, long n)
{
  recurrent_describe (layer, "BiLSTM", text, n);
}

/* ---- repeat: one frame per sample repeated over the network input's steps ---- */

static ae_status_t
repeat_infer (ae_layer_t *layer, ae_error_t *err)
{
  if (layer->in.sequence)
    return ae_fail (err, AE_ERR_ARGUMENT, "a repeat layer repeats one frame a sample over the"
                    " steps, and its input is a sequence already (give an LSTM before it"
                    " OutputMode \"last\")");
  layer->out = layer->in;
  layer->out.sequence = 1;
  return AE_OK;
}

static void
repeat_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                const float *in, int n_batch)
{
  const long width = layer->n_in;
  for (long b = 0; b < n_batch; b++)
    for (long t = 0; t < ctx->n_steps; t++)
      memcpy (out + (b * ctx->n_steps + t) * width, in + b * width,
              (size_t) width * sizeof *out);
}

static void
repeat_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                 const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) in, (void) out;
  const long width = layer->n_in;
  memset (d_in, 0, (size_t) n_batch * width * sizeof *d_in);
  for (long b = 0; b < n_batch; b++)
    for (long t = 0; t < ctx->n_steps; t++)
      for (long k = 0; k < width; k++)
        d_in[b * width + k] += d_out[(b * ctx->n_steps + t) * width + k];
}

static void
repeat_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "repeat %d values over the steps", layer->n_in);
}

/* ---- hierarchical_lstm: MusicVAE's hierarchical decoder (Roberts et al.
   2018) as one kind. A sample's frame (its code) goes to a conductor LSTM
   of Hc units over U = T / S steps, one per subsequence ("bar") of S steps;
   each bar's conductor output is the input of every step of that bar in a
   decoder LSTM of H units, which starts each bar from zero state, so no
   bar hears another but through the conductor. Over the sample-major
   layout the bars of [n][T] are n*U sequences of S steps, [n*U][S], so the
   decoder is the LSTM kernel on that shape. The network's sequences must be
   whole bars (step_multiple = S). W is the conductor's [C+Hc][4Hc] then the
   decoder's [Hc+H][4H], b the conductor's [4Hc] then the decoder's [4H]:
   two LSTMs' parameters as lstmLayer keeps them, back to back. ---- */

enum { HL_HIDDEN_UNITS, HL_SUBSEQUENCE_LENGTH, HL_CONDUCTOR_UNITS };

typedef struct {
  int C, Hc, H, S;
  long conductor_weights;   /* (C + Hc) * 4Hc: where the decoder's weights start */
} hierarchy_t;

static hierarchy_t
hierarchy_of (const ae_layer_t *layer)
{
  const int C = layer->n_in, Hc = layer->spec.integers[HL_CONDUCTOR_UNITS];
  return (hierarchy_t) { .C = C, .Hc = Hc, .H = layer->spec.integers[HL_HIDDEN_UNITS],
                         .S = layer->spec.integers[HL_SUBSEQUENCE_LENGTH],
                         .conductor_weights = (long) (C + Hc) * 4 * Hc };
}

static ae_status_t
hierarchical_infer (ae_layer_t *layer, ae_error_t *err)
{
  const int *v = layer->spec.integers;
  if (layer->in.sequence)
    return ae_fail (err, AE_ERR_ARGUMENT, "a hierarchical LSTM decodes one frame a sample (a"
                    " code) into a sequence, and its input is a sequence already (give an LSTM"
                    " before it OutputMode \"last\")");
  if (v[HL_HIDDEN_UNITS] < 1 || v[HL_HIDDEN_UNITS] > (1 << 20)
      || v[HL_CONDUCTOR_UNITS] < 1 || v[HL_CONDUCTOR_UNITS] > (1 << 20))
    return ae_fail (err, AE_ERR_ARGUMENT, "a hierarchical LSTM needs 1 to %d hidden and"
                    " conductor units, got %d and %d", 1 << 20, v[HL_HIDDEN_UNITS],
                    v[HL_CONDUCTOR_UNITS]);
  if (v[HL_SUBSEQUENCE_LENGTH] < 1 || v[HL_SUBSEQUENCE_LENGTH] > (1 << 20))
    return ae_fail (err, AE_ERR_ARGUMENT, "a hierarchical LSTM needs subsequences of 1 to %d"
                    " steps, got %d", 1 << 20, v[HL_SUBSEQUENCE_LENGTH]);
  const int C = (int) ae_grid_frame_size (layer->in), Hc = v[HL_CONDUCTOR_UNITS];
  const int H = v[HL_HIDDEN_UNITS];
  const long n_weights = (long) (C + Hc) * 4 * Hc + (long) (Hc + H) * 4 * H;
  if (n_weights > INT_MAX)   /* W is one column: its length must fit weight_shape */
    return ae_fail (err, AE_ERR_MEMORY, "a hierarchical LSTM of %d conductor and %d decoder"
                    " units would have %ld weights (%.3g GB), more than one layer can hold",
                    Hc, H, n_weights, 4e-9 * (double) n_weights);
  layer->out = (ae_grid_t) { H, 1, 1, 1 };
  layer->n_weights = n_weights;
  layer->n_bias = 4L * Hc + 4L * H;
  layer->weight_shape[0] = (int) layer->n_weights;
  layer->step_multiple = v[HL_SUBSEQUENCE_LENGTH];
  return AE_OK;
}

static void
hierarchical_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer,
                   ae_rng_t *rng)
{
  (void) buffer;
  const hierarchy_t k = hierarchy_of (layer);
  recurrent_weights_init (weight, k.C, k.Hc, 4 * k.Hc, rng);
  recurrent_weights_init (weight + k.conductor_weights, k.Hc, k.H, 4 * k.H, rng);
  unit_forget_gate_init (bias, k.Hc);
  unit_forget_gate_init (bias + 4 * k.Hc, k.H);
}

/* The two LSTMs' shapes for a batch of n samples of T = U * S steps:
   the conductor's [n][U], the decoder's [n * U][S]. */
static void
hierarchy_shapes (const hierarchy_t *k, int n_batch, int n_steps, const int *cond_lengths,
                  const int *bar_lengths, ae_sequence_shape_t *conductor,
                  ae_sequence_shape_t *decoder)
{
  const int U = n_steps / k->S;
  *conductor = (ae_sequence_shape_t) { .n_batch = n_batch, .n_steps = U, .n_in = k->C,
                                       .n_hidden = k->Hc, .lengths = cond_lengths };
  *decoder = (ae_sequence_shape_t) { .n_batch = n_batch * U, .n_steps = k->S, .n_in = k->Hc,
                                     .n_hidden = k->H, .lengths = bar_lengths };
}

/* What a forward pass keeps for the backward one: both kernels' states, the
   conductor's input (the frame at each of its steps) and output, the
   decoder's input (each bar's conductor output at each of its steps), and
   the two kernels' lengths, sized by bounding_shapes. */
typedef struct {
  float *block, *conductor_state, *decoder_state, *conductor_in, *conductor_out, *decoder_in;
  int *lengths;   /* the conductor's [n], then the bars' [n * U] */
} hierarchy_state_t;

/* The two kernels' shapes that bound every batch of max_frames frames, as
   frames_shape does for one LSTM: the decoder's max_frames frames, and the
   conductor's max_frames / S (a sample has at least one bar). */
static void
bounding_shapes (const hierarchy_t *k, int max_frames, ae_sequence_shape_t *conductor,
                 ae_sequence_shape_t *decoder)
{
  const int conductor_frames = max_frames / k->S > 0 ? max_frames / k->S : 1;
  *conductor = (ae_sequence_shape_t) { .n_batch = conductor_frames, .n_steps = 1,
                                       .n_in = k->C, .n_hidden = k->Hc };
  *decoder = (ae_sequence_shape_t) { .n_batch = max_frames, .n_steps = 1, .n_in = k->Hc,
                                     .n_hidden = k->H };
}

static ae_status_t
hierarchical_state_new (const ae_layer_t *layer, int max_frames, void **state,
                        ae_error_t *err)
{
  const hierarchy_t k = hierarchy_of (layer);
  ae_sequence_shape_t cs, ds;
  bounding_shapes (&k, max_frames, &cs, &ds);
  const long Fc = cs.n_batch, F = ds.n_batch;
  const long sizes[5] = { ae_lstm_state_size (&cs), ae_lstm_state_size (&ds), Fc * k.C,
                          Fc * k.Hc, F * k.Hc };
  long total = 0;
  for (int i = 0; i < 5; i++)
    total += sizes[i];
  hierarchy_state_t *s = calloc (1, sizeof *s);
  float *block = calloc ((size_t) total, sizeof *block);
  int *lengths = calloc ((size_t) (2 * Fc), sizeof *lengths);
  if (!s || !block || !lengths)
    {
      free (s), free (block), free (lengths);
      return ae_fail (err, AE_ERR_MEMORY, "cannot allocate %ld MB for a hierarchical LSTM's"
                      " steps", total * (long) sizeof (float) >> 20);
    }
  float **parts[5] = { &s->conductor_state, &s->decoder_state, &s->conductor_in,
                       &s->conductor_out, &s->decoder_in };
  float *next = block;
  for (int i = 0; i < 5; i++)
    {
      *parts[i] = next;
      next += sizes[i];
    }
  s->block = block;
  s->lengths = lengths;
  *state = s;
  return AE_OK;
}

static void
hierarchical_state_free (void *state)
{
  hierarchy_state_t *s = state;
  free (s->block);
  free (s->lengths);
  free (s);
}

/* Backward: the larger kernel's scratch, then the decoder's input gradient
   [F][Hc], the conductor's output gradient [Fc][Hc] and its input gradient
   [Fc][C]. */
static long
hierarchical_scratch (const ae_layer_t *layer, int max_frames, int n_threads)
{
  (void) n_threads;
  const hierarchy_t k = hierarchy_of (layer);
  ae_sequence_shape_t cs, ds;
  bounding_shapes (&k, max_frames, &cs, &ds);
  const long Fc = cs.n_batch, F = ds.n_batch;
  const long conductor = ae_lstm_scratch_size (&cs), decoder = ae_lstm_scratch_size (&ds);
  return (conductor > decoder ? conductor : decoder) + F * k.Hc + Fc * k.Hc + Fc * k.C;
}

static void
hierarchical_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                      const float *in, int n_batch)
{
  const hierarchy_t k = hierarchy_of (layer);
  hierarchy_state_t *state = ctx->state;
  const int T = ctx->n_steps, U = T / k.S;
  int *cond_lengths = state->lengths, *bar_lengths = state->lengths + n_batch;
  for (int b = 0; b < n_batch; b++)
    {
      const int length = ctx->lengths ? ctx->lengths[b] : T;
      cond_lengths[b] = (length + k.S - 1) / k.S;
      for (int u = 0; u < U; u++)
        {
          const int rest = length - u * k.S;
          bar_lengths[b * U + u] = rest < 0 ? 0 : rest > k.S ? k.S : rest;
        }
      for (int u = 0; u < U; u++)
        memcpy (state->conductor_in + ((long) b * U + u) * k.C, in + (long) b * k.C,
                (size_t) k.C * sizeof *in);
    }
  ae_sequence_shape_t cs, ds;
  hierarchy_shapes (&k, n_batch, T, cond_lengths, bar_lengths, &cs, &ds);
  ae_lstm_forward (state->conductor_out, state->conductor_state, state->conductor_in,
                   ctx->weight, ctx->weight + (long) k.C * 4 * k.Hc, ctx->bias, &cs);
  for (long bar = 0; bar < (long) n_batch * U; bar++)
    for (int t = 0; t < k.S; t++)
      memcpy (state->decoder_in + (bar * k.S + t) * k.Hc, state->conductor_out + bar * k.Hc,
              (size_t) k.Hc * sizeof *out);
  const float *w = ctx->weight + k.conductor_weights;
  ae_lstm_forward (out, state->decoder_state, state->decoder_in, w, w + (long) k.Hc * 4 * k.H,
                   ctx->bias + 4 * k.Hc, &ds);
}

static void
hierarchical_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                       const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) in;
  const hierarchy_t k = hierarchy_of (layer);
  const hierarchy_state_t *state = ctx->state;
  const int T = ctx->n_steps, U = T / k.S;
  const long F = (long) n_batch * T, Fc = (long) n_batch * U;
  ae_sequence_shape_t cs, ds;
  hierarchy_shapes (&k, n_batch, T, state->lengths, state->lengths + n_batch, &cs, &ds);
  const long scratch_size = ae_lstm_scratch_size (&cs) > ae_lstm_scratch_size (&ds)
                              ? ae_lstm_scratch_size (&cs) : ae_lstm_scratch_size (&ds);
  float *scratch = ctx->col, *d_decoder_in = scratch + scratch_size;
  float *d_conductor_out = d_decoder_in + F * k.Hc, *d_conductor_in = d_conductor_out + Fc * k.Hc;
  const float *w = ctx->weight + k.conductor_weights;
  float *d_w = ctx->d_weight + k.conductor_weights;
  ae_lstm_backward (d_decoder_in, d_w, d_w + (long) k.Hc * 4 * k.H, ctx->d_bias + 4 * k.Hc,
                    scratch, d_out, state->decoder_in, out, state->decoder_state, w,
                    w + (long) k.Hc * 4 * k.H, &ds);
  /* a bar's conductor output fed each of its steps: their gradients add */
  memset (d_conductor_out, 0, (size_t) Fc * k.Hc * sizeof *d_conductor_out);
  for (long bar = 0; bar < Fc; bar++)
    for (int t = 0; t < k.S; t++)
      for (int j = 0; j < k.Hc; j++)
        d_conductor_out[bar * k.Hc + j] += d_decoder_in[(bar * k.S + t) * k.Hc + j];
  ae_lstm_backward (d_in ? d_conductor_in : NULL, ctx->d_weight,
                    ctx->d_weight + (long) k.C * 4 * k.Hc, ctx->d_bias, scratch,
                    d_conductor_out, state->conductor_in, state->conductor_out,
                    state->conductor_state, ctx->weight, ctx->weight + (long) k.C * 4 * k.Hc,
                    &cs);
  if (!d_in)
    return;
  memset (d_in, 0, (size_t) n_batch * k.C * sizeof *d_in);
  for (int b = 0; b < n_batch; b++)
    for (int u = 0; u < U; u++)
      for (int j = 0; j < k.C; j++)
        d_in[(long) b * k.C + j] += d_conductor_in[((long) b * U + u) * k.C + j];
}

static void
hierarchical_describe (const ae_layer_t *layer, char *text, long n)
{
  const hierarchy_t k = hierarchy_of (layer);
  snprintf (text, (size_t) n, "hierarchical LSTM, %d units, bars of %d, conductor %d", k.H,
            k.S, k.Hc);
}

/* ---- this half's kind table ---- */

#define RECURRENT(kind_name, prefix)                                                     \
  .name = kind_name, .temporal = 1, .infer = prefix##_infer, .init = prefix##_init,      \
  .scratch = prefix##_scratch, .state_new = prefix##_state_new,                          \
  .state_free = recurrent_state_free, .forward = prefix##_forward,                       \
  .backward = prefix##_backward, .describe = prefix##_describe

static const ae_layer_ops_t kinds[] = {
  [KIND_LSTM - KIND_FIRST_SEQUENCE] = { RECURRENT ("lstm", lstm) },
  [KIND_GRU - KIND_FIRST_SEQUENCE] = { RECURRENT ("gru", gru) },
  [KIND_BILSTM - KIND_FIRST_SEQUENCE] = { RECURRENT ("bilstm", bilstm) },
  [KIND_REPEAT - KIND_FIRST_SEQUENCE] = { .name = "repeat", .temporal = 1,
                                          .infer = repeat_infer, .forward = repeat_forward,
                                          .backward = repeat_backward,
                                          .describe = repeat_describe },
  [KIND_HIERARCHICAL_LSTM - KIND_FIRST_SEQUENCE] = {
    .name = "hierarchical_lstm", .temporal = 1, .infer = hierarchical_infer,
    .init = hierarchical_init, .scratch = hierarchical_scratch,
    .state_new = hierarchical_state_new, .state_free = hierarchical_state_free,
    .forward = hierarchical_forward, .backward = hierarchical_backward,
    .describe = hierarchical_describe },
};

_Static_assert (sizeof kinds / sizeof kinds[0] == KIND_END - KIND_FIRST_SEQUENCE,
                "a table line for each sequence kind of ae_layer_kinds.h");

const ae_layer_ops_t *
ae_sequence_kind (int kind)
{
  return &kinds[kind - KIND_FIRST_SEQUENCE];
}

/* ---- and its types ---- */

#define AT(member) ((long) offsetof (ae_layer_spec_t, member))
#define SETTINGS(list) .settings = list, .n_settings = (int) (sizeof list / sizeof list[0])

static const char *const output_modes[] = { "sequence", "last" };
static const char *const reset_gate_modes[] = { "after-multiplication",
                                                "recurrent-bias-after-multiplication" };

#define RECURRENT_SETTINGS                                                                 \
  { .field = "hidden_units", .option = "NumHiddenUnits", .what = "the number of hidden units", \
    .type = AE_SETTING_COUNT, .offset = AT (integers[HIDDEN_UNITS]), .lo = 1, .hi = 1 << 20,  \
    .fallback = NAN, .positional = 1 },                                                    \
  { .field = "output_mode", .option = "OutputMode", .what = "the output mode",             \
    .type = AE_SETTING_CHOICE, .offset = AT (integers[OUTPUT_MODE]), .fallback = 0,        \
    .choices = output_modes, .n_choices = 2 }

static const ae_setting_t lstm_settings[] = { RECURRENT_SETTINGS };

static const ae_setting_t gru_settings[] = {
  RECURRENT_SETTINGS,
  { .field = "reset_gate_mode", .option = "ResetGateMode", .what = "the reset gate mode",
    .type = AE_SETTING_CHOICE, .offset = AT (integers[RESET_GATE_MODE]), .fallback = 0,
    .choices = reset_gate_modes, .n_choices = 2 },
};

static const ae_setting_t hierarchical_settings[] = {
  { .field = "hidden_units", .option = "NumHiddenUnits",
    .what = "the number of the decoder's hidden units", .type = AE_SETTING_COUNT,
    .offset = AT (integers[HL_HIDDEN_UNITS]), .lo = 1, .hi = 1 << 20, .fallback = NAN,
    .positional = 1 },
  { .field = "subsequence_length", .option = "SubsequenceLength",
    .what = "the steps of a subsequence (a bar)", .type = AE_SETTING_COUNT,
    .offset = AT (integers[HL_SUBSEQUENCE_LENGTH]), .lo = 1, .hi = 1 << 20, .fallback = NAN },
  { .field = "conductor_units", .option = "ConductorUnits",
    .what = "the number of the conductor's hidden units", .type = AE_SETTING_COUNT,
    .offset = AT (integers[HL_CONDUCTOR_UNITS]), .lo = 1, .hi = 1 << 20, .fallback = NAN },
};

static const ae_layer_type_t types[] = {
  { .name = "lstm", .matlab = "lstm", .kind = (ae_layer_kind_t) KIND_LSTM,
    SETTINGS (lstm_settings) },
  { .name = "gru", .matlab = "gru", .kind = (ae_layer_kind_t) KIND_GRU,
    SETTINGS (gru_settings) },
  { .name = "bilstm", .matlab = "bilstm", .kind = (ae_layer_kind_t) KIND_BILSTM,
    SETTINGS (lstm_settings) },
  { .name = "repeat", .matlab = "repeatVector", .kind = (ae_layer_kind_t) KIND_REPEAT },
  { .name = "hierarchical_lstm", .matlab = "hierarchicalLstm",
    .kind = (ae_layer_kind_t) KIND_HIERARCHICAL_LSTM, SETTINGS (hierarchical_settings) },
};

int
ae_sequence_n_types (void)
{
  return (int) (sizeof types / sizeof types[0]);
}

const ae_layer_type_t *
ae_sequence_type (int index)
{
  return &types[index];
}
