/* The kind table: one block per kind of layer (its geometry, then its
   forward and backward passes over the kernels of its own file), and the
   table itself at the end. Dense is the example to read first. */
#include "ae_layer.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ae_batchnorm.h"
#include "ae_conv_fft.h"
#include "ae_dense.h"
#include "ae_gaussian.h"
#include "ae_layer_kinds.h"
#include "ae_pool.h"
#include "ae_threads.h"
#include "ae_vq.h"

static long
grid_size (ae_grid_t g)
{
  return ae_grid_frame_size (g);
}

/* PyTorch's default for dense and convolution layers: weight and bias
   ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
static void
uniform_init (const ae_layer_t *layer, float *weight, float *bias, long fan_in, ae_rng_t *rng)
{
  const float bound = 1.0f / sqrtf ((float) fan_in);
  for (long k = 0; k < layer->n_weights; k++)
    weight[k] = bound * (2.0f * ae_rng_uniform (rng) - 1.0f);
  for (long k = 0; k < layer->n_bias; k++)
    bias[k] = bound * (2.0f * ae_rng_uniform (rng) - 1.0f);
}

/* ---- passes whose samples are independent (activations, pooling): split
   over the threads by samples when the batch holds enough values to be worth
   waking them; each slice runs the pass on its own samples, so every thread
   count gives the same bits ---- */

enum { SPLIT_VALUES = 1 << 15 };

typedef void (*forward_fn) (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                            const float *in, int n_batch);
typedef void (*backward_fn) (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                             const float *d_out, const float *in, const float *out,
                             int n_batch);

typedef struct {
  const ae_layer_t *layer;
  const ae_layer_ctx_t *ctx;
  forward_fn forward;
  backward_fn backward;
  float *out, *d_in;
  const float *in, *d_out, *activated;
} sample_split_t;

static int
sample_slices (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, int n_batch)
{
  const long values = (long) n_batch * (layer->n_in > layer->n_out ? layer->n_in : layer->n_out);
  return ae_slices_above (ctx->n_threads, n_batch, values, SPLIT_VALUES);
}

static void
forward_samples (void *arg, int thread, int first, int count)
{
  const sample_split_t *job = arg;
  (void) thread;
  job->forward (job->layer, job->ctx, job->out + (long) first * job->layer->n_out,
                job->in + (long) first * job->layer->n_in, count);
}

static void
split_forward (forward_fn forward, const ae_layer_t *layer, const ae_layer_ctx_t *ctx,
               float *out, const float *in, int n_batch)
{
  sample_split_t job = { .layer = layer, .ctx = ctx, .forward = forward, .out = out,
                         .in = in };
  ae_run_slices (sample_slices (layer, ctx, n_batch), n_batch, forward_samples, &job);
}

static void
backward_samples (void *arg, int thread, int first, int count)
{
  const sample_split_t *job = arg;
  const long in_at = (long) first * job->layer->n_in, out_at = (long) first * job->layer->n_out;
  (void) thread;
  job->backward (job->layer, job->ctx, job->d_in + in_at, job->d_out + out_at,
                 job->in + in_at, job->activated + out_at, count);
}

static void
split_backward (backward_fn backward, const ae_layer_t *layer, const ae_layer_ctx_t *ctx,
                float *d_in, const float *d_out, const float *in, const float *out,
                int n_batch)
{
  sample_split_t job = { .layer = layer, .ctx = ctx, .backward = backward, .d_in = d_in,
                         .d_out = d_out, .in = in, .activated = out };
  ae_run_slices (sample_slices (layer, ctx, n_batch), n_batch, backward_samples, &job);
}

/* ---- dense: out = W in + b over the input read as one vector ---- */

static ae_status_t
dense_infer (ae_layer_t *layer, ae_error_t *err)
{
  const int width = layer->spec.width;
  if (width < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "a dense layer needs at least 1 output, got %d",
                    width);
  layer->out = (ae_grid_t) { width, 1, 1, 0 };
  layer->n_weights = grid_size (layer->in) * width;
  layer->n_bias = width;
  if (grid_size (layer->in) > INT32_MAX)
    return ae_fail (err, AE_ERR_ARGUMENT, "a dense layer cannot read %ld values",
                    grid_size (layer->in));
  layer->weight_shape[0] = (int) grid_size (layer->in);
  layer->weight_shape[1] = width;
  return AE_OK;
}

static void
dense_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer, ae_rng_t *rng)
{
  (void) buffer;
  uniform_init (layer, weight, bias, layer->n_in, rng);
}

static void
dense_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
               const float *in, int n_batch)
{
  ae_dense_forward (out, in, ctx->weight, ctx->bias, n_batch, layer->n_in, layer->n_out,
                    ctx->n_threads);
}

static void
dense_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  ae_dense_backward (d_in, ctx->d_weight, ctx->d_bias, d_out, in, ctx->weight, n_batch,
                     layer->n_in, layer->n_out, ctx->n_threads);
}

/* ---- activation: elementwise, any grid ---- */

static ae_status_t
activation_infer (ae_layer_t *layer, ae_error_t *err)
{
  (void) err;
  layer->out = layer->in;
  return AE_OK;
}

static void
activation_forward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                            const float *in, int n_batch)
{
  (void) ctx;
  ae_activation_forward (out, in, (size_t) n_batch * layer->n_out, layer->spec.activation,
                         layer->spec.slope);
}

static void
activation_backward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                             const float *d_out, const float *in, const float *out,
                             int n_batch)
{
  (void) ctx;
  ae_activation_backward (d_in, d_out, in, out, (size_t) n_batch * layer->n_out,
                          layer->spec.activation, layer->spec.slope);
}

static void
activation_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                    const float *in, int n_batch)
{
  split_forward (activation_forward_samples, layer, ctx, out, in, n_batch);
}

static void
activation_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                     const float *d_out, const float *in, const float *out, int n_batch)
{
  split_backward (activation_backward_samples, layer, ctx, d_in, d_out, in, out, n_batch);
}

/* ---- Gaussian: (mu, logvar) to z = mu + exp(logvar / 2) eps; its KL term
   belongs to the loss (ae_gaussian_kl), not to this pass ---- */

static ae_status_t
gaussian_infer (ae_layer_t *layer, ae_error_t *err)
{
  const long width = grid_size (layer->in);
  if (width % 2 != 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the Gaussian layer needs an even input width (mu and logvar), got %ld",
                    width);
  layer->out = (ae_grid_t) { (int) (width / 2), 1, 1, 0 };
  return AE_OK;
}

static void
gaussian_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                  const float *in, int n_batch)
{
  ae_gaussian_forward (out, in, ctx->eps, n_batch, layer->n_out);
}

static void
gaussian_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                   const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  ae_gaussian_backward (d_in, d_out, in, ctx->eps, n_batch, layer->n_out);
}

/* ---- convolution and transposed convolution: im2col + SGEMM, or the FFT
   path where it pays (a state of the workspace) ---- */

/* The convolution from `from` with the window's geometry; out_c channels. */
static ae_status_t
window_shape (ae_conv_shape_t *shape, ae_grid_t from, int out_c, const ae_conv_spec_t *w,
              ae_error_t *err)
{
  if (w->same)
    return ae_conv_shape_same (shape, from.c, from.h, from.w, out_c, w->k_h, w->k_w,
                               w->stride, err);
  return ae_conv_shape_init (shape, from.c, from.h, from.w, out_c, w->k_h, w->k_w, w->stride,
                             w->pad_top, w->pad_bottom, w->pad_left, w->pad_right, err);
}

