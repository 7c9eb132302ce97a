#include "ae_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ae_dense.h"
#include "ae_gaussian.h"

void
ae_net_begin (ae_net_t *net, int n_input)
{
  memset (net, 0, sizeof *net);
  net->n_input = n_input;
}

static ae_status_t
append (ae_net_t *net, ae_layer_t layer, ae_error_t *err)
{
  if (net->n_layers >= AE_MAX_LAYERS)
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most %d layers", AE_MAX_LAYERS);
  if (layer.n_out < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "layer %d would have %d outputs",
                    net->n_layers + 1, layer.n_out);
  net->layers[net->n_layers++] = layer;
  return AE_OK;
}

static int
current_width (const ae_net_t *net)
{
  return net->n_layers ? net->layers[net->n_layers - 1].n_out : net->n_input;
}

ae_status_t
ae_net_add_dense (ae_net_t *net, int n_out, ae_error_t *err)
{
  ae_layer_t layer = { .kind = AE_LAYER_DENSE, .n_in = current_width (net),
                       .n_out = n_out, .param_offset = net->n_params };
  ae_status_t status = append (net, layer, err);
  if (status == AE_OK)
    net->n_params += ae_dense_n_params (layer.n_in, n_out);
  return status;
}

ae_status_t
ae_net_add_activation (ae_net_t *net, ae_activation_t kind, float slope, ae_error_t *err)
{
  int width = current_width (net);
  ae_layer_t layer = { .kind = AE_LAYER_ACTIVATION, .n_in = width, .n_out = width,
                       .activation = kind, .slope = slope };
  return append (net, layer, err);
}

ae_status_t
ae_net_add_gaussian (ae_net_t *net, ae_error_t *err)
{
  int width = current_width (net);
  if (width % 2 != 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the Gaussian layer needs an even input width (mu and logvar), got %d",
                    width);
  if (ae_net_is_variational (net))
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most one Gaussian layer");
  ae_layer_t layer = { .kind = AE_LAYER_GAUSSIAN, .n_in = width, .n_out = width / 2 };
  return append (net, layer, err);
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
ae_net_is_variational (const ae_net_t *net)
{
  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == AE_LAYER_GAUSSIAN)
      return 1;
  return 0;
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
      if (layer->kind != AE_LAYER_DENSE)
        continue;
      float bound = 1.0f / sqrtf ((float) layer->n_in);
      long n = ae_dense_n_params (layer->n_in, layer->n_out);
      float *p = params + layer->param_offset;
      for (long k = 0; k < n; k++)
        p[k] = bound * (2.0f * ae_rng_uniform (rng) - 1.0f);
    }
}

ae_status_t
ae_workspace_init (ae_workspace_t *ws, const ae_net_t *net, int max_batch, ae_error_t *err)
{
  memset (ws, 0, sizeof *ws);
  ws->max_batch = max_batch;
  long widest = net->n_input, total = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      total += net->layers[i].n_out;
      if (net->layers[i].n_in > widest)
        widest = net->layers[i].n_in;
      if (net->layers[i].n_out > widest)
        widest = net->layers[i].n_out;
    }
  /* outputs, eps (at most the widest), two gradient buffers */
  size_t n_floats = (size_t) max_batch * (total + 3 * widest);
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
  return AE_OK;
}

void
ae_workspace_free (ae_workspace_t *ws)
{
  free (ws->block);
  memset (ws, 0, sizeof *ws);
}

static void
layer_forward (const ae_layer_t *layer, const float *params, ae_workspace_t *ws,
               float *out, const float *in, int n_batch)
{
  switch (layer->kind)
    {
    case AE_LAYER_DENSE:
      {
        const float *weight = params + layer->param_offset;
        const float *bias = weight + (long) layer->n_in * layer->n_out;
        ae_dense_forward (out, in, weight, bias, n_batch, layer->n_in, layer->n_out);
        break;
      }
    case AE_LAYER_ACTIVATION:
      ae_activation_forward (out, in, (size_t) n_batch * layer->n_out,
                             layer->activation, layer->slope);
      break;
    case AE_LAYER_GAUSSIAN:
      ae_gaussian_forward (out, in, ws->eps, n_batch, layer->n_out);
      break;
    }
}

void
ae_net_forward (const ae_net_t *net, const float *params, ae_workspace_t *ws,
                const float *in, int n_batch, int first, int last)
{
  const float *layer_in = in;
  for (int i = first; i < last; i++)
    {
      layer_forward (&net->layers[i], params, ws, ws->outputs[i], layer_in, n_batch);
      layer_in = ws->outputs[i];
    }
}

float *
ae_net_backward (const ae_net_t *net, const float *params, float *grads,
                 ae_workspace_t *ws, const float *in, const float *d_out,
                 int n_batch, int first, int last, float kl_scale)
{
  float *d_in = NULL;
  for (int i = last - 1; i >= first; i--)
    {
      const ae_layer_t *layer = &net->layers[i];
      const float *layer_in = i > 0 ? ws->outputs[i - 1] : in;
      d_in = d_out == ws->grad_a ? ws->grad_b : ws->grad_a;
      switch (layer->kind)
        {
        case AE_LAYER_DENSE:
          {
            const float *weight = params + layer->param_offset;
            float *d_weight = grads + layer->param_offset;
            float *d_bias = d_weight + (long) layer->n_in * layer->n_out;
            /* the input's gradient is not needed below the first layer */
            if (i == 0)
              d_in = NULL;
            ae_dense_backward (d_in, d_weight, d_bias, d_out, layer_in, weight, n_batch,
                               layer->n_in, layer->n_out);
            break;
          }
        case AE_LAYER_ACTIVATION:
          ae_activation_backward (d_in, d_out, layer_in, ws->outputs[i],
                                  (size_t) n_batch * layer->n_out, layer->activation,
                                  layer->slope);
          break;
        case AE_LAYER_GAUSSIAN:
          ae_gaussian_backward (d_in, d_out, layer_in, ws->eps, n_batch, layer->n_out);
          if (kl_scale != 0)
            ae_gaussian_kl_backward (d_in, layer_in, n_batch, layer->n_out, kl_scale);
          break;
        }
      d_out = d_in;
    }
  return d_in;
}

void
ae_net_backward_injected (const ae_net_t *net, const float *params, float *grads,
                          ae_workspace_t *ws, const float *in, const float *d_out,
                          int n_batch, int last, float kl_scale, float *const *inject)
{
  for (int i = last - 1; i >= 0; i--)
    {
      float *d_in = ae_net_backward (net, params, grads, ws, in, d_out, n_batch, i, i + 1,
                                     kl_scale);
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
ae_net_apply (const ae_net_t *net, const float *params, const float *in, long n,
              int first, int last, float *out, ae_rng_t *noise, ae_error_t *err)
{
  enum { chunk = 256 };
  ae_workspace_t ws;
  ae_status_t status = ae_workspace_init (&ws, net, chunk, err);
  if (status != AE_OK)
    return status;
  const int n_in = ae_net_n_output (net, first), n_out = ae_net_n_output (net, last);
  for (long start = 0; start < n; start += chunk)
    {
      int n_batch = (int) (n - start < chunk ? n - start : chunk);
      if (noise)
        ae_rng_normal (noise, ws.eps, (size_t) n_batch * ae_net_n_latent (net));
      ae_net_forward (net, params, &ws, in + start * n_in, n_batch, first, last);
      const float *result = last > first ? ws.outputs[last - 1] : in + start * n_in;
      memcpy (out + start * n_out, result, (size_t) n_batch * n_out * sizeof *out);
    }
  ae_workspace_free (&ws);
  return AE_OK;
}
