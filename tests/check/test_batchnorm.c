/* Batch normalization: the kernels against PyTorch's BatchNorm2d and
   BatchNorm1d (tests/reference/batchnorm.txt, made by
   make_batchnorm_reference.py), training and inference, forward, backward
   and the running statistics; finite differences; the layer in a network
   and in the trainer. */
#include <math.h>

#include "test_util.h"

#define GRAD_TOL 2e-2
#define REF_TOL 2e-5

static double
reference_error (const char *name, const float *got, long n)
{
  return reference_difference ("batchnorm.txt", name, got, n);
}

/* The reference's two cases: [n][c][h w] and [n][c] */
static const struct {
  const char *name;
  int n_batch, n_channels;
  long n_positions;
} cases[] = { { "bn2d", 2, 3, 20 }, { "bn1d", 4, 6, 1 } };

static double worst_error;

static void
expect_reference (const char *prefix, const char *what, const float *got, long n)
{
  char name[64];
  snprintf (name, sizeof name, "%s_%s", prefix, what);
  double error = reference_error (name, got, n);
  ck_assert_msg (error <= REF_TOL, "%s: relative error %g against PyTorch", name, error);
  worst_error = fmax (worst_error, error);
}

START_TEST (batchnorm_matches_pytorch_in_training_and_inference)
{
  const char *name = cases[_i].name;
  const int n_batch = cases[_i].n_batch, C = cases[_i].n_channels;
  const long S = cases[_i].n_positions, n = n_batch * C * S;
  float *gamma = sine_floats (C, 0.9, 0.2, 0.5, 1.0), *beta = sine_floats (C, 1.3, 0.4, 0.3, 0);
  float *running_mean = sine_floats (C, 0.7, 0.1, 0.2, 0);
  float *running_var = sine_floats (C, 0.5, 0.3, 0.3, 1.0);
  float *x = sine_floats (n, 0.71, 0.1, 2.0, 0.5), *probe = sine_floats (n, 0.37, 0.5, 1, 0);
  float *out = alloc_floats (n), *d_in = alloc_floats (n);
  float *d_gamma = alloc_floats (C), *d_beta = alloc_floats (C);
  float mean[8], inv_std[8], var[8];
  worst_error = 0;
  ae_batchnorm_forward_train (out, x, gamma, beta, n_batch, C, S, 1e-5f, mean, inv_std, var);
  expect_reference (name, "train_out", out, n);
  ae_batchnorm_backward (d_in, d_gamma, d_beta, probe, x, gamma, mean, inv_std, n_batch, C, S);
  expect_reference (name, "d_in", d_in, n);
  expect_reference (name, "d_gamma", d_gamma, C);
  expect_reference (name, "d_beta", d_beta, C);
  ae_batchnorm_update_running (running_mean, running_var, mean, var, C, n_batch * S, 0.1f,
                               0.1f);
  expect_reference (name, "running_mean", running_mean, C);
  expect_reference (name, "running_var", running_var, C);
  float *x_eval = sine_floats (n, 0.43, 0.7, 1.5, 0);
  ae_batchnorm_forward_eval (out, x_eval, gamma, beta, running_mean, running_var, n_batch, C,
                             S, 1e-5f);
  expect_reference (name, "eval_out", out, n);
  printf ("%s against PyTorch: worst relative error %.2g\n", name, worst_error);
  free (gamma); free (beta); free (running_mean); free (running_var); free (x); free (probe);
  free (out); free (d_in); free (d_gamma); free (d_beta); free (x_eval);
}
END_TEST

/* sum(out * probe) of the training forward, for finite differences */
typedef struct {
  int n_batch, n_channels;
  long n_positions;
  float *x, *gamma, *beta, *out, *probe;
} bn_case_t;

static double
bn_objective (void *ctx)
{
  bn_case_t *c = ctx;
  float mean[8], inv_std[8], var[8];
  ae_batchnorm_forward_train (c->out, c->x, c->gamma, c->beta, c->n_batch, c->n_channels,
                              c->n_positions, 1e-5f, mean, inv_std, var);
  return dot (c->out, c->probe, (size_t) c->n_batch * c->n_channels * c->n_positions);
}

