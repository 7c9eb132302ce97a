/* Vector quantization: the layer against PyTorch (tests/reference/vq.txt,
   make_vq_reference.py), its gradients by finite differences, the nearest
   code against an exhaustive search, and VQ-VAEs that train and use their
   codes, by their loss, by moving averages and with restarts. The prior's
   pieces (PixelCNN): masked convolutions and the cross-entropy over an
   image's positions against PyTorch (pixelcnn.txt,
   make_pixelcnn_reference.py), by finite differences, and causal. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "test_util.h"

enum { n = 2, D = 3, H = 2, W = 2, K = 5, P = H * W, n_values = n * D * P };

static const char *ref = "vq.txt";

/* A network of one vector quantization layer on a D x H x W grid. */
static void
build_quantizer (ae_net_t *net, int n_codes, int moving_averages, float decay)
{
  ae_error_t err;
  ae_layer_spec_t spec = { .kind = AE_LAYER_VECTOR_QUANTIZE };
  spec.integers[0] = n_codes;
  spec.integers[1] = moving_averages;
  spec.reals[0] = 0.25f;    /* commitment */
  spec.reals[1] = decay;
  spec.reals[3] = 1e-5f;    /* epsilon */
  ae_net_begin_grid (net, (ae_grid_t) { D, H, W, 0 });
  ck_assert_int_eq (ae_net_add (net, &spec, &err), AE_OK);
  ae_net_end_encoder (net);
}

START_TEST (quantization_matches_pytorch)
{
  ae_net_t net;
  ae_error_t err;
  build_quantizer (&net, K, 1, 0.9f);
  ck_assert_int_eq (net.n_params, K * D);
  ck_assert_int_eq (net.n_buffers, K + K * D);
  float *params = alloc_floats ((size_t) ae_net_n_values (&net));
  float *z = sine_floats (n_values, 0.61, 0.3, 1.5, 0);
  float *codebook = sine_floats (K * D, 1.7, 0.2, 1.2, 0);
  float *r = sine_floats (n_values, 0.43, 0.7, 1, 0);
  float *counts = sine_floats (K, 0.9, 0.4, 0.5, 1.0);
  float *sums = sine_floats (K * D, 0.53, 0.1, 0.8, 0);
  memcpy (params, codebook, sizeof (float) * K * D);
  memcpy (params + net.n_params, counts, sizeof (float) * K);
  memcpy (params + net.n_params + K, sums, sizeof (float) * K * D);

  ae_workspace_t ws;
  ck_assert_int_eq (ae_workspace_init (&ws, &net, n, &err), AE_OK);
  ws.training = 1;
  ae_net_forward (&net, params, &ws, z, n, 0, 1);
  const ae_vq_state_t *s = ws.state[0];
  float codes[n * P];
  for (int k = 0; k < n * P; k++)
    codes[k] = (float) s->codes[k];
  ck_assert_double_eq (reference_difference (ref, "vq_codes", codes, n * P), 0);
  ck_assert_double_lt (reference_difference (ref, "vq_out", ws.outputs[0], n_values), 1e-7);

  /* the straight-through pass, then the terms the trainer adds with a
     sample's weight 1 / n */
  for (int k = 0; k < n_values; k++)
    r[k] /= n;
  float *d_in = ae_net_backward (&net, params, NULL, &ws, z, r, n, 0, 1);
  ck_assert_ptr_null (d_in);   /* the network's input, taken by a layer with parameters */
  ws.input_gradient = 1;
  d_in = ae_net_backward (&net, params, NULL, &ws, z, r, n, 0, 1);
  ck_assert_double_eq (largest_difference (d_in, r, n_values), 0);
  float *d_codebook = alloc_floats (K * D);
  const double distortion = ae_vq_terms (d_in, d_codebook, z, ws.outputs[0], s, n, P,
                                         0.25f / n, 1.0f / n);
  float got = (float) distortion;
  ck_assert_double_lt (reference_difference (ref, "vq_distortion", &got, 1), 1e-6);
  ck_assert_double_lt (reference_difference (ref, "vq_d_in", d_in, n_values), 1e-6);
  ck_assert_double_lt (reference_difference (ref, "vq_d_codebook", d_codebook, K * D), 1e-6);

  /* the moving averages, through the layer's update */
  ae_net_update_buffers (&net, params, &ws, n);
  ck_assert_double_lt (reference_difference (ref, "vq_ema_counts", params + net.n_params, K),
                       1e-6);
  ck_assert_double_lt (reference_difference (ref, "vq_ema_sums", params + net.n_params + K,
                                             K * D), 1e-6);
  ck_assert_double_lt (reference_difference (ref, "vq_ema_codebook", params, K * D), 1e-6);
  ae_workspace_free (&ws);
  free (params), free (z), free (codebook), free (r), free (counts), free (sums);
  free (d_codebook);
}
END_TEST