/* the filters as stored: [out_c][in_c][k_h][k_w] of the shape (for a
   transposed convolution, that of its adjoint) */
static void
filter_shape (ae_layer_t *layer)
{
  const ae_conv_shape_t *s = &layer->conv;
  const int shape[4] = { s->out_c, s->in_c, s->k_h, s->k_w };
  memcpy (layer->weight_shape, shape, sizeof shape);
}

static ae_status_t
conv_infer (ae_layer_t *layer, ae_error_t *err)
{
  ae_status_t status = window_shape (&layer->conv, layer->in, layer->spec.window.n_filters,
                                     &layer->spec.window, err);
  const ae_conv_shape_t *s = &layer->conv;
  layer->out = (ae_grid_t) { s->out_c, s->out_h, s->out_w, 0 };
  layer->n_weights = (long) s->out_c * s->in_c * s->k_h * s->k_w;
  layer->n_bias = s->out_c;
  filter_shape (layer);
  return status;
}

static ae_status_t
conv_transposed_infer (ae_layer_t *layer, ae_error_t *err)
{
  const ae_grid_t from = layer->in;
  const ae_conv_spec_t *w = &layer->spec.window;
  ae_status_t status;
  if (w->same)
    {
      /* the adjoint of the "same" convolution from in * stride back to in */
      const ae_grid_t big = { w->n_filters, from.h * w->stride, from.w * w->stride, 0 };
      status = window_shape (&layer->conv, big, from.c, w, err);
      if (status == AE_OK && (layer->conv.out_h != from.h || layer->conv.out_w != from.w))
        status = ae_fail (err, AE_ERR_ARGUMENT, "inconsistent transposed convolution geometry");
    }
  else
    status = ae_conv_shape_transposed (&layer->conv, from.c, from.h, from.w, w->n_filters,
                                       w->k_h, w->k_w, w->stride, w->pad_top, w->pad_bottom,
                                       w->pad_left, w->pad_right, w->output_padding_h,
                                       w->output_padding_w, err);
  const ae_conv_shape_t *s = &layer->conv;
  layer->out = (ae_grid_t) { s->in_c, s->in_h, s->in_w, 0 };
  layer->n_weights = (long) s->out_c * s->in_c * s->k_h * s->k_w;
  layer->n_bias = s->in_c;
  filter_shape (layer);
  return status;
}

/* PyTorch's fan-in reads the weight's second dimension: in_c for a
   convolution, the transposed one's output channels (also the shape's in_c)
   for its adjoint */
static void
conv_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer, ae_rng_t *rng)
{
  (void) buffer;
  const ae_conv_shape_t *s = &layer->conv;
  uniform_init (layer, weight, bias, (long) s->in_c * s->k_h * s->k_w, rng);
}

static long
conv_scratch (const ae_layer_t *layer, int max_batch, int n_threads)
{
  return ae_conv_col_size (&layer->conv, max_batch, n_threads);
}

static ae_status_t
conv_state_new (const ae_layer_t *layer, int max_batch, void **state, ae_error_t *err)
{
  (void) max_batch;
  if (ae_conv_fft_pays (&layer->conv) && !(*state = ae_conv_fft_new (&layer->conv, err)))
    return AE_ERR_MEMORY;
  return AE_OK;
}

static void
conv_state_free (void *state)
{
  ae_conv_fft_free (state);
}

static void
conv_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
              const float *in, int n_batch)
{
  if (ctx->state)
    ae_conv_fft_forward (ctx->state, out, in, ctx->weight, ctx->bias, n_batch);
  else
    ae_conv_forward (out, in, ctx->weight, ctx->bias, n_batch, &layer->conv, ctx->col,
                     ctx->n_threads);
}

static void
conv_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
               const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  if (ctx->state)
    ae_conv_fft_backward (ctx->state, d_in, ctx->d_weight, ctx->d_bias, d_out, in,
                          ctx->weight, n_batch);
  else
    ae_conv_backward (d_in, ctx->d_weight, ctx->d_bias, d_out, in, ctx->weight, n_batch,
                      &layer->conv, ctx->col, ctx->n_threads);
}

static void
conv_transposed_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                         const float *in, int n_batch)
{
  if (ctx->state)
    ae_conv_fft_transposed_forward (ctx->state, out, in, ctx->weight, ctx->bias, n_batch);
  else
    ae_conv_transposed_forward (out, in, ctx->weight, ctx->bias, n_batch, &layer->conv,
                                ctx->col, ctx->n_threads);
}

static void
conv_transposed_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                          const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  if (ctx->state)
    ae_conv_fft_transposed_backward (ctx->state, d_in, ctx->d_weight, ctx->d_bias, d_out, in,
                                     ctx->weight, n_batch);
  else
    ae_conv_transposed_backward (d_in, ctx->d_weight, ctx->d_bias, d_out, in, ctx->weight,
                                 n_batch, &layer->conv, ctx->col, ctx->n_threads);
}

/* ---- max and average pooling: a window shape with as many output
   channels as input channels ---- */

static ae_status_t
pool_infer (ae_layer_t *layer, ae_error_t *err)
{
  ae_status_t status = window_shape (&layer->conv, layer->in, layer->in.c,
                                     &layer->spec.window, err);
  if (status != AE_OK)
    return status;
  const ae_conv_shape_t *s = &layer->conv;
  if (s->pad_top >= s->k_h || s->pad_bottom >= s->k_h || s->pad_left >= s->k_w
      || s->pad_right >= s->k_w)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "a pooling window of %dx%d cannot take padding %d/%d/%d/%d: a window"
                    " would lie in the padding", s->k_h, s->k_w, s->pad_top, s->pad_bottom,
                    s->pad_left, s->pad_right);
  layer->out = (ae_grid_t) { s->out_c, s->out_h, s->out_w, 0 };
  return AE_OK;
}

static void
max_pool_forward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                          const float *in, int n_batch)
{
  (void) ctx;
  ae_max_pool_forward (out, in, n_batch, &layer->conv);
}

static void
max_pool_backward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                           const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) ctx, (void) out;
  ae_max_pool_backward (d_in, d_out, in, n_batch, &layer->conv);
}

static void
avg_pool_forward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                          const float *in, int n_batch)
{
  (void) ctx;
  ae_avg_pool_forward (out, in, n_batch, &layer->conv);
}

static void
avg_pool_backward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                           const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) ctx, (void) in, (void) out;
  ae_avg_pool_backward (d_in, d_out, n_batch, &layer->conv);
}

static void
max_pool_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                  const float *in, int n_batch)
{
  split_forward (max_pool_forward_samples, layer, ctx, out, in, n_batch);
}

static void
max_pool_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                   const float *d_out, const float *in, const float *out, int n_batch)
{
  split_backward (max_pool_backward_samples, layer, ctx, d_in, d_out, in, out, n_batch);
}

static void
avg_pool_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                  const float *in, int n_batch)
{
  split_forward (avg_pool_forward_samples, layer, ctx, out, in, n_batch);
}

static void
avg_pool_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                   const float *d_out, const float *in, const float *out, int n_batch)
{
  split_backward (avg_pool_backward_samples, layer, ctx, d_in, d_out, in, out, n_batch);
}

