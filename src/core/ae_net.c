#include "ae_net.h"
#include "ae_threads.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
ae_net_begin_grid (ae_net_t *net, ae_grid_t input)
{
  memset (net, 0, sizeof *net);
  net->input = input;
  net->n_input = input.c * input.h * input.w;
}

void
ae_net_begin (ae_net_t *net, int n_input)
{
  ae_net_begin_grid (net, (ae_grid_t) { n_input, 1, 1, 0 });
}

static ae_grid_t
current_grid (const ae_net_t *net)
{
  return net->n_layers ? net->layers[net->n_layers - 1].out : net->input;
}

ae_status_t
ae_net_add (ae_net_t *net, const ae_layer_spec_t *spec, ae_error_t *err)
{
  if (net->n_layers >= AE_MAX_LAYERS)
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most %d layers", AE_MAX_LAYERS);
  if (spec->kind == AE_LAYER_GAUSSIAN && ae_net_is_variational (net))
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most one Gaussian layer");
  const int quantizes = ae_net_quantizer_layer (net) >= 0;
  if (spec->kind == AE_LAYER_VECTOR_QUANTIZE && quantizes)
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most one vector quantization"
                    " layer");
  if ((spec->kind == AE_LAYER_VECTOR_QUANTIZE && ae_net_is_variational (net))
      || (spec->kind == AE_LAYER_GAUSSIAN && quantizes))
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has a Gaussian layer or a vector"
                    " quantization layer, not both");
  if (spec->kind == AE_LAYER_CONDITION && net->n_condition > 0
      && spec->width != net->n_condition)
    return ae_fail (err, AE_ERR_ARGUMENT, "a condition layer of %d values in a network whose"
                    " conditions have %d", spec->width, net->n_condition);
  ae_layer_t *layer = &net->layers[net->n_layers];
  ae_status_t status = ae_layer_place (layer, spec, current_grid (net), err);
  if (status != AE_OK)
    return status;
  if (spec->kind == AE_LAYER_CONDITION)
    net->n_condition = spec->width;
  /* parameters first, buffers after them all: buffer offsets move along */
  layer->param_offset = net->n_params;
  net->n_params += layer->n_weights + layer->n_bias;
  layer->buffer_offset = net->n_params + net->n_buffers;
  net->n_buffers += layer->n_buffer;
  for (int i = 0; i < net->n_layers; i++)
    net->layers[i].buffer_offset += layer->n_weights + layer->n_bias;
  net->n_layers++;
  return AE_OK;
}

void
ae_net_end_encoder (ae_net_t *net)
{
  net->n_encoder = net->n_layers;
}

int
ae_net_n_output (const ae_net_t *net, int last)
{
  return last > 0 ? net->layers[last - 1].n_out : net->n_input;
}

int
ae_net_gaussian_layer (const ae_net_t *net)
{
  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].spec.kind == AE_LAYER_GAUSSIAN)
      return i;
  return -1;
}

int
ae_net_quantizer_layer (const ae_net_t *net)
{
  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].spec.kind == AE_LAYER_VECTOR_QUANTIZE)
      return i;
  return -1;
}

long
ae_net_n_values (const ae_net_t *net)
{
  return net->n_params + net->n_buffers;
}

int
ae_net_is_variational (const ae_net_t *net)
{
  return ae_net_gaussian_layer (net) >= 0;
}

int
ae_net_is_sequence (const ae_net_t *net)
{
  return net->input.sequence;
}

int
ae_net_has_steps (const ae_net_t *net)
{
  int steps = net->input.sequence;
  for (int i = 0; i < net->n_layers; i++)
    steps |= net->layers[i].out.sequence;
  return steps;
}

static int
greatest_common_divisor (int a, int b)
{
  while (b)
    {
      const int r = a % b;
      a = b, b = r;
    }
  return a;
}