START_TEST (batchnorm_gradients_match_finite_differences)
{
  bn_case_t c = { .n_batch = cases[_i].n_batch, .n_channels = cases[_i].n_channels,
                  .n_positions = cases[_i].n_positions };
  const long n = c.n_batch * c.n_channels * c.n_positions;
  ae_rng_t rng;
  ae_rng_seed (&rng, 31, AE_STREAM_USER);
  c.x = alloc_floats (n), c.out = alloc_floats (n), c.probe = alloc_floats (n);
  c.gamma = alloc_floats (c.n_channels), c.beta = alloc_floats (c.n_channels);
  fill_uniform (&rng, c.x, n, -2, 2);
  fill_uniform (&rng, c.probe, n, -1, 1);
  fill_uniform (&rng, c.gamma, c.n_channels, 0.5f, 1.5f);
  fill_uniform (&rng, c.beta, c.n_channels, -1, 1);
  float *d_in = alloc_floats (n), *d_gamma = alloc_floats (c.n_channels);
  float *d_beta = alloc_floats (c.n_channels);
  float mean[8], inv_std[8], var[8];
  ae_batchnorm_forward_train (c.out, c.x, c.gamma, c.beta, c.n_batch, c.n_channels,
                              c.n_positions, 1e-5f, mean, inv_std, var);
  ae_batchnorm_backward (d_in, d_gamma, d_beta, c.probe, c.x, c.gamma, mean, inv_std,
                         c.n_batch, c.n_channels, c.n_positions);
  size_t worst;
  double error = ae_check_grad (bn_objective, &c, c.x, d_in, n, 1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "d_in: relative error %g at %zu", error, worst);
  error = ae_check_grad (bn_objective, &c, c.gamma, d_gamma, c.n_channels, 1e-2f, 1e-2, 0,
                         &worst);
  ck_assert_msg (error <= GRAD_TOL, "d_gamma: relative error %g at %zu", error, worst);
  error = ae_check_grad (bn_objective, &c, c.beta, d_beta, c.n_channels, 1e-2f, 1e-2, 0,
                         &worst);
  ck_assert_msg (error <= GRAD_TOL, "d_beta: relative error %g at %zu", error, worst);
  free (c.x); free (c.out); free (c.probe); free (c.gamma); free (c.beta);
  free (d_in); free (d_gamma); free (d_beta);
}
END_TEST

/* conv 2->3 3x3 same; batch norm; tanh; dense 3*4*5 -> 4; batch norm (as
   a dense layer's); tanh: the layer through the network's table */
typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  float *params, *x, *probe;
  int n_batch;
} net_case_t;

static void
net_case_init (net_case_t *c, int n_batch)
{
  ae_error_t err;
  c->n_batch = n_batch;
  ae_net_begin_grid (&c->net, (ae_grid_t) { 2, 4, 5, 0 });
  const ae_conv_spec_t same = { .n_filters = 3, .k_h = 3, .k_w = 3, .stride = 1, .same = 1 };
  const ae_layer_spec_t bn = { .kind = AE_LAYER_BATCH_NORM, .epsilon = 1e-5f,
                               .mean_decay = 0.1f, .variance_decay = 0.1f };
  ck_assert_int_eq (ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_CONV,
                                                              .window = same }, &err), AE_OK);
  ck_assert_int_eq (ae_net_add (&c->net, &bn, &err), AE_OK);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                            .activation = AE_ACT_TANH }, &err);
  ae_net_end_encoder (&c->net);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 4 }, &err);
  ck_assert_int_eq (ae_net_add (&c->net, &bn, &err), AE_OK);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                            .activation = AE_ACT_TANH }, &err);
  ck_assert_int_eq (ae_workspace_init (&c->ws, &c->net, n_batch, &err), AE_OK);
  c->ws.training = 1;
  ae_rng_t rng;
  ae_rng_seed (&rng, 77, AE_STREAM_USER);
  c->params = alloc_floats (ae_net_n_values (&c->net));
  ae_net_init_params (&c->net, c->params, &rng);
  c->x = alloc_floats ((size_t) n_batch * c->net.n_input);
  c->probe = alloc_floats ((size_t) n_batch * 4);
  fill_uniform (&rng, c->x, (size_t) n_batch * c->net.n_input, -1, 1);
  fill_uniform (&rng, c->probe, (size_t) n_batch * 4, -1, 1);
}

