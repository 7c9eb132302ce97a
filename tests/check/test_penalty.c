/* The regularizers: gradient checks of each penalty alone and of all of them
   combined through a network, and the statistics of the corruptions. */
#include <math.h>
#include <string.h>

#include "test_util.h"

#define GRAD_TOL 2e-2

typedef struct {
  float *h;
  int n_batch, n_units;
  int kind;   /* 0 sparsity KL, 1 L1 activity */
} code_case_t;

static double
code_objective (void *ctx)
{
  code_case_t *c = ctx;
  return c->kind == 0 ? ae_sparsity_kl (NULL, c->h, c->n_batch, c->n_units, 0.1f, 3.0f)
                      : ae_l1_activity (NULL, c->h, c->n_batch, c->n_units, 0.7f);
}

START_TEST (code_penalty_gradients_match_finite_differences)
{
  code_case_t c = { .n_batch = 6, .n_units = 4, .kind = _i };
  size_t n = 24;
  ae_rng_t rng;
  ae_rng_seed (&rng, 30 + _i, AE_STREAM_USER);
  c.h = alloc_floats (n);
  float *grad = alloc_floats (n);
  fill_uniform (&rng, c.h, n, _i == 0 ? 0.05f : -1.0f, _i == 0 ? 0.6f : 1.0f);
  if (_i == 1)
    push_off_zero (c.h, n, 0.05f);
  if (_i == 0)
    ae_sparsity_kl (grad, c.h, c.n_batch, c.n_units, 0.1f, 3.0f);
  else
    ae_l1_activity (grad, c.h, c.n_batch, c.n_units, 0.7f);
  size_t worst;
  double error = ae_check_grad (code_objective, &c, c.h, grad, n, 1e-3f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "penalty %d: relative error %g at %zu", _i, error, worst);
  free (c.h);
  free (grad);
}
END_TEST

START_TEST (sparsity_kl_is_zero_at_the_target)
{
  float h[4] = { 0.1f, 0.3f, 0.1f, 0.3f };   /* unit means 0.1 and 0.3 over 2 samples */
  double kl = ae_sparsity_kl (NULL, h, 2, 2, 0.1f, 1.0f);
  double expected = 0.1 * log (0.1 / 0.3) + 0.9 * log (0.9 / 0.7);
  ck_assert_double_eq_tol (kl, expected, 1e-6);
  ck_assert_double_eq_tol (ae_l1_activity (NULL, h, 2, 2, 1.0f), 0.4, 1e-6);
}
END_TEST

/* A small autoencoder with a sigmoid code under every regularizer at once. */
typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  ae_contractive_ws_t cws;
  float *params, *x;
  int n_batch;
} net_case_t;

static const float rho = 0.2f, beta = 1.5f, alpha = 0.3f, lambda = 0.05f, gamma_ = 0.4f;

static double
total_objective (void *ctx)
{
  net_case_t *c = ctx;
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_layers);
  const float *code = c->ws.outputs[c->net.n_encoder - 1];
  return ae_loss_forward (c->ws.outputs[c->net.n_layers - 1], c->x,
                          (size_t) c->n_batch * c->net.n_input, AE_LOSS_MSE)
         + ae_sparsity_kl (NULL, code, c->n_batch, 3, rho, beta)
         + ae_l1_activity (NULL, code, c->n_batch, 3, alpha)
         + ae_contractive (&c->net, c->params, &c->ws, c->x, c->n_batch, gamma_, NULL, NULL,
                           &c->cws)
         + ae_weight_decay (NULL, c->params, &c->net, lambda);
}