int
ae_net_step_multiple (const ae_net_t *net, int first, int last)
{
  long multiple = 1;
  for (int i = first; i < last; i++)
    {
      const int m = net->layers[i].step_multiple;
      if (m > 1)
        multiple = multiple / greatest_common_divisor ((int) multiple, m) * m;
      if (multiple > (1 << 20))
        return 1 << 20;   /* no sequence can be whole bars of all: each layer checks its own */
    }
  return (int) multiple;
}

/* AE_ERR_ARGUMENT unless every length (lengths NULL: n_steps) is a multiple
   of the step multiple of layers [first, last). */
static ae_status_t
check_whole_bars (const ae_net_t *net, int first, int last, const int *lengths, long n,
                  int n_steps, const char *what, ae_error_t *err)
{
  const int m = ae_net_step_multiple (net, first, last);
  if (m <= 1)
    return AE_OK;
  if (!lengths && n_steps % m != 0)
    return ae_fail (err, AE_ERR_ARGUMENT, "%s: the network decodes subsequences (bars) of %d"
                    " steps, and %d steps are not whole bars: ask for a multiple of %d", what,
                    m, n_steps, m);
  for (long k = 0; lengths && k < n; k++)
    if (lengths[k] % m != 0)
      return ae_fail (err, AE_ERR_ARGUMENT, "%s: the network decodes subsequences (bars) of"
                      " %d steps, and sequence %ld has %d steps, not a multiple of %d", what,
                      m, k + 1, lengths[k], m);
  return AE_OK;
}

int
ae_net_n_latent (const ae_net_t *net)
{
  return ae_net_n_output (net, net->n_encoder);
}

void
ae_net_init_params (const ae_net_t *net, float *params, ae_rng_t *rng)
{
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
      float *weight = params + layer->param_offset;
      if (ops->init)
        ops->init (layer, weight, weight + layer->n_weights, params + layer->buffer_offset,
                   rng);
    }
}

ae_status_t
ae_workspace_init (ae_workspace_t *ws, const ae_net_t *net, int max_batch, ae_error_t *err)
{
  return ae_workspace_init_steps (ws, net, max_batch, 1, err);
}

/* Values per sample of grid g in batches of up to max_steps steps. */
static long
most_values (ae_grid_t g, int max_steps)
{
  return (long) g.c * g.h * g.w * (g.sequence ? max_steps : 1);
}

/* The frames a pass of layer's kind sees for max_batch samples. */
static int
most_frames (const ae_layer_t *layer, int max_batch, int max_steps)
{
  return layer->in.sequence || layer->out.sequence ? max_batch * max_steps : max_batch;
}

/* Each layer's state, as its kind asks (layer i's in ws->state[i]). */
static ae_status_t
make_states (ae_workspace_t *ws, const ae_net_t *net, ae_error_t *err)
{
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_ops_t *ops = ae_layer_ops (net->layers[i].spec.kind);
      const int frames = most_frames (&net->layers[i], ws->max_batch, ws->max_steps);
      ae_status_t status = ops->state_new ? ops->state_new (&net->layers[i], frames,
                                                            &ws->state[i], err)
                                          : AE_OK;
      ws->state_free[i] = ops->state_free;
      if (status != AE_OK)
        return status;
    }
  return AE_OK;
}

