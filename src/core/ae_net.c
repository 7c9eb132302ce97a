#include "ae_net.h"
#include "ae_threads.h"

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
  ae_net_begin_grid (net, (ae_grid_t) { n_input, 1, 1 });
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
  memset (ws, 0, sizeof *ws);
  ws->max_batch = max_batch;
  ws->n_threads = ae_num_threads ();
  long widest = net->n_input, total = 0, col = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
      if (ops->scratch)
        {
          long size = ops->scratch (layer, max_batch, ws->n_threads);
          col = col > size ? col : size;
        }
      total += layer->n_out;
      if (layer->n_in > widest)
        widest = layer->n_in;
      if (layer->n_out > widest)
        widest = layer->n_out;
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
      next += (size_t) max_batch * net->layers[i].n_out;
    }
  ws->eps = next;
  ws->grad_a = ws->eps + (size_t) max_batch * widest;
  ws->grad_b = ws->grad_a + (size_t) max_batch * widest;
  ws->col = ws->grad_b + (size_t) max_batch * widest;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_ops_t *ops = ae_layer_ops (net->layers[i].spec.kind);
      ae_status_t status = ops->state_new ? ops->state_new (&net->layers[i], max_batch,
                                                            &ws->state[i], err)
                                          : AE_OK;
      ws->state_free[i] = ops->state_free;
      if (status != AE_OK)
        {
          ae_workspace_free (ws);
          return status;
        }
    }
  return AE_OK;
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
                         .condition = ws->condition };
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

void
ae_net_forward (const ae_net_t *net, const float *params, ae_workspace_t *ws,
                const float *in, int n_batch, int first, int last)
{
  const float *layer_in = in;
  for (int i = first; i < last; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      const ae_layer_ctx_t ctx = layer_context (net, i, params, NULL, ws);
      ae_layer_ops (layer->spec.kind)->forward (layer, &ctx, ws->outputs[i], layer_in, n_batch);
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
      d_in = d_out == ws->grad_a ? ws->grad_b : ws->grad_a;
      /* the input's gradient is seldom needed below a first layer with parameters */
      if (i == 0 && layer->n_weights + layer->n_bias > 0 && !ws->input_gradient)
        d_in = NULL;
      ops->backward (layer, &ctx, d_in, d_out, layer_in, ws->outputs[i], n_batch);
      d_out = d_in;
    }
  return d_in;
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
      ops->update (layer, &ctx, params + layer->buffer_offset, n_batch);
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

ae_status_t
ae_net_apply (const ae_net_t *net, const float *params, const float *in,
              const float *conditions, long n, int first, int last, float *out,
              ae_rng_t *noise, ae_error_t *err)
{
  enum { chunk = 256 };
  ae_workspace_t ws;
  ae_status_t status = ae_net_check_conditions (net, conditions, err);
  if (status != AE_OK || (status = ae_workspace_init (&ws, net, chunk, err)) != AE_OK)
    return status;
  const int n_in = ae_net_n_output (net, first), n_out = ae_net_n_output (net, last);
  for (long start = 0; start < n; start += chunk)
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
      ae_net_forward (net, params, &ws, in + start * n_in, n_batch, first, last);
      const float *result = last > first ? ws.outputs[last - 1] : in + start * n_in;
      memcpy (out + start * n_out, result, (size_t) n_batch * n_out * sizeof *out);
    }
  ae_workspace_free (&ws);
  return status;
}