START_TEST (all_penalties_combined_through_a_network)
{
  net_case_t c = { .n_batch = 5 };
  ae_error_t err;
  ae_net_begin (&c.net, 7);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 5 }, &err);
  ae_net_add (&c.net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_TANH },
              &err);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 3 }, &err);
  ae_net_add (&c.net,
              &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
              &err); /* the code */
  ae_net_end_encoder (&c.net);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 7 }, &err);
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, c.n_batch, &err), AE_OK);
  ck_assert_int_eq (ae_contractive_init (&c.cws, &c.net, &err), AE_OK);
  ae_rng_t rng;
  ae_rng_seed (&rng, 33, AE_STREAM_USER);
  c.params = alloc_floats (c.net.n_params);
  c.x = alloc_floats (35);
  ae_net_init_params (&c.net, c.params, &rng);
  fill_uniform (&rng, c.x, 35, 0, 1);
  float *grads = alloc_floats (c.net.n_params);
  /* the trainer's order: loss, back to the code, code penalties, contractive,
     the encoder with the contractive penalty's injections, decay */
  ae_net_forward (&c.net, c.params, &c.ws, c.x, c.n_batch, 0, c.net.n_layers);
  ae_loss_backward (c.ws.grad_a, c.ws.outputs[c.net.n_layers - 1], c.x, 35, AE_LOSS_MSE, 1);
  float *d_code = ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.ws.grad_a,
                                   c.n_batch, c.net.n_encoder, c.net.n_layers);
  const float *code = c.ws.outputs[c.net.n_encoder - 1];
  ae_sparsity_kl (d_code, code, c.n_batch, 3, rho, beta);
  ae_l1_activity (d_code, code, c.n_batch, 3, alpha);
  float *inject[AE_MAX_LAYERS] = { 0 };
  for (int l = 0; l < c.net.n_encoder; l++)
    inject[l] = alloc_floats ((size_t) c.n_batch * c.net.layers[l].n_in);
  ae_contractive (&c.net, c.params, &c.ws, c.x, c.n_batch, gamma_, grads, inject, &c.cws);
  ae_net_backward_injected (&c.net, c.params, grads, &c.ws, c.x, d_code, c.n_batch,
                            c.net.n_encoder, inject);
  ae_weight_decay (grads, c.params, &c.net, lambda);
  size_t worst;
  double error = ae_check_grad (total_objective, &c, c.params, grads, c.net.n_params, 1e-2f,
                                1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  /* weight decay leaves the biases alone */
  float *decay_only = alloc_floats (c.net.n_params);
  ae_weight_decay (decay_only, c.params, &c.net, lambda);
  const ae_layer_t *first = &c.net.layers[0];
  ck_assert_float_eq (decay_only[first->n_in * first->n_out], 0);
  ck_assert_float_eq_tol (decay_only[0], lambda * c.params[0], 1e-9);
  for (int l = 0; l < c.net.n_encoder; l++)
    free (inject[l]);
  ae_contractive_free (&c.cws);
  ae_workspace_free (&c.ws);
  free (c.params); free (c.x); free (grads); free (decay_only);
}
END_TEST

/* The contractive penalty of a two-layer encoder, every activation kind. */
typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  ae_contractive_ws_t cws;
  float *params, *x;
  int n_batch;
} contractive_case_t;

static double
contractive_objective (void *ctx)
{
  contractive_case_t *c = ctx;
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_encoder);
  return ae_contractive (&c->net, c->params, &c->ws, c->x, c->n_batch, 0.8f, NULL, NULL,
                         &c->cws);
}

