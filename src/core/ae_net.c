#include "ae_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ae_conv_fft.h"
#include "ae_dense.h"
#include "ae_gaussian.h"
#include "ae_pool.h"

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

static long
grid_size (ae_grid_t g)
{
  return (long) g.c * g.h * g.w;
}

static ae_grid_t
current_grid (const ae_net_t *net)
{
  return net->n_layers ? net->layers[net->n_layers - 1].out : net->input;
}

/* Appends a layer reading the current grid and writing layer.out, whose
   parameters (if any) follow the network's. */
static ae_status_t
append (ae_net_t *net, ae_layer_t layer, ae_error_t *err)
{
  if (net->n_layers >= AE_MAX_LAYERS)
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most %d layers", AE_MAX_LAYERS);
  layer.in = current_grid (net);
  const long n_out = grid_size (layer.out);
  if (layer.out.c < 1 || layer.out.h < 1 || layer.out.w < 1 || n_out > (1L << 30))
    return ae_fail (err, AE_ERR_ARGUMENT, "layer %d would have %dx%dx%d outputs",
                    net->n_layers + 1, layer.out.h, layer.out.w, layer.out.c);
  layer.n_in = (int) grid_size (layer.in);
  layer.n_out = (int) n_out;
  layer.param_offset = net->n_params;
  net->n_params += layer.n_weights + layer.n_bias;
  net->layers[net->n_layers++] = layer;
  return AE_OK;
}

ae_status_t
ae_net_add_dense (ae_net_t *net, int n_out, ae_error_t *err)
{
  const long n_in = grid_size (current_grid (net));
  ae_layer_t layer = { .kind = AE_LAYER_DENSE, .out = { n_out, 1, 1 },
                       .n_weights = n_in * n_out, .n_bias = n_out };
  return append (net, layer, err);
}

ae_status_t
ae_net_add_activation (ae_net_t *net, ae_activation_t kind, float slope, ae_error_t *err)
{
  ae_layer_t layer = { .kind = AE_LAYER_ACTIVATION, .out = current_grid (net),
                       .activation = kind, .slope = slope };
  return append (net, layer, err);
}

ae_status_t
ae_net_add_gaussian (ae_net_t *net, ae_error_t *err)
{
  const long width = grid_size (current_grid (net));
  if (width % 2 != 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the Gaussian layer needs an even input width (mu and logvar), got %ld",
                    width);
  if (ae_net_is_variational (net))
    return ae_fail (err, AE_ERR_ARGUMENT, "a network has at most one Gaussian layer");
  ae_layer_t layer = { .kind = AE_LAYER_GAUSSIAN, .out = { (int) (width / 2), 1, 1 } };
  return append (net, layer, err);
}

/* The convolution from `from` with the spec's geometry; out_c channels. */
static ae_status_t
conv_shape (ae_conv_shape_t *shape, ae_grid_t from, int out_c, const ae_conv_spec_t *spec,
            ae_error_t *err)
{
  if (spec->same)
    return ae_conv_shape_same (shape, from.c, from.h, from.w, out_c, spec->k_h, spec->k_w,
                               spec->stride, err);
  return ae_conv_shape_init (shape, from.c, from.h, from.w, out_c, spec->k_h, spec->k_w,
                             spec->stride, spec->pad_top, spec->pad_bottom, spec->pad_left,
                             spec->pad_right, err);
}

ae_status_t
ae_net_add_conv (ae_net_t *net, const ae_conv_spec_t *spec, ae_error_t *err)
{
  ae_layer_t layer = { .kind = AE_LAYER_CONV };
  ae_status_t status = conv_shape (&layer.conv, current_grid (net), spec->n_filters, spec, err);
  if (status != AE_OK)
    return status;
  const ae_conv_shape_t *s = &layer.conv;
  layer.out = (ae_grid_t) { s->out_c, s->out_h, s->out_w };
  layer.n_weights = (long) s->out_c * s->in_c * s->k_h * s->k_w;
  layer.n_bias = s->out_c;
  return append (net, layer, err);
}