static void
net_case_free (net_case_t *c)
{
  ae_workspace_free (&c->ws);
  free (c->params); free (c->x); free (c->probe);
}

static double
net_objective (void *ctx)
{
  net_case_t *c = ctx;
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_layers);
  return dot (c->ws.outputs[c->net.n_layers - 1], c->probe, (size_t) c->n_batch * 4);
}

START_TEST (batchnorm_split_over_threads_gives_the_same_bits)
{
  /* 16 samples of 8 channels of 16x16 (32,768 values: split by channels on
     every thread this process may use), against one thread */
  enum { B = 16, C = 8, P = 256 };
  const long n = (long) B * C * P;
  float *x = sine_floats (n, 0.71, 0.1, 1, 0), *d_out = sine_floats (n, 0.37, 0.5, 1, 0);
  float *gamma = sine_floats (C, 1.3, 0.2, 0.5, 1), *beta = sine_floats (C, 2.1, 0.4, 0.3, 0);
  float *out[2], *d_in[2], *stats[2], *d_params[2];
  for (int way = 0; way < 2; way++)
    {
      ae_set_num_threads (way ? 64 : 1);   /* cut to the cores */
      out[way] = alloc_floats (n), d_in[way] = alloc_floats (n);
      stats[way] = alloc_floats (3 * C), d_params[way] = alloc_floats (2 * C);
      float *mean = stats[way], *inv_std = mean + C, *var = inv_std + C;
      ae_batchnorm_forward_train (out[way], x, gamma, beta, B, C, P, 1e-5f, mean, inv_std, var);
      ae_batchnorm_backward (d_in[way], d_params[way], d_params[way] + C, d_out, x, gamma, mean,
                             inv_std, B, C, P);
    }
  ae_set_num_threads (2);
  ck_assert_mem_eq (out[0], out[1], n * sizeof (float));
  ck_assert_mem_eq (d_in[0], d_in[1], n * sizeof (float));
  ck_assert_mem_eq (stats[0], stats[1], 3 * C * sizeof (float));
  ck_assert_mem_eq (d_params[0], d_params[1], 2 * C * sizeof (float));
  for (int way = 0; way < 2; way++)
    {
      free (out[way]); free (d_in[way]); free (stats[way]); free (d_params[way]);
    }
  free (x); free (d_out); free (gamma); free (beta);
}
END_TEST