START_TEST (contractive_gradient_matches_finite_differences)
{
  const ae_activation_t kinds[][2] = { { AE_ACT_TANH, AE_ACT_SIGMOID },
                                       { AE_ACT_SOFTPLUS, AE_ACT_IDENTITY },
                                       { AE_ACT_LEAKY_RELU, AE_ACT_SIGMOID } };
  contractive_case_t c = { .n_batch = 3 };
  ae_error_t err;
  ae_net_begin (&c.net, 6);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 5 }, &err);
  ae_net_add (
      &c.net,
      &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = kinds[_i][0], .slope = 0.1f },
      &err);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 3 }, &err);
  ae_net_add (&c.net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = kinds[_i][1] },
              &err);
  ae_net_end_encoder (&c.net);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 6 }, &err);
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, c.n_batch, &err), AE_OK);
  ck_assert_int_eq (ae_contractive_init (&c.cws, &c.net, &err), AE_OK);
  ae_rng_t rng;
  ae_rng_seed (&rng, 40 + _i, AE_STREAM_USER);
  c.params = alloc_floats (c.net.n_params);
  c.x = alloc_floats (18);
  ae_net_init_params (&c.net, c.params, &rng);
  for (long k = 0; k < c.net.n_params; k++)   /* larger weights: curved activations */
    c.params[k] *= 2.5f;
  fill_uniform (&rng, c.x, 18, -1, 1);
  float *grads = alloc_floats (c.net.n_params), *zero = alloc_floats (3 * 3);
  float *inject[AE_MAX_LAYERS] = { 0 };
  for (int l = 0; l < c.net.n_encoder; l++)
    inject[l] = alloc_floats ((size_t) c.n_batch * c.net.layers[l].n_in);
  ae_net_forward (&c.net, c.params, &c.ws, c.x, c.n_batch, 0, c.net.n_encoder);
  double penalty = ae_contractive (&c.net, c.params, &c.ws, c.x, c.n_batch, 0.8f, grads,
                                   inject, &c.cws);
  ck_assert_double_gt (penalty, 0);
  ae_net_backward_injected (&c.net, c.params, grads, &c.ws, c.x, zero, c.n_batch,
                            c.net.n_encoder, inject);
  size_t worst;
  double error = ae_check_grad (contractive_objective, &c, c.params, grads,
                                (size_t) c.net.layers[c.net.n_encoder].param_offset, 1e-2f, 1e-2, 0,
                                &worst);   /* the encoder's parameters */
  ck_assert_msg (error <= GRAD_TOL, "kinds %d: relative error %g at parameter %zu", _i, error,
                 worst);
  /* one linear layer: ||J||_F^2 = ||W||_F^2 for every sample */
  ae_net_t linear;
  ae_net_begin (&linear, 6);
  ae_net_add (&linear, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 3 }, &err);
  ae_net_end_encoder (&linear);
  ae_net_add (&linear, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 6 }, &err);
  ae_workspace_t lws;
  ae_contractive_ws_t lcws;
  ae_workspace_init (&lws, &linear, c.n_batch, &err);
  ae_contractive_init (&lcws, &linear, &err);
  double w2 = 0;
  for (int k = 0; k < 18; k++)
    w2 += (double) c.params[k] * c.params[k];
  ae_net_forward (&linear, c.params, &lws, c.x, c.n_batch, 0, 1);
  ck_assert_double_eq_tol (ae_contractive (&linear, c.params, &lws, c.x, c.n_batch, 1.0f, NULL,
                                           NULL, &lcws), w2, 1e-4);
  ae_workspace_free (&lws);
  ae_contractive_free (&lcws);
  for (int l = 0; l < c.net.n_encoder; l++)
    free (inject[l]);
  ae_workspace_free (&c.ws);
  ae_contractive_free (&c.cws);
  free (c.params); free (c.x); free (grads); free (zero);
}
END_TEST

START_TEST (corruptions_have_their_rates)
{
  enum { n = 100000 };
  float *x = alloc_floats (n);
  ae_rng_t rng;
  ae_rng_seed (&rng, 34, AE_STREAM_NOISE);
  for (int i = 0; i < n; i++)
    x[i] = 0.5f;
  ae_corrupt (x, n, AE_NOISE_MASKING, 0.3f, &rng);
  int zeros = 0;
  for (int i = 0; i < n; i++)
    zeros += x[i] == 0;
  ck_assert_double_eq_tol (zeros / (double) n, 0.3, 0.01);
  for (int i = 0; i < n; i++)
    x[i] = 0.5f;
  ae_corrupt (x, n, AE_NOISE_SALT_PEPPER, 0.2f, &rng);
  int salt = 0, pepper = 0;
  for (int i = 0; i < n; i++)
    salt += x[i] == 1, pepper += x[i] == 0;
  ck_assert_double_eq_tol (salt / (double) n, 0.1, 0.01);
  ck_assert_double_eq_tol (pepper / (double) n, 0.1, 0.01);
  for (int i = 0; i < n; i++)
    x[i] = 0;
  ae_corrupt (x, n, AE_NOISE_GAUSSIAN, 0.5f, &rng);
  double var = 0;
  for (int i = 0; i < n; i++)
    var += (double) x[i] * x[i] / n;
  ck_assert_double_eq_tol (sqrt (var), 0.5, 0.01);
  ae_noise_t kind;
  ck_assert_int_eq (ae_noise_parse ("saltpepper", &kind), 0);
  ck_assert_int_eq (kind, AE_NOISE_SALT_PEPPER);
  ck_assert_int_eq (ae_noise_parse ("pink", &kind), -1);
  free (x);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("penalty");
  TCase *tc = tcase_create ("regularizers");
  tcase_set_timeout (tc, 60);   /* 3.5 s alone here: above check's 4 s default on a busy machine */
  tcase_add_loop_test (tc, code_penalty_gradients_match_finite_differences, 0, 2);
  tcase_add_test (tc, sparsity_kl_is_zero_at_the_target);
  tcase_add_test (tc, all_penalties_combined_through_a_network);
  tcase_add_test (tc, corruptions_have_their_rates);
  tcase_add_loop_test (tc, contractive_gradient_matches_finite_differences, 0, 3);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