ae_status_t
ae_net_add_conv_transposed (ae_net_t *net, const ae_conv_spec_t *spec, ae_error_t *err)
{
  const ae_grid_t from = current_grid (net);
  ae_layer_t layer = { .kind = AE_LAYER_CONV_TRANSPOSED };
  ae_status_t status;
  if (spec->same)
    {
      /* the adjoint of the "same" convolution from in * stride back to in */
      const ae_grid_t big = { spec->n_filters, from.h * spec->stride, from.w * spec->stride };
      status = conv_shape (&layer.conv, big, from.c, spec, err);
      if (status == AE_OK && (layer.conv.out_h != from.h || layer.conv.out_w != from.w))
        status = ae_fail (err, AE_ERR_ARGUMENT, "inconsistent transposed convolution geometry");
    }
  else
    status = ae_conv_shape_transposed (&layer.conv, from.c, from.h, from.w, spec->n_filters,
                                       spec->k_h, spec->k_w, spec->stride, spec->pad_top,
                                       spec->pad_bottom, spec->pad_left, spec->pad_right,
                                       spec->output_padding_h, spec->output_padding_w, err);
  if (status != AE_OK)
    return status;
  const ae_conv_shape_t *s = &layer.conv;
  layer.out = (ae_grid_t) { s->in_c, s->in_h, s->in_w };
  layer.n_weights = (long) s->out_c * s->in_c * s->k_h * s->k_w;
  layer.n_bias = s->in_c;
  return append (net, layer, err);
}

ae_status_t
ae_net_add_pool (ae_net_t *net, ae_layer_kind_t kind, const ae_conv_spec_t *spec,
                 ae_error_t *err)
{
  const ae_grid_t from = current_grid (net);
  ae_layer_t layer = { .kind = kind };
  if (kind != AE_LAYER_MAX_POOL && kind != AE_LAYER_AVG_POOL)
    return ae_fail (err, AE_ERR_ARGUMENT, "not a pooling layer kind: %d", (int) kind);
  ae_status_t status = conv_shape (&layer.conv, from, from.c, spec, err);
  if (status != AE_OK)
    return status;
  const ae_conv_shape_t *s = &layer.conv;
  if (s->pad_top >= s->k_h || s->pad_bottom >= s->k_h || s->pad_left >= s->k_w
      || s->pad_right >= s->k_w)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "a pooling window of %dx%d cannot take padding %d/%d/%d/%d: a window"
                    " would lie in the padding", s->k_h, s->k_w, s->pad_top, s->pad_bottom,
                    s->pad_left, s->pad_right);
  layer.out = (ae_grid_t) { s->out_c, s->out_h, s->out_w };
  return append (net, layer, err);
}

ae_status_t
ae_net_add_upsample (ae_net_t *net, int factor, ae_error_t *err)
{
  const ae_grid_t from = current_grid (net);
  if (factor < 1 || (long) from.h * factor > (1 << 20) || (long) from.w * factor > (1 << 20))
    return ae_fail (err, AE_ERR_ARGUMENT, "cannot upsample %dx%d by %d", from.h, from.w,
                    factor);
  ae_layer_t layer = { .kind = AE_LAYER_UPSAMPLE,
                       .out = { from.c, from.h * factor, from.w * factor }, .factor = factor };
  return append (net, layer, err);
}

ae_status_t
ae_net_add_reshape (ae_net_t *net, ae_grid_t grid, ae_error_t *err)
{
  const ae_grid_t from = current_grid (net);
  if (grid.c < 1 || grid.h < 1 || grid.w < 1 || grid_size (grid) != grid_size (from))
    return ae_fail (err, AE_ERR_ARGUMENT, "cannot reshape %ld values into %dx%dx%d",
                    grid_size (from), grid.h, grid.w, grid.c);
  ae_layer_t layer = { .kind = AE_LAYER_RESHAPE, .out = grid };
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
      const ae_conv_shape_t *s = &layer->conv;
      long fan_in;
      switch (layer->kind)
        {
        case AE_LAYER_DENSE: fan_in = layer->n_in; break;
        case AE_LAYER_CONV:
        case AE_LAYER_CONV_TRANSPOSED: fan_in = (long) s->in_c * s->k_h * s->k_w; break;
        default: continue;
        }
      float bound = 1.0f / sqrtf ((float) fan_in);
      float *p = params + layer->param_offset;
      for (long k = 0; k < layer->n_weights + layer->n_bias; k++)
        p[k] = bound * (2.0f * ae_rng_uniform (rng) - 1.0f);
    }
}

ae_status_t
ae_workspace_init (ae_workspace_t *ws, const ae_net_t *net, int max_batch, ae_error_t *err)
{
  memset (ws, 0, sizeof *ws);
  ws->max_batch = max_batch;
  long widest = net->n_input, total = 0, col = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      if (layer->kind == AE_LAYER_CONV || layer->kind == AE_LAYER_CONV_TRANSPOSED)
        {
          long size = ae_conv_col_size (&layer->conv, max_batch);
          col = col > size ? col : size;
        }
      total += net->layers[i].n_out;
      if (net->layers[i].n_in > widest)
        widest = net->layers[i].n_in;
      if (net->layers[i].n_out > widest)
        widest = net->layers[i].n_out;
    }
  /* outputs, eps (at most the widest), two gradient buffers, the im2col scratch */
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
      const ae_layer_t *layer = &net->layers[i];
      if ((layer->kind == AE_LAYER_CONV || layer->kind == AE_LAYER_CONV_TRANSPOSED)
          && ae_conv_fft_pays (&layer->conv)
          && !(ws->fft[i] = ae_conv_fft_new (&layer->conv, err)))
        {
          ae_workspace_free (ws);
          return AE_ERR_MEMORY;
        }
    }
  return AE_OK;
}