/* The codebook's gradient is the codebook loss's, sum_b |sg(z) - e|^2
   (the codes held, as they are for steps this small), and the input's is
   beta times the commitment's, |z - sg(e)|^2. */
START_TEST (gradients_are_the_terms_by_finite_differences)
{
  ae_vq_state_t s;
  ae_error_t err;
  ck_assert_int_eq (ae_vq_state_init (&s, K, D, n * P, &err), AE_OK);
  float *z = sine_floats (n_values, 0.61, 0.3, 1.5, 0);
  float *codebook = sine_floats (K * D, 1.7, 0.2, 1.2, 0);
  float out[n_values], d_in[n_values] = { 0 }, d_codebook[K * D] = { 0 };
  const float beta = 0.4f, h = 1e-3f;
  ae_vq_forward (&s, out, z, codebook, n, P, 0);
  ae_vq_terms (d_in, d_codebook, z, out, &s, n, P, beta, 1.0f);
  double worst = 0;
  for (int k = 0; k < K * D; k++)
    {
      float moved[n_values];
      const float kept = codebook[k];
      codebook[k] = kept + h;
      ae_vq_forward (&s, moved, z, codebook, n, P, 0);
      const double up = ae_vq_distortion (z, moved, n_values);
      codebook[k] = kept - h;
      ae_vq_forward (&s, moved, z, codebook, n, P, 0);
      const double down = ae_vq_distortion (z, moved, n_values);
      codebook[k] = kept;
      worst = fmax (worst, fabs ((up - down) / (2 * h) - d_codebook[k]));
    }
  ck_assert_msg (worst < 2e-3, "codebook gradient off by %g", worst);
  worst = 0;
  for (int k = 0; k < n_values; k++)
    {
      const float kept = z[k];
      z[k] = kept + h;
      const double up = ae_vq_distortion (z, out, n_values);
      z[k] = kept - h;
      const double down = ae_vq_distortion (z, out, n_values);
      z[k] = kept;
      worst = fmax (worst, fabs (beta * (up - down) / (2 * h) - d_in[k]));
    }
  ck_assert_msg (worst < 2e-3, "commitment gradient off by %g", worst);
  ae_vq_state_free (&s);
  free (z), free (codebook);
}
END_TEST

/* 5,000 vectors against 1,100 codes: two products of scores (the chunk is
   4M / K rows), each vector given a code no farther than the nearest by an
   exhaustive search in double. */
START_TEST (nearest_codes_are_the_exhaustive_searchs)
{
  enum { big_n = 50, big_p = 100, dim = 8, codes = 1100 };
  ae_vq_state_t s;
  ae_error_t err;
  ck_assert_int_eq (ae_vq_state_init (&s, codes, dim, (long) big_n * big_p, &err), AE_OK);
  ck_assert_int_lt (s.chunk, big_n * big_p);
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_USER);
  float *z = alloc_floats ((size_t) big_n * dim * big_p);
  float *codebook = alloc_floats ((size_t) codes * dim);
  float *out = alloc_floats ((size_t) big_n * dim * big_p);
  fill_uniform (&rng, z, (size_t) big_n * dim * big_p, -1, 1);
  fill_uniform (&rng, codebook, (size_t) codes * dim, -1, 1);
  ae_vq_forward (&s, out, z, codebook, big_n, big_p, 1);
  double worst = 0, counted = 0;
  for (int b = 0; b < big_n; b++)
    for (int p = 0; p < big_p; p++)
      {
        double least = DBL_MAX, given = 0;
        const int code = s.codes[b * big_p + p];
        for (int k = 0; k < codes; k++)
          {
            double distance = 0;
            for (int d = 0; d < dim; d++)
              {
                const double diff = z[((long) b * dim + d) * big_p + p] - codebook[k * dim + d];
                distance += diff * diff;
              }
            least = fmin (least, distance);
            if (k == code)
              given = distance;
          }
        worst = fmax (worst, given - least);
        for (int d = 0; d < dim; d++)
          ck_assert_float_eq (out[((long) b * dim + d) * big_p + p], codebook[code * dim + d]);
      }
  for (int k = 0; k < codes; k++)
    counted += s.batch_counts[k];
  ck_assert_msg (worst < 1e-5, "a code %g farther than the nearest", worst);
  ck_assert_double_eq (counted, big_n * big_p);
  ae_vq_state_free (&s);
  free (z), free (codebook), free (out);
}
END_TEST