ae_status_t
ae_workspace_init_steps (ae_workspace_t *ws, const ae_net_t *net, int max_batch, int max_steps,
                         ae_error_t *err)
{
  memset (ws, 0, sizeof *ws);
  if (max_steps < 1 || (long) max_batch * max_steps > INT_MAX)
    return ae_fail (err, AE_ERR_MEMORY, "batches of %d sequences of %d steps are too large",
                    max_batch, max_steps);
  ws->max_batch = max_batch;
  ws->max_steps = ws->n_steps = max_steps;
  ws->n_threads = ae_num_threads ();
  long widest = most_values (net->input, max_steps), total = 0, col = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
      if (ops->scratch)
        {
          long size = ops->scratch (layer, most_frames (layer, max_batch, max_steps),
                                    ws->n_threads);
          col = col > size ? col : size;
        }
      const long in = most_values (layer->in, max_steps), out = most_values (layer->out, max_steps);
      total += out;
      widest = in > widest ? in : widest;
      widest = out > widest ? out : widest;
    }
  /* outputs, eps (at most the widest), two gradient buffers, the scratch */
  size_t n_floats = (size_t) max_batch * (total + 3 * widest) + (size_t) col;
  ws->block = calloc (n_floats, sizeof (float));
  if (!ws->block)
    return ae_fail (err, AE_ERR_MEMORY,
                    "cannot allocate %zu MB of workspace for batches of %d",
                    n_floats * sizeof (float) >> 20, max_batch);
  float *next = ws->block;
  for (int i = 0; i < net->n_layers; i++)
    {
      ws->outputs[i] = next;
      next += (size_t) max_batch * most_values (net->layers[i].out, max_steps);
    }
  ws->eps = next;
  ws->grad_a = ws->eps + (size_t) max_batch * widest;
  ws->grad_b = ws->grad_a + (size_t) max_batch * widest;
  ws->col = ws->grad_b + (size_t) max_batch * widest;
  ae_status_t status = make_states (ws, net, err);
  if (status != AE_OK)
    ae_workspace_free (ws);
  return status;
}

long
ae_workspace_sample_size (const ae_workspace_t *ws, ae_grid_t g)
{
  return most_values (g, ws->n_steps);
}

void
ae_workspace_free (ae_workspace_t *ws)
{
  for (int i = 0; i < AE_MAX_LAYERS; i++)
    if (ws->state[i])
      ws->state_free[i] (ws->state[i]);
  free (ws->block);
  memset (ws, 0, sizeof *ws);
}

/* What layer i's passes read besides their input and output. */
static ae_layer_ctx_t
layer_context (const ae_net_t *net, int i, const float *params, float *grads,
               const ae_workspace_t *ws)
{
  const ae_layer_t *layer = &net->layers[i];
  ae_layer_ctx_t ctx = { .eps = ws->eps, .col = ws->col, .n_threads = ws->n_threads,
                         .state = ws->state[i], .training = ws->training, .rng = ws->rng,
                         .condition = ws->condition, .n_steps = ws->n_steps,
                         .lengths = ws->lengths };
  if (layer->n_buffer > 0)
    ctx.buffer = params + layer->buffer_offset;
  if (layer->n_weights + layer->n_bias > 0)
    {
      ctx.weight = params + layer->param_offset;
      ctx.bias = ctx.weight + layer->n_weights;
      if (grads)
        {
          ctx.d_weight = grads + layer->param_offset;
          ctx.d_bias = ctx.d_weight + layer->n_weights;
        }
    }
  return ctx;
}

/* What layer's pass is given as its batch: samples for a temporal kind, a
   per-step kind each frame. */
static int
pass_count (const ae_layer_t *layer, const ae_workspace_t *ws, int n_batch)
{
  return ae_layer_ops (layer->spec.kind)->temporal || !layer->in.sequence
           ? n_batch
           : n_batch * ws->n_steps;
}

/* Zeroes the frames of values [n_batch][T][width] past each sample's length. */
static void
zero_padding (float *values, int width, const ae_workspace_t *ws, int n_batch)
{
  for (int b = 0; b < n_batch; b++)
    {
      const long from = (long) b * ws->n_steps + ws->lengths[b];
      const long to = (long) (b + 1) * ws->n_steps;
      memset (values + from * width, 0, (size_t) (to - from) * width * sizeof *values);
    }
}

static int
padded (const ae_layer_t *layer, const ae_workspace_t *ws)
{
  return layer->out.sequence && ws->lengths;
}