/* ---- upsample: nearest-neighbour, by an integer factor ---- */

static ae_status_t
upsample_infer (ae_layer_t *layer, ae_error_t *err)
{
  const ae_grid_t from = layer->in;
  const int factor = layer->spec.factor;
  if (factor < 1 || (long) from.h * factor > (1 << 20) || (long) from.w * factor > (1 << 20))
    return ae_fail (err, AE_ERR_ARGUMENT, "cannot upsample %dx%d by %d", from.h, from.w,
                    factor);
  layer->out = (ae_grid_t) { from.c, from.h * factor, from.w * factor, 0 };
  return AE_OK;
}

static void
upsample_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                  const float *in, int n_batch)
{
  (void) ctx;
  ae_upsample_forward (out, in, n_batch, layer->in.c, layer->in.h, layer->in.w,
                       layer->spec.factor);
}

static void
upsample_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                   const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) ctx, (void) in, (void) out;
  ae_upsample_backward (d_in, d_out, n_batch, layer->in.c, layer->in.h, layer->in.w,
                        layer->spec.factor);
}

/* ---- reshape: the same values seen as another grid (dense to
   convolutional); also the flatten between them ---- */

static ae_status_t
reshape_infer (ae_layer_t *layer, ae_error_t *err)
{
  const ae_grid_t grid = layer->spec.grid;
  if (grid.c < 1 || grid.h < 1 || grid.w < 1 || grid_size (grid) != grid_size (layer->in))
    return ae_fail (err, AE_ERR_ARGUMENT, "cannot reshape %ld values into %dx%dx%d",
                    grid_size (layer->in), grid.h, grid.w, grid.c);
  layer->out = grid;
  return AE_OK;
}

static void
reshape_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                 const float *in, int n_batch)
{
  (void) ctx;
  memcpy (out, in, (size_t) n_batch * layer->n_out * sizeof *out);
}

/* the gradient of a pass that keeps every value where the layer sees it:
   reshape, and vector quantization's straight-through estimate (d_in NULL
   for a layer with parameters on the network's input) */
static void
identity_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                   const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) ctx, (void) in, (void) out;
  if (d_in)
    memcpy (d_in, d_out, (size_t) n_batch * layer->n_out * sizeof *d_in);
}

/* ---- batch normalization over channels (ae_batchnorm.h): scale gamma
   [C] as the weights, offset beta [C] as the bias, running mean and
   variance [C] each as buffers; a training pass keeps the batch's statistics
   in the state for the backward pass and the update ---- */

typedef struct {
  float *mean, *inv_std, *var;   /* [C] each, of the last training pass */
} batchnorm_state_t;

static ae_status_t
batchnorm_infer (ae_layer_t *layer, ae_error_t *err)
{
  const ae_layer_spec_t *s = &layer->spec;
  if (!(s->epsilon > 0 && s->epsilon < 1) || !(s->mean_decay >= 0 && s->mean_decay <= 1)
      || !(s->variance_decay >= 0 && s->variance_decay <= 1))
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "batch normalization needs 0 < epsilon < 1 and decays in [0, 1], got %g,"
                    " %g and %g", s->epsilon, s->mean_decay, s->variance_decay);
  layer->out = layer->in;
  layer->n_weights = layer->n_bias = layer->in.c;
  layer->weight_shape[0] = layer->in.c;
  layer->n_buffer = 2L * layer->in.c;
  return AE_OK;
}

/* gamma 1, beta 0, running mean 0, running variance 1 */
static void
batchnorm_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer,
                ae_rng_t *rng)
{
  (void) rng;
  const int n_channels = layer->in.c;
  for (int c = 0; c < n_channels; c++)
    {
      weight[c] = 1;
      bias[c] = 0;
      buffer[c] = 0;
      buffer[n_channels + c] = 1;
    }
}

static ae_status_t
batchnorm_state_new (const ae_layer_t *layer, int max_batch, void **state, ae_error_t *err)
{
  (void) max_batch;
  batchnorm_state_t *s = malloc (sizeof *s);
  float *block = malloc (3 * (size_t) layer->in.c * sizeof (float));
  if (!s || !block)
    {
      free (s);
      free (block);
      return ae_fail (err, AE_ERR_MEMORY, "cannot allocate batch normalization statistics");
    }
  *s = (batchnorm_state_t) { block, block + layer->in.c, block + 2 * layer->in.c };
  *state = s;
  return AE_OK;
}

static void
batchnorm_state_free (void *state)
{
  batchnorm_state_t *s = state;
  free (s->mean);
  free (s);
}

static long
positions (const ae_layer_t *layer)
{
  return (long) layer->in.h * layer->in.w;
}

static void
batchnorm_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                   const float *in, int n_batch)
{
  batchnorm_state_t *s = ctx->state;
  const int n_channels = layer->in.c;
  if (ctx->training)
    ae_batchnorm_forward_train (out, in, ctx->weight, ctx->bias, n_batch, n_channels,
                                positions (layer), layer->spec.epsilon, s->mean, s->inv_std,
                                s->var);
  else
    ae_batchnorm_forward_eval (out, in, ctx->weight, ctx->bias, ctx->buffer,
                               ctx->buffer + n_channels, n_batch, n_channels,
                               positions (layer), layer->spec.epsilon);
}

/* the training pass's backward (the batch's statistics depend on in) */
static void
batchnorm_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                    const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  const batchnorm_state_t *s = ctx->state;
  ae_batchnorm_backward (d_in, ctx->d_weight, ctx->d_bias, d_out, in, ctx->weight, s->mean,
                         s->inv_std, n_batch, layer->in.c, positions (layer));
}

static void
batchnorm_update (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *weight,
                  float *buffer, int n_batch)
{
  (void) weight;
  const batchnorm_state_t *s = ctx->state;
  ae_batchnorm_update_running (buffer, buffer + layer->in.c, s->mean, s->var, layer->in.c,
                               n_batch * positions (layer), layer->spec.mean_decay,
                               layer->spec.variance_decay);
}

/* ---- masked convolution (van den Oord et al. 2016, PixelCNN): a
   convolution of stride 1 and "same" padding whose filters see only the
   positions before their centre in raster order (mask "A", the first layer
   of an autoregressive model) or those and the centre (mask "B", the
   layers after it), so that output position p depends on inputs before p
   alone. The masked taps are zero in the weights as kept (init) and in
   their gradients; the passes read the weights through the mask, so a model
   given other values there computes the same ---- */

enum { MASK_TYPE };          /* the spec's integers[] */
enum { MASK_A, MASK_B };

static int
tap_is_seen (const ae_layer_t *layer, int i, int j)
{
  const int ci = layer->conv.k_h / 2, cj = layer->conv.k_w / 2;
  return i < ci || (i == ci && (j < cj || (j == cj && layer->spec.integers[MASK_TYPE] == MASK_B)));
}

/* zeroes the taps the mask hides in filters [out_c][in_c][k_h][k_w] */
static void
apply_mask (const ae_layer_t *layer, float *filters)
{
  const ae_conv_shape_t *s = &layer->conv;
  const long n_filters = (long) s->out_c * s->in_c;
  for (long f = 0; f < n_filters; f++)
    for (int i = 0; i < s->k_h; i++)
      for (int j = 0; j < s->k_w; j++)
        if (!tap_is_seen (layer, i, j))
          filters[(f * s->k_h + i) * s->k_w + j] = 0;
}