/* ---- VQ-VAEs: 8 clusters in 6 dimensions, an encoder to 4 channels, a
   codebook of 16, a decoder back ---- */

enum { n_samples = 512, width = 6, n_clusters = 8, code_dim = 4 };

static float *
cluster_data (void)
{
  ae_rng_t rng;
  ae_rng_seed (&rng, 11, AE_STREAM_USER);
  float centres[n_clusters][width];
  fill_uniform (&rng, &centres[0][0], n_clusters * width, -2, 2);
  float *x = alloc_floats ((size_t) n_samples * width);
  for (int s = 0; s < n_samples; s++)
    {
      float noise[width];
      ae_rng_normal (&rng, noise, width);
      for (int d = 0; d < width; d++)
        x[s * width + d] = centres[s % n_clusters][d] + 0.05f * noise[d];
    }
  return x;
}

static void
build_vq_vae (ae_net_t *net, int moving_averages, float restart)
{
  ae_error_t err;
  ae_net_begin (net, width);
  ck_assert_int_eq (ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 32 },
                                &err), AE_OK);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                        .activation = AE_ACT_RELU }, &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = code_dim }, &err);
  ae_layer_spec_t vq = { .kind = AE_LAYER_VECTOR_QUANTIZE };
  vq.integers[0] = 16;
  vq.integers[1] = moving_averages;
  vq.reals[0] = 0.25f;
  vq.reals[1] = 0.9f;
  vq.reals[2] = restart;
  vq.reals[3] = 1e-5f;
  ck_assert_int_eq (ae_net_add (net, &vq, &err), AE_OK);
  ae_net_end_encoder (net);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 32 }, &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                        .activation = AE_ACT_RELU }, &err);
  ck_assert_int_eq (ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE,
                                                          .width = width }, &err), AE_OK);
}

/* Trains 40 epochs; *first gets the first epoch's stats. */
static ae_epoch_stats_t
train_vq_vae (const ae_net_t *net, float *params, const float *x, ae_epoch_stats_t *first)
{
  ae_train_config_t config = {
    .objective = { AE_LOSS_MSE, AE_REDUCE_SUM, 0 },
    .optimizer = { AE_OPT_ADAM, 3e-3f, 0, 0.9f, 0.999f, 1e-8f },
    .batch_size = 32, .seed = 4
  };
  ae_trainer_t trainer;
  ae_error_t err;
  ck_assert_int_eq (ae_trainer_init (&trainer, net, &config, n_samples, &err), AE_OK);
  ae_epoch_stats_t stats;
  for (int epoch = 0; epoch < 40; epoch++)
    {
      ck_assert_int_eq (ae_trainer_epoch (&trainer, params, x, NULL, x, NULL, n_samples,
                                          &stats, &err), AE_OK);
      if (epoch == 0)
        *first = stats;
    }
  ae_trainer_free (&trainer);
  return stats;
}

/* The data's 8 clusters take 8 or more codes; the reconstruction error
   falls below 0.1 a sample (the clusters' own spread is 6 x 0.05^2 = 0.015,
   their centres' about 6 x 1.3 = 8); the loss sums the terms. */
START_TEST (vq_vaes_learn_the_clusters_by_loss_and_by_averages)
{
  float *x = cluster_data ();
  for (int moving_averages = 0; moving_averages <= 1; moving_averages++)
    {
      ae_net_t net;
      build_vq_vae (&net, moving_averages, 1.0f);
      float *params = alloc_floats ((size_t) ae_net_n_values (&net));
      ae_rng_t rng;
      ae_rng_seed (&rng, 8, AE_STREAM_INIT);
      ae_net_init_params (&net, params, &rng);
      ae_epoch_stats_t first, last = train_vq_vae (&net, params, x, &first);
      ck_assert_msg (last.val_reconstruction < 0.1 && last.val_reconstruction < 0.05 * first.reconstruction,
                     "%s: reconstruction %g after %g", moving_averages ? "averages" : "loss",
                     last.val_reconstruction, first.reconstruction);
      ck_assert_int_eq (last.n_codes, 16);
      ck_assert_msg (last.codes_used >= n_clusters && last.perplexity > 6,
                     "%d codes used, perplexity %g", last.codes_used, last.perplexity);
      ck_assert_double_gt (last.quantization, 0);
      ck_assert_double_eq_tol (last.loss, last.reconstruction + last.quantization, 1e-9);
      ck_assert_double_eq_tol (last.val_loss, last.val_reconstruction + last.val_quantization,
                               1e-9);
      free (params);
    }
  free (x);
}
END_TEST