void
ae_net_forward (const ae_net_t *net, const float *params, ae_workspace_t *ws,
                const float *in, int n_batch, int first, int last)
{
  const float *layer_in = in;
  for (int i = first; i < last; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ctx_t ctx = layer_context (net, i, params, NULL, ws);
      ae_layer_ops (layer->spec.kind)->forward (layer, &ctx, ws->outputs[i], layer_in,
                                                pass_count (layer, ws, n_batch));
      if (padded (layer, ws))
        zero_padding (ws->outputs[i], layer->n_out, ws, n_batch);
      layer_in = ws->outputs[i];
    }
}

float *
ae_net_backward (const ae_net_t *net, const float *params, float *grads,
                 ae_workspace_t *ws, const float *in, const float *d_out,
                 int n_batch, int first, int last)
{
  float *d_in = NULL;
  for (int i = last - 1; i >= first; i--)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
      const ae_layer_ctx_t ctx = layer_context (net, i, params, grads, ws);
      const float *layer_in = i > 0 ? ws->outputs[i - 1] : in;
      if (padded (layer, ws))   /* the caller's gradient is copied, ours zeroed in place */
        {
          float *own = d_out == ws->grad_b ? ws->grad_b : ws->grad_a;
          if (own != d_out)
            memcpy (own, d_out, (size_t) n_batch * ae_workspace_sample_size (ws, layer->out)
                                  * sizeof *own);
          zero_padding (own, layer->n_out, ws, n_batch);
          d_out = own;
        }
      d_in = d_out == ws->grad_a ? ws->grad_b : ws->grad_a;
      /* the input's gradient is seldom needed below a first layer with parameters */
      if (i == 0 && layer->n_weights + layer->n_bias > 0 && !ws->input_gradient)
        d_in = NULL;
      ops->backward (layer, &ctx, d_in, d_out, layer_in, ws->outputs[i],
                     pass_count (layer, ws, n_batch));
      d_out = d_in;
    }
  return d_in;
}

int
ae_net_skips_parameter_gradients (const ae_net_t *net, const ae_workspace_t *ws, int first,
                                  int last)
{
  for (int i = first; i < last; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_kind_t kind = layer->spec.kind;
      const int im2col = (kind == AE_LAYER_CONV || kind == AE_LAYER_CONV_TRANSPOSED)
                         && ws->state[i] == NULL;   /* the FFT path keeps state */
      if (layer->n_weights + layer->n_bias > 0 && kind != AE_LAYER_DENSE
          && kind != AE_LAYER_BATCH_NORM && kind != AE_LAYER_VECTOR_QUANTIZE && !im2col)
        return 0;
    }
  return 1;
}

void
ae_net_update_buffers (const ae_net_t *net, float *params, ae_workspace_t *ws, int n_batch)
{
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
      if (!ops->update)
        continue;
      const ae_layer_ctx_t ctx = layer_context (net, i, params, NULL, ws);
      ops->update (layer, &ctx, params + layer->param_offset, params + layer->buffer_offset,
                   n_batch);
    }
}

void
ae_net_backward_injected (const ae_net_t *net, const float *params, float *grads,
                          ae_workspace_t *ws, const float *in, const float *d_out,
                          int n_batch, int last, float *const *inject)
{
  for (int i = last - 1; i >= 0; i--)
    {
      float *d_in = ae_net_backward (net, params, grads, ws, in, d_out, n_batch, i, i + 1);
      if (!d_in)
        break;
      if (inject && inject[i])
        {
          const long n = (long) n_batch * net->layers[i].n_in;
          for (long k = 0; k < n; k++)
            d_in[k] += inject[i][k];
        }
      d_out = d_in;
    }
}

ae_status_t
ae_net_check_conditions (const ae_net_t *net, const float *conditions, ae_error_t *err)
{
  if (net->n_condition > 0 && !conditions)
    return ae_fail (err, AE_ERR_ARGUMENT, "a conditional network needs each sample's %d"
                    " condition values", net->n_condition);
  if (net->n_condition == 0 && conditions)
    return ae_fail (err, AE_ERR_ARGUMENT, "conditions for a network without condition layers");
  return AE_OK;
}