static ae_status_t
masked_conv_infer (ae_layer_t *layer, ae_error_t *err)
{
  ae_conv_spec_t *w = &layer->spec.window;
  if (w->k_h % 2 == 0 || w->k_w % 2 == 0 || w->k_h < 1 || w->k_w < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "a masked convolution needs an odd filter size (a"
                    " centre), got %dx%d", w->k_h, w->k_w);
  if (layer->spec.integers[MASK_TYPE] != MASK_A && layer->spec.integers[MASK_TYPE] != MASK_B)
    return ae_fail (err, AE_ERR_ARGUMENT, "a masked convolution's mask is \"A\" or \"B\"");
  w->stride = 1;
  w->same = 1;
  return conv_infer (layer, err);
}

static void
masked_conv_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer,
                  ae_rng_t *rng)
{
  conv_init (layer, weight, bias, buffer, rng);
  apply_mask (layer, weight);
}

static ae_status_t
masked_conv_state_new (const ae_layer_t *layer, int max_batch, void **state, ae_error_t *err)
{
  (void) max_batch;
  if (!(*state = malloc ((size_t) layer->n_weights * sizeof (float))))
    return ae_fail (err, AE_ERR_MEMORY, "no memory for a masked convolution's filters");
  return AE_OK;
}

static void
masked_conv_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                     const float *in, int n_batch)
{
  float *masked = ctx->state;
  memcpy (masked, ctx->weight, (size_t) layer->n_weights * sizeof *masked);
  apply_mask (layer, masked);
  ae_conv_forward (out, in, masked, ctx->bias, n_batch, &layer->conv, ctx->col,
                   ctx->n_threads);
}

static void
masked_conv_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                      const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) out;
  ae_conv_backward (d_in, ctx->d_weight, ctx->d_bias, d_out, in, ctx->state, n_batch,
                    &layer->conv, ctx->col, ctx->n_threads);
  if (ctx->d_weight)
    apply_mask (layer, ctx->d_weight);
}

static void
masked_conv_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "masked convolution %dx%d, mask %c", layer->conv.k_h,
            layer->conv.k_w, layer->spec.integers[MASK_TYPE] == MASK_A ? 'A' : 'B');
}

/* ---- vector quantization (ae_vq.h): the codebook [K][D] as the weights
   (MATLAB's view: D-by-K, a code a column), the codes' moving counts [K]
   and, with moving averages, their sums [K][D] as buffers. The passes are
   the quantization and its straight-through gradient; the trainer adds the
   codebook loss and the commitment where the layer's input and output meet
   (ae_train.c), as it adds a Gaussian layer's KL term ---- */

/* the spec's integers[] and reals[] of vector quantization */
enum { VQ_CODES, VQ_UPDATE };
enum { VQ_COMMITMENT, VQ_DECAY, VQ_RESTART, VQ_EPSILON };
enum { VQ_BY_LOSS, VQ_BY_AVERAGES };

ae_vq_settings_t
ae_layer_vq_settings (const ae_layer_t *layer)
{
  const ae_layer_spec_t *s = &layer->spec;
  return (ae_vq_settings_t) { .n_codes = s->integers[VQ_CODES],
                              .moving_averages = s->integers[VQ_UPDATE] == VQ_BY_AVERAGES,
                              .commitment = s->reals[VQ_COMMITMENT],
                              .decay = s->reals[VQ_DECAY],
                              .restart_threshold = s->reals[VQ_RESTART],
                              .epsilon = s->reals[VQ_EPSILON] };
}

static ae_status_t
vq_infer (ae_layer_t *layer, ae_error_t *err)
{
  const ae_vq_settings_t v = ae_layer_vq_settings (layer);
  const int D = layer->in.c;
  if (v.n_codes < 1 || v.n_codes > (1 << 20))
    return ae_fail (err, AE_ERR_ARGUMENT, "vector quantization needs 1 to %d codes, got %d",
                    1 << 20, v.n_codes);
  if ((double) v.n_codes * D > (double) (1L << 28))
    return ae_fail (err, AE_ERR_ARGUMENT, "a codebook of %d codes of %d channels would hold"
                    " %.3g values, more than %ld", v.n_codes, D, (double) v.n_codes * D,
                    1L << 28);
  if (!(v.commitment >= 0 && v.commitment <= 1e6) || !(v.decay >= 0 && v.decay < 1)
      || !(v.restart_threshold >= 0 && v.restart_threshold <= 1e9)
      || !(v.epsilon > 0 && v.epsilon < 1)
      || (layer->spec.integers[VQ_UPDATE] != VQ_BY_LOSS && !v.moving_averages))
    return ae_fail (err, AE_ERR_ARGUMENT, "vector quantization needs a commitment weight in"
                    " [0, 1e6], a decay in [0, 1), a restart threshold in [0, 1e9] and"
                    " 0 < epsilon < 1, got %g, %g, %g and %g", v.commitment, v.decay,
                    v.restart_threshold, v.epsilon);
  layer->out = layer->in;
  layer->n_weights = (long) v.n_codes * D;
  layer->weight_shape[0] = v.n_codes;
  layer->weight_shape[1] = D;
  layer->n_buffer = v.n_codes + (v.moving_averages ? layer->n_weights : 0);
  return AE_OK;
}

static long
vq_buffer_size (const ae_layer_t *layer, int k)
{
  const int K = layer->spec.integers[VQ_CODES];
  return k == 0 ? K : layer->n_buffer - K;
}

/* codes ~ U(-1/K, 1/K) (the paper's code), counts and sums 0 */
static void
vq_init (const ae_layer_t *layer, float *weight, float *bias, float *buffer, ae_rng_t *rng)
{
  (void) bias;
  const int K = layer->spec.integers[VQ_CODES];
  for (long k = 0; k < layer->n_weights; k++)
    weight[k] = (2.0f * ae_rng_uniform (rng) - 1.0f) / K;
  memset (buffer, 0, (size_t) layer->n_buffer * sizeof *buffer);
}

static ae_status_t
vq_state_new (const ae_layer_t *layer, int max_batch, void **state, ae_error_t *err)
{
  ae_vq_state_t *s = malloc (sizeof *s);
  if (!s)
    return ae_fail (err, AE_ERR_MEMORY, "no memory for vector quantization");
  ae_status_t status = ae_vq_state_init (s, layer->spec.integers[VQ_CODES], layer->in.c,
                                         (long) max_batch * positions (layer), err);
  if (status != AE_OK)
    {
      free (s);
      return status;
    }
  *state = s;
  return AE_OK;
}

static void
vq_state_free (void *state)
{
  ae_vq_state_free (state);
  free (state);
}

static void
vq_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out, const float *in,
            int n_batch)
{
  ae_vq_forward (ctx->state, out, in, ctx->weight, n_batch, positions (layer), ctx->training);
}

static void
vq_update (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *weight, float *buffer,
           int n_batch)
{
  (void) n_batch;
  const ae_vq_settings_t v = ae_layer_vq_settings (layer);
  float *sums = v.moving_averages ? buffer + v.n_codes : NULL;
  ae_vq_update (weight, buffer, sums, ctx->state, v.decay, v.epsilon);
  if (v.restart_threshold > 0 && ctx->rng)
    ae_vq_restart (weight, buffer, sums, ctx->state, v.restart_threshold, ctx->rng);
}