void
ae_workspace_free (ae_workspace_t *ws)
{
  for (int i = 0; i < AE_MAX_LAYERS; i++)
    ae_conv_fft_free (ws->fft[i]);
  free (ws->block);
  memset (ws, 0, sizeof *ws);
}

static void
layer_forward (const ae_layer_t *layer, const float *params, ae_workspace_t *ws,
               ae_conv_fft_t *fft, float *out, const float *in, int n_batch)
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
    case AE_LAYER_CONV:
      {
        const float *weight = params + layer->param_offset;
        if (fft)
          ae_conv_fft_forward (fft, out, in, weight, weight + layer->n_weights, n_batch);
        else
          ae_conv_forward (out, in, weight, weight + layer->n_weights, n_batch, &layer->conv,
                           ws->col);
        break;
      }
    case AE_LAYER_CONV_TRANSPOSED:
      {
        const float *weight = params + layer->param_offset;
        if (fft)
          ae_conv_fft_transposed_forward (fft, out, in, weight, weight + layer->n_weights,
                                          n_batch);
        else
          ae_conv_transposed_forward (out, in, weight, weight + layer->n_weights, n_batch,
                                      &layer->conv, ws->col);
        break;
      }
    case AE_LAYER_MAX_POOL:
      ae_max_pool_forward (out, in, n_batch, &layer->conv);
      break;
    case AE_LAYER_AVG_POOL:
      ae_avg_pool_forward (out, in, n_batch, &layer->conv);
      break;
    case AE_LAYER_UPSAMPLE:
      ae_upsample_forward (out, in, n_batch, layer->in.c, layer->in.h, layer->in.w,
                           layer->factor);
      break;
    case AE_LAYER_RESHAPE:
      memcpy (out, in, (size_t) n_batch * layer->n_out * sizeof *out);
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
      layer_forward (&net->layers[i], params, ws, ws->fft[i], ws->outputs[i], layer_in,
                     n_batch);
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
            float *d_bias = d_weight + layer->n_weights;
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
        case AE_LAYER_CONV:
        case AE_LAYER_CONV_TRANSPOSED:
          {
            const float *weight = params + layer->param_offset;
            float *d_weight = grads + layer->param_offset;
            float *d_bias = d_weight + layer->n_weights;
            if (i == 0)
              d_in = NULL;
            if (ws->fft[i])
              (layer->kind == AE_LAYER_CONV ? ae_conv_fft_backward
                                            : ae_conv_fft_transposed_backward)
                (ws->fft[i], d_in, d_weight, d_bias, d_out, layer_in, weight, n_batch);
            else
              (layer->kind == AE_LAYER_CONV ? ae_conv_backward : ae_conv_transposed_backward)
                (d_in, d_weight, d_bias, d_out, layer_in, weight, n_batch, &layer->conv,
                 ws->col);
            break;
          }
        case AE_LAYER_MAX_POOL:
          ae_max_pool_backward (d_in, d_out, layer_in, n_batch, &layer->conv);
          break;
        case AE_LAYER_AVG_POOL:
          ae_avg_pool_backward (d_in, d_out, n_batch, &layer->conv);
          break;
        case AE_LAYER_UPSAMPLE:
          ae_upsample_backward (d_in, d_out, n_batch, layer->in.c, layer->in.h, layer->in.w,
                                layer->factor);
          break;
        case AE_LAYER_RESHAPE:
          memcpy (d_in, d_out, (size_t) n_batch * layer->n_out * sizeof *d_in);
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
      if (ae_interrupt_requested ())
        {
          status = ae_fail (err, AE_INTERRUPTED, "stopped at sample %ld of %ld", start, n);
          break;
        }
      int n_batch = (int) (n - start < chunk ? n - start : chunk);
      if (noise)
        ae_rng_normal (noise, ws.eps, (size_t) n_batch * ae_net_n_latent (net));
      ae_net_forward (net, params, &ws, in + start * n_in, n_batch, first, last);
      const float *result = last > first ? ws.outputs[last - 1] : in + start * n_in;
      memcpy (out + start * n_out, result, (size_t) n_batch * n_out * sizeof *out);
    }
  ae_workspace_free (&ws);
  return status;
}