int
ae_sequences_gather (const ae_sequences_t *seq, const size_t *order, long first, int n_batch,
                     float *batch, int *lengths)
{
  int n_steps = 1;
  for (int k = 0; k < n_batch; k++)
    {
      const size_t sample = order ? order[first + k] : (size_t) (first + k);
      lengths[k] = seq->lengths[sample];
      n_steps = lengths[k] > n_steps ? lengths[k] : n_steps;
    }
  const size_t frame = (size_t) seq->frame;
  for (int k = 0; k < n_batch; k++)
    {
      const size_t sample = order ? order[first + k] : (size_t) (first + k);
      float *to = batch + (size_t) k * n_steps * frame;
      memcpy (to, seq->frames + (size_t) seq->offsets[sample] * frame,
              (size_t) lengths[k] * frame * sizeof *to);
      memset (to + (size_t) lengths[k] * frame, 0,
              (size_t) (n_steps - lengths[k]) * frame * sizeof *to);
    }
  return n_steps;
}

/* What ae_net_apply and its sequence forms read: samples [n][width] that
   are not sequences, with the steps the layers after them make (repeat),
   or sequences. */
typedef struct {
  const float *flat;
  const ae_sequences_t *seq;
  int n_steps;
} apply_source_t;

ae_grid_t
ae_net_grid (const ae_net_t *net, int after)
{
  return after > 0 ? net->layers[after - 1].out : net->input;
}

/* Copies a batch's result [n_batch][T or 1][width] into out: frames back to
   back at the input's offsets for sequences of sequences, else in a row. */
static void
put_result (float *out, const float *result, const apply_source_t *src, ae_grid_t grid,
            int width, const ae_workspace_t *ws, long start, int n_batch)
{
  if (src->seq && grid.sequence)
    {
      for (int k = 0; k < n_batch; k++)
        memcpy (out + (size_t) src->seq->offsets[start + k] * width,
                result + (size_t) k * ws->n_steps * width,
                (size_t) ws->lengths[k] * width * sizeof *out);
      return;
    }
  const size_t per = (size_t) width * (grid.sequence ? ws->n_steps : 1);
  memcpy (out + (size_t) start * per, result, (size_t) n_batch * per * sizeof *out);
}

ae_status_t
ae_sequences_check (const ae_net_t *net, int first, const ae_sequences_t *seq,
                    const char *what, ae_error_t *err)
{
  if (!ae_net_grid (net, first).sequence)
    return ae_fail (err, AE_ERR_ARGUMENT, "%s for layer %d, whose input is not a sequence",
                    what, first + 1);
  if (seq->frame != ae_net_n_output (net, first))
    return ae_fail (err, AE_ERR_ARGUMENT, "%s have %d features per step, the network %d",
                    what, seq->frame, ae_net_n_output (net, first));
  return check_whole_bars (net, first, net->n_layers, seq->lengths, seq->n, 0, what, err);
}

ae_status_t
ae_sequence_batch_init (ae_sequence_batch_t *batch, const ae_sequences_t *seq, int max_batch,
                        ae_error_t *err)
{
  batch->values = malloc ((size_t) max_batch * seq->max_length * seq->frame
                          * sizeof *batch->values);
  batch->lengths = malloc ((size_t) max_batch * sizeof *batch->lengths);
  if (batch->values && batch->lengths)
    return AE_OK;
  ae_sequence_batch_free (batch);
  return ae_fail (err, AE_ERR_MEMORY, "cannot allocate a batch of %d sequences of %d steps",
                  max_batch, seq->max_length);
}

void
ae_sequence_batch_free (ae_sequence_batch_t *batch)
{
  free (batch->values);
  free (batch->lengths);
  batch->values = NULL;
  batch->lengths = NULL;
}