static void
vq_describe (const ae_layer_t *layer, char *text, long n)
{
  const ae_vq_settings_t v = ae_layer_vq_settings (layer);
  snprintf (text, (size_t) n, "vector quantization: %d codes, beta %g, by %s", v.n_codes,
            v.commitment, v.moving_averages ? "averages" : "loss");
}

/* ---- dropout (inverted, as PyTorch's and MATLAB's): while training each
   value is zeroed with the probability p and the others scaled by 1/(1 - p),
   the mask kept in the state for the backward pass; in inference, the
   identity ---- */

static ae_status_t
dropout_infer (ae_layer_t *layer, ae_error_t *err)
{
  const float p = layer->spec.probability;
  if (!(p >= 0 && p < 1))
    return ae_fail (err, AE_ERR_ARGUMENT, "a dropout probability must be in [0, 1), got %g",
                    p);
  layer->out = layer->in;
  return AE_OK;
}

static ae_status_t
dropout_state_new (const ae_layer_t *layer, int max_batch, void **state, ae_error_t *err)
{
  if (!(*state = malloc ((size_t) max_batch * layer->n_out * sizeof (float))))
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate a dropout mask");
  return AE_OK;
}

static void
dropout_state_free (void *state)
{
  free (state);
}

static void
dropout_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                 const float *in, int n_batch)
{
  const size_t n = (size_t) n_batch * layer->n_out;
  const float p = layer->spec.probability;
  if (!ctx->training || p == 0 || !ctx->rng)
    {
      memcpy (out, in, n * sizeof *out);
      return;
    }
  float *mask = ctx->state;
  const float keep = 1.0f / (1.0f - p);
  for (size_t k = 0; k < n; k++)
    {
      mask[k] = ae_rng_uniform (ctx->rng) < p ? 0.0f : keep;
      out[k] = mask[k] * in[k];
    }
}

/* the training pass's backward: through the same mask */
static void
dropout_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                  const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) in, (void) out;
  const size_t n = (size_t) n_batch * layer->n_out;
  const float *mask = ctx->state;
  if (layer->spec.probability == 0 || !ctx->rng)
    memcpy (d_in, d_out, n * sizeof *d_in);
  else
    for (size_t k = 0; k < n; k++)
      d_in[k] = mask[k] * d_out[k];
}

/* ---- condition: a sample's condition values (a conditional VAE's one-hot
   label) appended to its grid as channels, each constant over the rows and
   columns; on a dense layer's n x 1 x 1 output that is n + width values. The
   input's gradient is the first channels' ---- */

static ae_status_t
condition_infer (ae_layer_t *layer, ae_error_t *err)
{
  if (layer->spec.width < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "a condition layer needs at least one value,"
                    " not %d", layer->spec.width);
  layer->out = layer->in;
  layer->out.c += layer->spec.width;
  return AE_OK;
}

static void
condition_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                   const float *in, int n_batch)
{
  const int width = layer->spec.width;
  const long plane = (long) layer->in.h * layer->in.w;
  for (int b = 0; b < n_batch; b++)
    {
      float *sample_out = out + (long) b * layer->n_out;
      memcpy (sample_out, in + (long) b * layer->n_in, (size_t) layer->n_in * sizeof *out);
      for (int k = 0; k < width; k++)
        {
          const float value = ctx->condition ? ctx->condition[(long) b * width + k] : 0.0f;
          float *channel = sample_out + layer->n_in + k * plane;
          for (long p = 0; p < plane; p++)
            channel[p] = value;
        }
    }
}

static void
condition_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                    const float *d_out, const float *in, const float *out, int n_batch)
{
  (void) ctx, (void) in, (void) out;
  for (int b = 0; b < n_batch; b++)
    memcpy (d_in + (long) b * layer->n_in, d_out + (long) b * layer->n_out,
            (size_t) layer->n_in * sizeof *d_in);
}

/* ---- global average pooling (MATLAB's globalAveragePooling2dLayer): each
   channel's mean over its rows and columns, a C x 1 x 1 output ---- */

static ae_status_t
global_avg_pool_infer (ae_layer_t *layer, ae_error_t *err)
{
  (void) err;
  layer->out = (ae_grid_t) { layer->in.c, 1, 1, 0 };
  return AE_OK;
}

static void
global_avg_pool_forward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx,
                                 float *out, const float *in, int n_batch)
{
  (void) ctx;
  const long plane = (long) layer->in.h * layer->in.w;
  for (long channel = 0; channel < (long) n_batch * layer->in.c; channel++)
    {
      const float *values = in + channel * plane;
      double sum = 0;
      for (long p = 0; p < plane; p++)
        sum += values[p];
      out[channel] = (float) (sum / (double) plane);
    }
}

static void
global_avg_pool_backward_samples (const ae_layer_t *layer, const ae_layer_ctx_t *ctx,
                                  float *d_in, const float *d_out, const float *in,
                                  const float *out, int n_batch)
{
  (void) ctx, (void) in, (void) out;
  const long plane = (long) layer->in.h * layer->in.w;
  for (long channel = 0; channel < (long) n_batch * layer->in.c; channel++)
    {
      const float share = d_out[channel] / (float) plane;
      for (long p = 0; p < plane; p++)
        d_in[channel * plane + p] = share;
    }
}

static void
global_avg_pool_forward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                         const float *in, int n_batch)
{
  split_forward (global_avg_pool_forward_samples, layer, ctx, out, in, n_batch);
}

static void
global_avg_pool_backward (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                          const float *d_out, const float *in, const float *out, int n_batch)
{
  split_backward (global_avg_pool_backward_samples, layer, ctx, d_in, d_out, in, out, n_batch);
}

static void
global_avg_pool_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "global average pooling %dx%d", layer->in.h, layer->in.w);
}

/* ---- resolving and describing: what a model keeps of a placed layer, and
   the line ae_summary prints for it ---- */

static void
window_resolve (const ae_layer_t *layer, ae_layer_spec_t *spec)
{
  const ae_conv_shape_t *s = &layer->conv;
  spec->window.same = 0;
  spec->window.pad_top = s->pad_top;
  spec->window.pad_bottom = s->pad_bottom;
  spec->window.pad_left = s->pad_left;
  spec->window.pad_right = s->pad_right;
}

/* the output rows and columns that no input reaches: what the stride skipped */
static void
conv_transposed_resolve (const ae_layer_t *layer, ae_layer_spec_t *spec)
{
  const ae_conv_shape_t *s = &layer->conv;
  window_resolve (layer, spec);
  spec->window.output_padding_h
    = s->in_h - ((s->out_h - 1) * s->stride - s->pad_top - s->pad_bottom + s->k_h);
  spec->window.output_padding_w
    = s->in_w - ((s->out_w - 1) * s->stride - s->pad_left - s->pad_right + s->k_w);
}

static void
describe_window (const ae_layer_t *layer, const char *title, char *text, long n)
{
  const ae_conv_shape_t *s = &layer->conv;
  snprintf (text, (size_t) n, "%s %dx%d, stride %d, padding %d/%d/%d/%d", title, s->k_h,
            s->k_w, s->stride, s->pad_top, s->pad_bottom, s->pad_left, s->pad_right);
}

static void
dense_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "fully connected %d -> %d", layer->n_in, layer->n_out);
}