/* A codebook of one vector far from the data gives every vector its first
   code (ties go to the lower index), which the codebook loss moves while
   the others stay dead; with restarts they start again at the encoder's
   vectors. */
START_TEST (dead_codes_restart_at_the_encoders_vectors)
{
  float *x = cluster_data ();
  int used[2];
  double error[2];
  for (int restarting = 0; restarting <= 1; restarting++)
    {
      ae_net_t net;
      build_vq_vae (&net, 0, restarting ? 1.0f : 0.0f);
      float *params = alloc_floats ((size_t) ae_net_n_values (&net));
      ae_rng_t rng;
      ae_rng_seed (&rng, 8, AE_STREAM_INIT);
      ae_net_init_params (&net, params, &rng);
      const ae_layer_t *vq = &net.layers[ae_net_quantizer_layer (&net)];
      for (long k = 0; k < vq->n_weights; k++)
        params[vq->param_offset + k] = 50.0f;
      ae_epoch_stats_t first, last = train_vq_vae (&net, params, x, &first);
      used[restarting] = last.codes_used;
      error[restarting] = last.val_reconstruction;
      free (params);
    }
  ck_assert_msg (used[0] < n_clusters && used[1] >= n_clusters && error[1] < 0.1
                 && error[0] > 10 * error[1], "codes used: %d without restarts, %d with;"
                 " reconstruction %g and %g", used[0], used[1], error[0], error[1]);
  free (x);
}
END_TEST

START_TEST (bad_quantizers_are_refused)
{
  ae_net_t net;
  ae_error_t err;
  ae_layer_spec_t vq = { .kind = AE_LAYER_VECTOR_QUANTIZE };
  vq.integers[0] = 0;
  vq.reals[1] = 0.99f;
  vq.reals[3] = 1e-5f;
  ae_net_begin_grid (&net, (ae_grid_t) { D, H, W, 0 });
  ck_assert_int_eq (ae_net_add (&net, &vq, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "1 to 1048576 codes, got 0"));
  ae_net_begin_grid (&net, (ae_grid_t) { 4096, 1, 1, 0 });
  vq.integers[0] = 1 << 20;
  ck_assert_int_eq (ae_net_add (&net, &vq, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "a codebook of 1048576 codes of 4096 channels"));
  vq.integers[0] = 4;
  vq.reals[1] = 1.0f;
  ck_assert_int_eq (ae_net_add (&net, &vq, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "a decay in [0, 1)"));
  vq.reals[1] = 0.99f;
  ck_assert_int_eq (ae_net_add (&net, &vq, &err), AE_OK);
  ck_assert_int_eq (ae_net_add (&net, &vq, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "at most one vector quantization layer"));
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "not both"));
  ae_full_batch_t fb;
  const ae_objective_t mse = { AE_LOSS_MSE, AE_REDUCE_SUM, 0 };
  const ae_regularization_t none = { 0 };
  float x[4096] = { 0 };
  ck_assert_int_eq (ae_full_batch_init (&fb, &net, &mse, &none, x, NULL, 1, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "no vector quantization"));
}
END_TEST

/* ---- the prior's pieces ---- */

static ae_layer_spec_t
masked_spec (int mask_b, int n_filters)
{
  ae_layer_kind_t kind;
  ck_assert_int_eq (ae_layer_kind_parse ("maskedconv", &kind), 0);
  ae_layer_spec_t spec = { .kind = kind };
  spec.window.k_h = spec.window.k_w = 3;
  spec.window.n_filters = n_filters;
  spec.integers[0] = mask_b;
  return spec;
}

typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  float *params, *x, *r;
  int n_batch;
} masked_case_t;