const float *
ae_sequence_batch_load (ae_sequence_batch_t *batch, const ae_sequences_t *seq, long first,
                        int n_batch, ae_workspace_t *ws)
{
  ws->n_steps = ae_sequences_gather (seq, NULL, first, n_batch, batch->values, batch->lengths);
  ws->lengths = batch->lengths;
  return batch->values;
}

static ae_status_t
apply (const ae_net_t *net, const float *params, apply_source_t src, const float *conditions,
       long n, int first, int last, float *out, ae_rng_t *noise, ae_error_t *err)
{
  enum { chunk = 256 };
  const int max_steps = src.seq ? src.seq->max_length : src.n_steps;
  ae_workspace_t ws;
  ae_status_t status = ae_net_check_conditions (net, conditions, err);
  if (status != AE_OK
      || (status = ae_workspace_init_steps (&ws, net, chunk, max_steps, err)) != AE_OK)
    return status;
  const int n_in = ae_net_n_output (net, first), n_out = ae_net_n_output (net, last);
  ae_sequence_batch_t batch = { 0 };
  if (src.seq)
    status = ae_sequence_batch_init (&batch, src.seq, chunk, err);
  for (long start = 0; status == AE_OK && start < n; start += chunk)
    {
      if (ae_interrupt_requested ())
        {
          status = ae_fail (err, AE_INTERRUPTED, "stopped at sample %ld of %ld", start, n);
          break;
        }
      int n_batch = (int) (n - start < chunk ? n - start : chunk);
      if (noise)
        ae_rng_normal (noise, ws.eps, (size_t) n_batch * ae_net_n_latent (net));
      ws.condition = conditions ? conditions + start * net->n_condition : NULL;
      const float *x = src.seq ? ae_sequence_batch_load (&batch, src.seq, start, n_batch, &ws)
                               : src.flat + start * n_in;
      ae_net_forward (net, params, &ws, x, n_batch, first, last);
      put_result (out, last > first ? ws.outputs[last - 1] : x, &src,
                  ae_net_grid (net, last), n_out, &ws, start, n_batch);
    }
  ae_sequence_batch_free (&batch);
  ae_workspace_free (&ws);
  return status;
}

ae_status_t
ae_net_apply_steps (const ae_net_t *net, const float *params, const float *in,
                    const float *conditions, long n, int first, int last, int n_steps,
                    float *out, ae_rng_t *noise, ae_error_t *err)
{
  if (ae_net_grid (net, first).sequence)
    return ae_fail (err, AE_ERR_ARGUMENT, "the input of layer %d is a sequence: give"
                    " sequences", first + 1);
  if (n_steps < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "the number of steps must be >= 1, not %d",
                    n_steps);
  ae_status_t status = check_whole_bars (net, first, last, NULL, 1, n_steps, "decoding", err);
  if (status != AE_OK)
    return status;
  const apply_source_t src = { .flat = in, .n_steps = n_steps };
  return apply (net, params, src, conditions, n, first, last, out, noise, err);
}

ae_status_t
ae_net_apply (const ae_net_t *net, const float *params, const float *in,
              const float *conditions, long n, int first, int last, float *out,
              ae_rng_t *noise, ae_error_t *err)
{
  return ae_net_apply_steps (net, params, in, conditions, n, first, last, 1, out, noise, err);
}

ae_status_t
ae_net_apply_sequences (const ae_net_t *net, const float *params, const ae_sequences_t *in,
                        const float *conditions, int first, int last, float *out,
                        ae_rng_t *noise, ae_error_t *err)
{
  ae_status_t status = ae_sequences_check (net, first, in, "the sequences", err);
  if (status != AE_OK)
    return status;
  const apply_source_t src = { .seq = in };
  return apply (net, params, src, conditions, in->n, first, last, out, noise, err);
}