static void
gaussian_describe (const ae_layer_t *layer, char *text, long n)
{
  (void) layer;
  snprintf (text, (size_t) n, "gaussian sampling z = mu + exp(logvar/2) .* eps");
}

static void
conv_describe (const ae_layer_t *layer, char *text, long n)
{
  describe_window (layer, "convolution", text, n);
}

static void
conv_transposed_describe (const ae_layer_t *layer, char *text, long n)
{
  describe_window (layer, "transposed convolution", text, n);
  ae_layer_spec_t resolved = ae_layer_resolved (layer);
  const long used = (long) strlen (text);
  if (resolved.window.output_padding_h || resolved.window.output_padding_w)
    snprintf (text + used, (size_t) (n - used), ", output padding %d/%d",
              resolved.window.output_padding_h, resolved.window.output_padding_w);
}

static void
max_pool_describe (const ae_layer_t *layer, char *text, long n)
{
  describe_window (layer, "max pooling", text, n);
}

static void
avg_pool_describe (const ae_layer_t *layer, char *text, long n)
{
  describe_window (layer, "average pooling", text, n);
}

static void
upsample_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "nearest-neighbour resize x%d", layer->spec.factor);
}

static void
reshape_describe (const ae_layer_t *layer, char *text, long n)
{
  const int flat = layer->out.h == 1 && layer->out.w == 1;
  snprintf (text, (size_t) n, "%s", flat ? "flatten" : "reshape");
}

static void
activation_describe (const ae_layer_t *layer, char *text, long n)
{
  const char *name = ae_activation_name (layer->spec.activation);
  if (layer->spec.activation == AE_ACT_LEAKY_RELU)
    snprintf (text, (size_t) n, "%s (scale %g)", name, layer->spec.slope);
  else
    snprintf (text, (size_t) n, "%s", name);
}

static void
batchnorm_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "batch normalization (epsilon %g)", layer->spec.epsilon);
}

static void
dropout_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "dropout (probability %g)", layer->spec.probability);
}

static void
condition_describe (const ae_layer_t *layer, char *text, long n)
{
  snprintf (text, (size_t) n, "condition: one-hot label of %d classes", layer->spec.width);
}

/* ---- the kind table: a kind's passes ---- */

static const ae_layer_ops_t kinds[] = {
  [AE_LAYER_DENSE] = { .name = "dense", .infer = dense_infer, .init = dense_init,
                       .forward = dense_forward, .backward = dense_backward,
                       .describe = dense_describe },
  [AE_LAYER_ACTIVATION] = { .name = "activation", .infer = activation_infer,
                            .forward = activation_forward, .backward = activation_backward,
                            .describe = activation_describe },
  [AE_LAYER_GAUSSIAN] = { .name = "gaussian", .whole_samples = 1, .infer = gaussian_infer,
                          .forward = gaussian_forward, .backward = gaussian_backward,
                          .describe = gaussian_describe },
  [AE_LAYER_CONV] = { .name = "conv", .infer = conv_infer, .init = conv_init,
                      .scratch = conv_scratch, .state_new = conv_state_new,
                      .state_free = conv_state_free, .forward = conv_forward,
                      .backward = conv_backward, .resolve = window_resolve,
                      .describe = conv_describe },
  [AE_LAYER_CONV_TRANSPOSED] = { .name = "tconv", .infer = conv_transposed_infer,
                                 .init = conv_init, .scratch = conv_scratch,
                                 .state_new = conv_state_new, .state_free = conv_state_free,
                                 .forward = conv_transposed_forward,
                                 .backward = conv_transposed_backward,
                                 .resolve = conv_transposed_resolve,
                                 .describe = conv_transposed_describe },
  [AE_LAYER_MAX_POOL] = { .name = "maxpool", .infer = pool_infer, .forward = max_pool_forward,
                          .backward = max_pool_backward, .resolve = window_resolve,
                          .describe = max_pool_describe },
  [AE_LAYER_AVG_POOL] = { .name = "avgpool", .infer = pool_infer, .forward = avg_pool_forward,
                          .backward = avg_pool_backward, .resolve = window_resolve,
                          .describe = avg_pool_describe },
  [AE_LAYER_UPSAMPLE] = { .name = "resize", .infer = upsample_infer,
                          .forward = upsample_forward, .backward = upsample_backward,
                          .describe = upsample_describe },
  [AE_LAYER_RESHAPE] = { .name = "reshape", .infer = reshape_infer, .forward = reshape_forward,
                         .backward = identity_backward, .describe = reshape_describe },
  [AE_LAYER_BATCH_NORM] = { .name = "batchnorm", .whole_samples = 1, .infer = batchnorm_infer,
                            .init = batchnorm_init, .state_new = batchnorm_state_new,
                            .state_free = batchnorm_state_free, .forward = batchnorm_forward,
                            .backward = batchnorm_backward, .update = batchnorm_update,
                            .describe = batchnorm_describe },
  [AE_LAYER_DROPOUT] = { .name = "dropout", .infer = dropout_infer,
                         .state_new = dropout_state_new, .state_free = dropout_state_free,
                         .forward = dropout_forward, .backward = dropout_backward,
                         .describe = dropout_describe },
  [AE_LAYER_CONDITION] = { .name = "condition", .whole_samples = 1, .infer = condition_infer,
                           .forward = condition_forward, .backward = condition_backward,
                           .describe = condition_describe },
  [AE_LAYER_VECTOR_QUANTIZE] = { .name = "vq", .whole_samples = 1, .infer = vq_infer,
                                 .init = vq_init, .state_new = vq_state_new,
                                 .state_free = vq_state_free, .forward = vq_forward,
                                 .backward = identity_backward, .update = vq_update,
                                 .buffer_size = vq_buffer_size, .describe = vq_describe },
  [KIND_MASKED_CONV] = { .name = "maskedconv", .infer = masked_conv_infer,
                         .init = masked_conv_init, .scratch = conv_scratch,
                         .state_new = masked_conv_state_new, .state_free = free,
                         .forward = masked_conv_forward, .backward = masked_conv_backward,
                         .describe = masked_conv_describe },
  [KIND_GLOBAL_AVG_POOL] = { .name = "globalavgpool", .infer = global_avg_pool_infer,
                             .forward = global_avg_pool_forward,
                             .backward = global_avg_pool_backward,
                             .describe = global_avg_pool_describe },
};

enum { N_KINDS = (int) (sizeof kinds / sizeof kinds[0]) };

/* ---- the type table: the kinds as Octave names them, and their settings ---- */

#define AT(member) ((long) offsetof (ae_layer_spec_t, member))
#define SETTINGS(list) .settings = list, .n_settings = (int) (sizeof list / sizeof list[0])
#define BIG (1 << 16)   /* sizes, strides and paddings: at most this */

static const ae_setting_t dense_settings[] = {
  { .option = "OutputSize", .what = "the outputs", .type = AE_SETTING_COUNT,
    .offset = AT (width), .lo = 1, .hi = 1 << 30, .fallback = NAN, .positional = 1,
    .weight_dim = 1 },
};

/* a window's step and padding, after the settings particular to the kind */
#define STRIDE_SETTING                                                              \
  { .field = "stride", .option = "Stride", .what = "the stride", .type = AE_SETTING_STEP, \
    .offset = AT (window.stride), .lo = 1, .hi = BIG, .fallback = 1 }