static double
masked_objective (void *arg)
{
  masked_case_t *c = arg;
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_layers);
  return dot (c->ws.outputs[c->net.n_layers - 1], c->r,
              (size_t) c->n_batch * c->net.layers[c->net.n_layers - 1].n_out);
}

/* 2 x 4 x 5 x 6 inputs, 5 filters of 3x3: PyTorch's conv2d with masked
   weights (the weights given unmasked: the layer reads them through its
   mask), then finite differences of the input's and the weights' gradients. */
START_TEST (masked_convolutions_match_pytorch_and_finite_differences)
{
  enum { mn = 2, mc = 4, mh = 5, mw = 6, mo = 5 };
  const char *file = "pixelcnn.txt";
  for (int mask_b = 0; mask_b <= 1; mask_b++)
    {
      masked_case_t c = { .n_batch = mn };
      ae_error_t err;
      ae_net_begin_grid (&c.net, (ae_grid_t) { mc, mh, mw, 0 });
      ae_layer_spec_t spec = masked_spec (mask_b, mo);
      ck_assert_int_eq (ae_net_add (&c.net, &spec, &err), AE_OK);
      ae_net_end_encoder (&c.net);
      const ae_layer_t *l = &c.net.layers[0];
      ck_assert (l->out.c == mo && l->out.h == mh && l->out.w == mw);
      c.params = alloc_floats ((size_t) c.net.n_params);
      float *w = sine_floats (l->n_weights, 0.53, 0.4, 0.4, 0);
      float *b = sine_floats (mo, 0.91, 0.1, 0.3, 0);
      memcpy (c.params, w, sizeof (float) * l->n_weights);
      memcpy (c.params + l->n_weights, b, sizeof (float) * mo);
      c.x = sine_floats ((long) mn * l->n_in, 0.37, 0.2, 1.0, 0);
      c.r = sine_floats ((long) mn * l->n_out, 0.29, 0.6, 1, 0);
      ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, mn, &err), AE_OK);
      c.ws.input_gradient = 1;
      masked_objective (&c);
      char name[64];
      snprintf (name, sizeof name, "masked_%c_out", mask_b ? 'B' : 'A');
      ck_assert_double_lt (reference_difference (file, name, c.ws.outputs[0],
                                                 (long) mn * l->n_out), 1e-5);
      float *grads = alloc_floats ((size_t) c.net.n_params);
      float *d_in = ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.r, mn, 0, 1);
      snprintf (name, sizeof name, "masked_%c_d_in", mask_b ? 'B' : 'A');
      ck_assert_double_lt (reference_difference (file, name, d_in, (long) mn * l->n_in), 1e-5);
      snprintf (name, sizeof name, "masked_%c_d_weight", mask_b ? 'B' : 'A');
      ck_assert_double_lt (reference_difference (file, name, grads, l->n_weights), 1e-5);
      snprintf (name, sizeof name, "masked_%c_d_bias", mask_b ? 'B' : 'A');
      ck_assert_double_lt (reference_difference (file, name, grads + l->n_weights, mo), 1e-5);
      float *d_x = alloc_floats ((size_t) mn * l->n_in);
      memcpy (d_x, d_in, sizeof (float) * mn * l->n_in);
      /* the objective is linear in each: a wide step loses no accuracy */
      size_t worst;
      double error = ae_check_grad (masked_objective, &c, c.x, d_x, (size_t) mn * l->n_in,
                                    0.25f, 1e-2, 0, &worst);
      ck_assert_msg (error < 1e-3, "input gradient: relative error %g at %zu", error, worst);
      error = ae_check_grad (masked_objective, &c, c.params, grads, (size_t) c.net.n_params,
                             0.25f, 1e-2, 0, &worst);
      ck_assert_msg (error < 1e-3, "weight gradient: relative error %g at %zu", error, worst);
      char text[64];
      ae_layer_describe (l, text, sizeof text);
      ck_assert_str_eq (text, mask_b ? "masked convolution 3x3, mask B"
                                     : "masked convolution 3x3, mask A");
      ae_workspace_free (&c.ws);
      free (c.params), free (w), free (b), free (c.x), free (c.r), free (grads), free (d_x);
    }
}
END_TEST

/* A stack of mask A then two of mask B (a PixelCNN) is causal: moving the
   input at one position changes the outputs after it in raster order, never
   those at or before it. */