START_TEST (batchnorm_in_a_network_has_buffers_and_true_gradients)
{
  net_case_t c;
  net_case_init (&c, 5);
  const ae_net_t *net = &c.net;
  /* parameters: conv 2*3*9 + 3, bn 3 + 3, dense 60*4 + 4, bn 4 + 4; buffers 2*3 + 2*4 */
  ck_assert_int_eq (net->n_params, 57 + 6 + 244 + 8);
  ck_assert_int_eq (net->n_buffers, 14);
  const ae_layer_t *bn1 = &net->layers[1], *bn2 = &net->layers[4];
  ck_assert_int_eq (bn1->buffer_offset, net->n_params);
  ck_assert_int_eq (bn2->buffer_offset, net->n_params + 6);
  /* PyTorch's initialisation: gamma 1, beta 0, running mean 0, variance 1 */
  const float *p = c.params;
  ck_assert_float_eq (p[bn1->param_offset], 1);
  ck_assert_float_eq (p[bn1->param_offset + 3], 0);
  ck_assert_float_eq (p[bn2->buffer_offset + 3], 0);
  ck_assert_float_eq (p[bn2->buffer_offset + 4], 1);
  float *grads = alloc_floats (net->n_params);
  net_objective (&c);
  memcpy (c.ws.grad_a, c.probe, (size_t) c.n_batch * 4 * sizeof (float));
  ae_net_backward (net, c.params, grads, &c.ws, c.x, c.ws.grad_a, c.n_batch, 0,
                   net->n_layers);
  size_t worst;
  /* a smaller step than elsewhere: the batch's statistics bend the objective */
  double error = ae_check_grad (net_objective, &c, c.params, grads, net->n_params, 1e-3f,
                                1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  /* the buffers move towards the batch's statistics only when asked */
  const float before = c.params[bn2->buffer_offset];
  net_objective (&c);
  ck_assert_float_eq (c.params[bn2->buffer_offset], before);
  ae_net_update_buffers (net, c.params, &c.ws, c.n_batch);
  ck_assert_float_ne (c.params[bn2->buffer_offset], before);
  /* inference reads them: a batch of one gives what it gives in a batch of five */
  c.ws.training = 0;
  net_objective (&c);
  float first[4];
  memcpy (first, c.ws.outputs[net->n_layers - 1], sizeof first);
  ae_net_forward (net, c.params, &c.ws, c.x, 1, 0, net->n_layers);
  for (int k = 0; k < 4; k++)
    ck_assert_float_eq (c.ws.outputs[net->n_layers - 1][k], first[k]);
  free (grads);
  net_case_free (&c);
}
END_TEST

START_TEST (trainer_keeps_running_statistics_and_full_batch_refuses_them)
{
  ae_error_t err;
  ae_net_t net;
  ae_net_begin (&net, 6);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 3 }, &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_BATCH_NORM, .epsilon = 1e-5f,
                                         .mean_decay = 0.1f, .variance_decay = 0.1f }, &err);
  ae_net_end_encoder (&net);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 6 }, &err);
  enum { n = 40 };
  float *params = alloc_floats (ae_net_n_values (&net)), x[n * 6];
  ae_rng_t rng;
  ae_rng_seed (&rng, 5, AE_STREAM_USER);
  ae_net_init_params (&net, params, &rng);
  fill_uniform (&rng, x, n * 6, 0, 1);
  ae_train_config_t config = {
    .objective = { AE_LOSS_MSE, AE_REDUCE_MEAN, 0 },
    .optimizer = { .kind = AE_OPT_ADAM, .learn_rate = 1e-2f, .beta1 = 0.9f, .beta2 = 0.999f,
                   .eps = 1e-8f },
    .batch_size = n, .seed = 3
  };
  /* one batch of all samples: the running mean moves a tenth of the way to
     the batch's mean of the first layer's outputs, computed before the step */
  const ae_layer_t *bn = &net.layers[1];
  float h[n * 3];
  ck_assert_int_eq (ae_net_apply (&net, params, x, NULL, n, 0, 1, h, NULL, &err), AE_OK);
  double batch_mean = 0;
  for (int s = 0; s < n; s++)
    batch_mean += h[s * 3] / n;
  ae_epoch_stats_t history[1];
  int n_done;
  ck_assert_int_eq (ae_train (&net, params, x, n, NULL, 0, &config, 1, history, &n_done, &err),
                    AE_OK);
  ck_assert_double_eq_tol (params[bn->buffer_offset], 0.1 * batch_mean, 1e-6);
  ae_full_batch_t fb;
  ck_assert_int_eq (ae_full_batch_init (&fb, &net, &config.objective,
                                        &(ae_regularization_t) { 0 }, x, NULL, n, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "batch normalization"));
  /* impossible settings are refused when the layer is placed */
  ae_layer_t layer;
  ck_assert_int_eq (ae_layer_place (&layer, &(ae_layer_spec_t) { .kind = AE_LAYER_BATCH_NORM,
                                                                 .epsilon = 0 },
                                    (ae_grid_t) { 3, 1, 1, 0 }, &err), AE_ERR_ARGUMENT);
  free (params);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("batchnorm");
  TCase *tc = tcase_create ("batch normalization");
  tcase_add_loop_test (tc, batchnorm_matches_pytorch_in_training_and_inference, 0, 2);
  tcase_add_loop_test (tc, batchnorm_gradients_match_finite_differences, 0, 2);
  tcase_add_test (tc, batchnorm_split_over_threads_gives_the_same_bits);
  tcase_add_test (tc, batchnorm_in_a_network_has_buffers_and_true_gradients);
  tcase_add_test (tc, trainer_keeps_running_statistics_and_full_batch_refuses_them);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