#define PADDING_SETTING(option_name)                                               \
  { .field = "padding", .option = option_name, .what = "the padding",              \
    .type = AE_SETTING_PADDING, .offset = AT (window.same), .lo = 0, .hi = BIG,      \
    .fallback = 0 }

/* a convolution's W is FH-by-FW-by-C-by-F, a transposed one's FH-by-FW-by-F-by-C
   (MATLAB's layouts): its size gives the filters' size and number */
static const ae_setting_t conv_settings[] = {
  { .option = "FilterSize", .what = "the filter size", .type = AE_SETTING_PAIR,
    .offset = AT (window.k_h), .lo = 1, .hi = BIG, .fallback = NAN, .positional = 1,
    .weight_dim = 1 },
  { .option = "NumFilters", .what = "the number of filters", .type = AE_SETTING_COUNT,
    .offset = AT (window.n_filters), .lo = 1, .hi = 1 << 24, .fallback = NAN,
    .positional = 1, .weight_dim = 4 },
  STRIDE_SETTING, PADDING_SETTING ("Padding"),
};

static const ae_setting_t conv_transposed_settings[] = {
  { .option = "FilterSize", .what = "the filter size", .type = AE_SETTING_PAIR,
    .offset = AT (window.k_h), .lo = 1, .hi = BIG, .fallback = NAN, .positional = 1,
    .weight_dim = 1 },
  { .option = "NumFilters", .what = "the number of filters", .type = AE_SETTING_COUNT,
    .offset = AT (window.n_filters), .lo = 1, .hi = 1 << 24, .fallback = NAN,
    .positional = 1, .weight_dim = 3 },
  STRIDE_SETTING, PADDING_SETTING ("Cropping"),
  { .field = "output_padding", .option = "OutputPadding", .what = "the output padding",
    .type = AE_SETTING_PAIR, .offset = AT (window.output_padding_h), .lo = 0, .hi = BIG,
    .fallback = 0 },
};

static const ae_setting_t pool_settings[] = {
  { .field = "window", .option = "PoolSize", .what = "the pooling window",
    .type = AE_SETTING_PAIR, .offset = AT (window.k_h), .lo = 1, .hi = BIG, .fallback = NAN,
    .positional = 1 },
  STRIDE_SETTING, PADDING_SETTING ("Padding"),
};

static const ae_setting_t upsample_settings[] = {
  { .field = "factor", .option = "Scale", .what = "the resize factor",
    .type = AE_SETTING_STEP, .offset = AT (factor), .lo = 1, .hi = BIG, .fallback = NAN },
};

static const ae_setting_t reshape_settings[] = {
  { .field = "grid", .what = "the reshape grid", .type = AE_SETTING_GRID, .offset = AT (grid),
    .lo = 1, .hi = 1 << 30, .fallback = NAN },
};

static const ae_setting_t batchnorm_settings[] = {
  { .field = "epsilon", .option = "Epsilon", .what = "batch normalization's epsilon",
    .type = AE_SETTING_REAL, .offset = AT (epsilon), .lo = 1e-30, .hi = 1, .hi_open = 1,
    .fallback = 1e-5 },
  { .field = "mean_decay", .option = "MeanDecay", .what = "batch normalization's mean decay",
    .type = AE_SETTING_REAL, .offset = AT (mean_decay), .lo = 0, .hi = 1, .fallback = 0.1 },
  { .field = "variance_decay", .option = "VarianceDecay",
    .what = "batch normalization's variance decay", .type = AE_SETTING_REAL,
    .offset = AT (variance_decay), .lo = 0, .hi = 1, .fallback = 0.1 },
};

static const ae_setting_t dropout_settings[] = {
  { .field = "probability", .option = "Probability", .what = "a dropout probability",
    .type = AE_SETTING_REAL, .offset = AT (probability), .lo = 0, .hi = 1, .hi_open = 1,
    .fallback = 0.5, .positional = 1 },
};

static const ae_setting_t condition_settings[] = {
  { .field = "condition_size", .what = "a condition layer's size", .type = AE_SETTING_COUNT,
    .offset = AT (width), .lo = 1, .hi = 1 << 20, .fallback = NAN },
};

static const ae_setting_t leaky_relu_settings[] = {
  { .field = "scale", .option = "Scale", .what = "the leaky relu scale",
    .type = AE_SETTING_REAL, .offset = AT (slope), .lo = 0, .hi = 1, .fallback = 0.01,
    .positional = 1 },
};

static const char *const mask_types[] = { "A", "B" };

static const ae_setting_t masked_conv_settings[] = {
  { .option = "FilterSize", .what = "the filter size", .type = AE_SETTING_PAIR,
    .offset = AT (window.k_h), .lo = 1, .hi = BIG, .fallback = NAN, .positional = 1,
    .weight_dim = 1 },
  { .option = "NumFilters", .what = "the number of filters", .type = AE_SETTING_COUNT,
    .offset = AT (window.n_filters), .lo = 1, .hi = 1 << 24, .fallback = NAN,
    .positional = 1, .weight_dim = 4 },
  { .field = "mask", .option = "Mask", .what = "the mask", .type = AE_SETTING_CHOICE,
    .offset = AT (integers[MASK_TYPE]), .lo = 0, .hi = 1, .fallback = MASK_B,
    .choices = mask_types,
    .n_choices = 2 },
};

static const char *const codebook_updates[] = { "loss", "ema" };

/* the codebook W is D-by-K: its columns give the number of codes */
static const ae_setting_t vq_settings[] = {
  { .option = "NumEmbeddings", .what = "the number of codes", .type = AE_SETTING_COUNT,
    .offset = AT (integers[VQ_CODES]), .lo = 1, .hi = 1 << 20, .fallback = NAN,
    .positional = 1, .weight_dim = 2 },
  { .field = "commitment", .option = "CommitmentWeight", .what = "the commitment weight",
    .type = AE_SETTING_REAL, .offset = AT (reals[VQ_COMMITMENT]), .lo = 0, .hi = 1e6,
    .fallback = 0.25 },
  { .field = "codebook_update", .option = "CodebookUpdate", .what = "the codebook update",
    .type = AE_SETTING_CHOICE, .offset = AT (integers[VQ_UPDATE]), .fallback = VQ_BY_LOSS,
    .choices = codebook_updates, .n_choices = 2 },
  { .field = "decay", .option = "Decay", .what = "the moving averages' decay",
    .type = AE_SETTING_REAL, .offset = AT (reals[VQ_DECAY]), .lo = 0, .hi = 1, .hi_open = 1,
    .fallback = 0.99 },
  { .field = "restart_threshold", .option = "RestartThreshold",
    .what = "the count under which a code restarts", .type = AE_SETTING_REAL,
    .offset = AT (reals[VQ_RESTART]), .lo = 0, .hi = 1e9, .fallback = 0 },
  { .field = "epsilon", .option = "Epsilon", .what = "the moving averages' smoothing",
    .type = AE_SETTING_REAL, .offset = AT (reals[VQ_EPSILON]), .lo = 1e-30, .hi = 1,
    .hi_open = 1, .fallback = 1e-5 },
};

static const char *const batchnorm_buffers[] = { "mean", "variance" };
static const char *const vq_buffers[] = { "counts", "sums" };