START_TEST (a_pixelcnn_stack_sees_only_earlier_positions)
{
  enum { sc = 3, sh = 6, sw = 5, positions = sh * sw };
  masked_case_t c = { .n_batch = 1 };
  ae_error_t err;
  ae_net_begin_grid (&c.net, (ae_grid_t) { sc, sh, sw, 0 });
  for (int k = 0; k < 3; k++)
    {
      ae_layer_spec_t spec = masked_spec (k > 0, k < 2 ? 8 : sc);
      ck_assert_int_eq (ae_net_add (&c.net, &spec, &err), AE_OK);
    }
  ae_net_end_encoder (&c.net);
  c.params = alloc_floats ((size_t) c.net.n_params);
  ae_rng_t rng;
  ae_rng_seed (&rng, 5, AE_STREAM_INIT);
  ae_net_init_params (&c.net, c.params, &rng);
  c.x = alloc_floats (sc * positions);
  fill_uniform (&rng, c.x, sc * positions, -1, 1);
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, 1, &err), AE_OK);
  float before[sc * positions];
  ae_net_forward (&c.net, c.params, &c.ws, c.x, 1, 0, 3);
  memcpy (before, c.ws.outputs[2], sizeof before);
  for (int q = 0; q < positions; q++)
    {
      for (int ch = 0; ch < sc; ch++)
        c.x[ch * positions + q] += 1.0f;
      ae_net_forward (&c.net, c.params, &c.ws, c.x, 1, 0, 3);
      int later_changed = q == positions - 1;
      for (int p = 0; p < positions; p++)
        for (int ch = 0; ch < sc; ch++)
          {
            const float moved = c.ws.outputs[2][ch * positions + p] - before[ch * positions + p];
            if (p <= q)
              ck_assert_msg (moved == 0, "input %d moved output %d", q, p);
            else
              later_changed |= moved != 0;
          }
      ck_assert_msg (later_changed, "input %d moved nothing after it", q);
      for (int ch = 0; ch < sc; ch++)
        c.x[ch * positions + q] -= 1.0f;
    }
  ae_workspace_free (&c.ws);
  free (c.params), free (c.x);
}
END_TEST

/* The cross-entropy of 7 classes at each of 5 x 6 positions of 2 samples
   against PyTorch's cross_entropy (reduction "sum"), and its gradient. */
START_TEST (cross_entropy_over_positions_matches_pytorch)
{
  enum { cn = 2, classes = 7, positions = 30 };
  const char *file = "pixelcnn.txt";
  float *logits = sine_floats (cn * classes * positions, 0.47, 0.3, 3.0, 0);
  static double labels[8192];
  ck_assert_int_eq (reference_values (file, "ce_labels", labels, 8192), cn * positions);
  float *targets = alloc_floats (cn * classes * positions);
  for (int b = 0; b < cn; b++)
    for (int p = 0; p < positions; p++)
      targets[(b * classes + (int) labels[b * positions + p]) * positions + p] = 1;
  float *d = alloc_floats (cn * classes * positions);
  float value = (float) ae_softmax_ce_positions (d, logits, targets, cn, classes, positions,
                                                 1.0f);
  ck_assert_double_lt (reference_difference (file, "ce_value", &value, 1), 1e-6);
  ck_assert_double_lt (reference_difference (file, "ce_d_logits", d, cn * classes * positions),
                       1e-6);
  /* one position alone is the row softmax of before */
  ck_assert_double_eq_tol (ae_softmax_ce_positions (NULL, logits, targets, 1, classes * positions,
                                                    1, 0),
                           ae_softmax_ce (NULL, logits, targets, 1, classes * positions, 0),
                           1e-12);
  free (logits), free (targets), free (d);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("vq");
  TCase *tc = tcase_create ("vector quantization");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, quantization_matches_pytorch);
  tcase_add_test (tc, gradients_are_the_terms_by_finite_differences);
  tcase_add_test (tc, nearest_codes_are_the_exhaustive_searchs);
  tcase_add_test (tc, vq_vaes_learn_the_clusters_by_loss_and_by_averages);
  tcase_add_test (tc, dead_codes_restart_at_the_encoders_vectors);
  tcase_add_test (tc, bad_quantizers_are_refused);
  tcase_add_test (tc, masked_convolutions_match_pytorch_and_finite_differences);
  tcase_add_test (tc, a_pixelcnn_stack_sees_only_earlier_positions);
  tcase_add_test (tc, cross_entropy_over_positions_matches_pytorch);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