/* A type that names only its kind, or an activation the mirror passes by. */
#define TYPE(model, matlab_type, its_kind) .name = model, .matlab = matlab_type, .kind = its_kind
#define ACTIVATION(model, matlab_type, its_activation)                               \
  TYPE (model, matlab_type, AE_LAYER_ACTIVATION), .activation = its_activation,     \
    .mirror_passes = 1

static const ae_layer_type_t types[] = {
  { TYPE ("dense", "fullyConnected", AE_LAYER_DENSE), SETTINGS (dense_settings) },
  { TYPE ("gaussian", NULL, AE_LAYER_GAUSSIAN) },
  { TYPE ("conv", "convolution2d", AE_LAYER_CONV), SETTINGS (conv_settings) },
  { TYPE ("tconv", "transposedConv2d", AE_LAYER_CONV_TRANSPOSED),
    SETTINGS (conv_transposed_settings) },
  { TYPE ("maxpool", "maxPooling2d", AE_LAYER_MAX_POOL), SETTINGS (pool_settings) },
  { TYPE ("avgpool", "averagePooling2d", AE_LAYER_AVG_POOL), SETTINGS (pool_settings) },
  { TYPE ("resize", "resize2d", AE_LAYER_UPSAMPLE), SETTINGS (upsample_settings) },
  { TYPE ("reshape", NULL, AE_LAYER_RESHAPE), SETTINGS (reshape_settings) },
  { TYPE ("batchnorm", "batchNormalization", AE_LAYER_BATCH_NORM),
    SETTINGS (batchnorm_settings), .mirror_passes = 1, .buffers = batchnorm_buffers,
    .n_buffers = 2 },
  { TYPE ("dropout", "dropout", AE_LAYER_DROPOUT), SETTINGS (dropout_settings),
    .mirror_passes = 1 },
  { TYPE ("condition", NULL, AE_LAYER_CONDITION), SETTINGS (condition_settings) },
  { TYPE ("globalavgpool", "globalAveragePooling2d", (ae_layer_kind_t) KIND_GLOBAL_AVG_POOL) },
  { TYPE ("maskedconv", "maskedConvolution2d", (ae_layer_kind_t) KIND_MASKED_CONV),
    SETTINGS (masked_conv_settings) },
  { TYPE ("vq", "vectorQuantization", AE_LAYER_VECTOR_QUANTIZE), SETTINGS (vq_settings),
    .buffers = vq_buffers, .n_buffers = 2 },
  { ACTIVATION ("relu", "relu", AE_ACT_RELU) },
  { ACTIVATION ("leakyrelu", "leakyRelu", AE_ACT_LEAKY_RELU), SETTINGS (leaky_relu_settings) },
  { ACTIVATION ("sigmoid", "sigmoid", AE_ACT_SIGMOID) },
  { ACTIVATION ("tanh", "tanh", AE_ACT_TANH) },
  { ACTIVATION ("identity", NULL, AE_ACT_IDENTITY) },
  { ACTIVATION ("softplus", NULL, AE_ACT_SOFTPLUS) },
  { ACTIVATION ("satlin", NULL, AE_ACT_SATLIN) },
};

enum { N_TYPES = (int) (sizeof types / sizeof types[0]) };

/* this half's kinds end where the sequence half's begin */
_Static_assert ((int) N_KINDS == (int) KIND_FIRST_SEQUENCE, "ae_layer_kinds.h numbers the kinds");

const ae_layer_ops_t *
ae_layer_ops (ae_layer_kind_t kind)
{
  return (int) kind < N_KINDS ? &kinds[kind] : ae_sequence_kind ((int) kind);
}

int
ae_layer_n_kinds (void)
{
  return KIND_END;
}

int
ae_layer_kind_parse (const char *name, ae_layer_kind_t *kind)
{
  for (int k = 0; k < KIND_END; k++)
    if (k != AE_LAYER_ACTIVATION && strcmp (name, ae_layer_ops ((ae_layer_kind_t) k)->name) == 0)
      {
        *kind = (ae_layer_kind_t) k;
        return 0;
      }
  return -1;
}

int
ae_layer_n_types (void)
{
  return N_TYPES + ae_sequence_n_types ();
}

const ae_layer_type_t *
ae_layer_type (int index)
{
  if (index >= 0 && index < N_TYPES)
    return &types[index];
  return index >= N_TYPES && index < ae_layer_n_types () ? ae_sequence_type (index - N_TYPES)
                                                         : NULL;
}

const ae_layer_type_t *
ae_layer_type_find (const char *name, int matlab)
{
  for (int k = 0; k < ae_layer_n_types (); k++)
    {
      const ae_layer_type_t *type = ae_layer_type (k);
      const char *its = matlab ? type->matlab : type->name;
      if (its && strcmp (name, its) == 0)
        return type;
    }
  return NULL;
}

void
ae_layer_type_apply (const ae_layer_type_t *type, ae_layer_spec_t *spec)
{
  spec->kind = type->kind;
  spec->activation = type->activation;
}

long
ae_layer_buffer_size (const ae_layer_t *layer, int n_buffers, int k, long *start)
{
  const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
  *start = 0;
  if (!ops->buffer_size)
    {
      const long each = n_buffers ? layer->n_buffer / n_buffers : 0;
      *start = k * each;
      return each;
    }
  for (int j = 0; j < k; j++)
    *start += ops->buffer_size (layer, j);
  return ops->buffer_size (layer, k);
}

ae_layer_spec_t
ae_layer_resolved (const ae_layer_t *layer)
{
  ae_layer_spec_t spec = layer->spec;
  const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
  if (ops->resolve)
    ops->resolve (layer, &spec);
  return spec;
}

void
ae_layer_describe (const ae_layer_t *layer, char *text, long n)
{
  const ae_layer_ops_t *ops = ae_layer_ops (layer->spec.kind);
  if (ops->describe)
    ops->describe (layer, text, n);
  else
    snprintf (text, (size_t) n, "%s", ops->name);
}

ae_status_t
ae_layer_place (ae_layer_t *layer, const ae_layer_spec_t *spec, ae_grid_t in, ae_error_t *err)
{
  memset (layer, 0, sizeof *layer);
  if ((unsigned) spec->kind >= (unsigned) KIND_END)
    return ae_fail (err, AE_ERR_ARGUMENT, "no layer kind %d", (int) spec->kind);
  const ae_layer_ops_t *ops = ae_layer_ops (spec->kind);
  if (in.sequence && ops->whole_samples)
    return ae_fail (err, AE_ERR_ARGUMENT, "a %s layer takes whole samples, not the steps of a"
                    " sequence (after a recurrent layer with OutputMode \"last\" it can)",
                    ops->name);
  layer->spec = *spec;
  layer->in = in;
  ae_status_t status = ops->infer (layer, err);
  if (status != AE_OK)
    return status;
  if (!ops->temporal)
    layer->out.sequence = in.sequence;   /* per step: the frames keep their steps */
  const long n_out = grid_size (layer->out);
  if (layer->out.c < 1 || layer->out.h < 1 || layer->out.w < 1 || n_out > (1L << 30))
    return ae_fail (err, AE_ERR_ARGUMENT, "a %s layer would have %dx%dx%d outputs",
                    ops->name, layer->out.h, layer->out.w, layer->out.c);
  layer->n_in = (int) grid_size (in);
  layer->n_out = (int) n_out;
  return AE_OK;
}
