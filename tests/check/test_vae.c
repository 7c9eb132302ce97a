/* The Gaussian latent head: reparameterization, KL, and a whole VAE's gradient. */
#include <math.h>
#include <string.h>

#include "test_util.h"

#define GRAD_TOL 2e-2

typedef struct {
  int n_batch, n_latent;
  float *stats, *eps, *z, *probe;
} gaussian_case_t;

static double
reparameterization_objective (void *ctx)
{
  gaussian_case_t *c = ctx;
  ae_gaussian_forward (c->z, c->stats, c->eps, c->n_batch, c->n_latent);
  return dot (c->z, c->probe, (size_t) c->n_batch * c->n_latent);
}

static double
kl_objective (void *ctx)
{
  gaussian_case_t *c = ctx;
  return ae_gaussian_kl (NULL, c->stats, c->n_batch, c->n_latent, 0);
}

static void
make_case (gaussian_case_t *c)
{
  size_t n_z = (size_t) c->n_batch * c->n_latent;
  ae_rng_t rng;
  ae_rng_seed (&rng, 20, AE_STREAM_USER);
  c->stats = alloc_floats (2 * n_z);
  c->eps = alloc_floats (n_z);
  c->z = alloc_floats (n_z);
  c->probe = alloc_floats (n_z);
  fill_uniform (&rng, c->stats, 2 * n_z, -2, 2);
  ae_rng_normal (&rng, c->eps, n_z);
  fill_uniform (&rng, c->probe, n_z, -1, 1);
}

static void
free_case (gaussian_case_t *c)
{
  free (c->stats); free (c->eps); free (c->z); free (c->probe);
}

START_TEST (reparameterization_gradient_matches_finite_differences)
{
  gaussian_case_t c = { .n_batch = 4, .n_latent = 3 };
  make_case (&c);
  size_t n_stats = 2 * (size_t) c.n_batch * c.n_latent;
  float *d_stats = alloc_floats (n_stats);
  ae_gaussian_backward (d_stats, c.probe, c.stats, c.eps, c.n_batch, c.n_latent);
  ck_assert_double_le (ae_check_grad (reparameterization_objective, &c, c.stats, d_stats,
                                      n_stats, 1e-2f, 1e-2, 0, NULL), GRAD_TOL);
  free (d_stats);
  free_case (&c);
}
END_TEST

START_TEST (kl_gradient_matches_finite_differences)
{
  gaussian_case_t c = { .n_batch = 4, .n_latent = 3 };
  make_case (&c);
  size_t n_stats = 2 * (size_t) c.n_batch * c.n_latent;
  float *d_stats = alloc_floats (n_stats);
  ae_gaussian_kl (d_stats, c.stats, c.n_batch, c.n_latent, 1.0f);
  ck_assert_double_le (ae_check_grad (kl_objective, &c, c.stats, d_stats, n_stats, 1e-2f,
                                      1e-2, 0, NULL), GRAD_TOL);
  free (d_stats);
  free_case (&c);
}
END_TEST

/* Free bits: the objective sum_j max(lambda n, KL_j), KL_j unit j's KL
   summed over the batch (Kingma et al.'s floor on the batch's mean KL). */
static float free_bits_lambda;

static double
free_bits_objective (void *ctx)
{
  gaussian_case_t *c = ctx;
  double unit_kl[8], total = 0;
  ae_gaussian_kl_terms (NULL, c->stats, c->n_batch, c->n_latent, 0, free_bits_lambda, unit_kl);
  for (int j = 0; j < c->n_latent; j++)
    total += fmax ((double) free_bits_lambda * c->n_batch, unit_kl[j]);
  return total;
}

START_TEST (free_bits_gradient_matches_finite_differences)
{
  gaussian_case_t c = { .n_batch = 4, .n_latent = 3 };
  make_case (&c);
  /* units' KL means for this case lie around 1-3 nats: a floor between them
     frees some units and not others */
  double unit_kl[3];
  double total = ae_gaussian_kl_terms (NULL, c.stats, c.n_batch, c.n_latent, 0, 0, unit_kl);
  double lo = INFINITY, hi = 0;
  for (int j = 0; j < 3; j++)
    {
      lo = fmin (lo, unit_kl[j] / c.n_batch);
      hi = fmax (hi, unit_kl[j] / c.n_batch);
    }
  ck_assert_double_eq_tol (total, ae_gaussian_kl (NULL, c.stats, c.n_batch, c.n_latent, 0),
                           1e-9);
  ck_assert_double_gt (hi - lo, 0.2);
  free_bits_lambda = (float) ((lo + hi) / 2);
  size_t n_stats = 2 * (size_t) c.n_batch * c.n_latent;
  float *d_stats = alloc_floats (n_stats);
  memset (d_stats, 0, n_stats * sizeof (float));
  double reported = ae_gaussian_kl_terms (d_stats, c.stats, c.n_batch, c.n_latent, 1.0f,
                                          free_bits_lambda, unit_kl);
  ck_assert_double_eq_tol (reported, total, 1e-9);   /* the true KL is reported */
  int n_free = 0;
  for (int j = 0; j < 3; j++)
    n_free += unit_kl[j] < free_bits_lambda * c.n_batch;
  ck_assert_int_ge (n_free, 1);
  ck_assert_int_le (n_free, 2);
  ck_assert_double_le (ae_check_grad (free_bits_objective, &c, c.stats, d_stats, n_stats,
                                      1e-2f, 1e-2, 0, NULL), GRAD_TOL);
  free (d_stats);
  free_case (&c);
}
END_TEST

START_TEST (kl_is_zero_at_the_prior_and_matches_the_closed_form)
{
  float prior[4] = { 0, 0, 0, 0 };   /* mu = 0, logvar = 0 */
  ck_assert_double_eq_tol (ae_gaussian_kl (NULL, prior, 1, 2, 0), 0, 1e-12);
  /* KL(N(1, e^1) || N(0,1)) = (e + 1 - 1 - 1) / 2 per dimension */
  float stats[2] = { 1, 1 };
  ck_assert_double_eq_tol (ae_gaussian_kl (NULL, stats, 1, 1, 0), (exp (1.0) - 1) / 2, 1e-6);
  /* z = mu + sigma eps */
  float eps = 0.5f, z;
  ae_gaussian_forward (&z, stats, &eps, 1, 1);
  ck_assert_float_eq_tol (z, 1 + expf (0.5f) * 0.5f, 1e-6);
}
END_TEST

/* log w = log p(x|z) + log p(z) - log q(z|x), each density written out in
   full here (normal densities with their 2 pi, the Bernoulli's two logs) */
static double
normal_log_density (double v, double mean, double var)
{
  return -0.5 * log (2 * M_PI * var) - (v - mean) * (v - mean) / (2 * var);
}

START_TEST (importance_log_weights_are_the_three_log_densities)
{
  enum { n = 2, K = 3, D = 3, L = 2 };
  const float x[n * D] = { 0, 1, 0.25f, 1, 0.5f, 0 };
  const float stats[n * 2 * L] = { 0.3f, -0.2f, -0.5f, 0.4f, /* sample 2: */ -1, 0.1f, 0.2f, -1 };
  float out[n * K * D], eps[n * K * L];
  for (int i = 0; i < n * K * D; i++)
    out[i] = 0.37f * (float) (i % 7) - 1.1f;
  for (int i = 0; i < n * K * L; i++)
    eps[i] = 0.29f * (float) (i % 5) - 0.6f;
  const ae_loss_t losses[3] = { AE_LOSS_BCE_LOGITS, AE_LOSS_MSE, AE_LOSS_L1 };
  for (int kind = 0; kind < 3; kind++)
    {
      double log_w[n * K];
      ck_assert_int_eq (ae_importance_log_weights (log_w, out, x, stats, eps, n, K, D, L,
                                                   losses[kind]), 0);
      for (int c = 0; c < n * K; c++)
        {
          const int j = c % n;
          const float *mu = stats + j * 2 * L, *logvar = mu + L;
          double want = 0;
          for (int l = 0; l < L; l++)
            {
              const double var = exp ((double) logvar[l]);
              const double z = mu[l] + sqrt (var) * eps[c * L + l];
              want += normal_log_density (z, 0, 1) - normal_log_density (z, mu[l], var);
            }
          for (int d = 0; d < D; d++)
            {
              const double o = out[c * D + d], t = x[j * D + d];
              const double s = 1 / (1 + exp (-o));
              want += kind == 0 ? t * log (s) + (1 - t) * log (1 - s)
                    : kind == 1 ? normal_log_density (t, o, 0.5)
                    : -fabs (t - o) - log (2.0);
            }
          ck_assert_double_eq_tol (log_w[c], want, 1e-5);
        }
    }
  double unused[n * K];
  ck_assert_int_eq (ae_importance_log_weights (unused, out, x, stats, eps, n, K, D, L,
                                               AE_LOSS_SOFTMAX_CE), -1);
}
END_TEST

/* A small VAE with every activation kind, under the training objective. */
typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  float *params, *x;
  int n_batch;
  ae_objective_t objective;
} vae_case_t;

static double
vae_objective (void *ctx)
{
  vae_case_t *c = ctx;
  double recon, kl;
  /* ws->eps is not touched: ae_evaluate would redraw it, so do the pass here */
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_layers - 1);
  recon = ae_loss_forward (c->ws.outputs[c->net.n_layers - 2], c->x,
                           (size_t) c->n_batch * c->net.n_input, AE_LOSS_BCE_LOGITS);
  kl = ae_gaussian_kl (NULL, c->ws.outputs[2], c->n_batch, 2, 0);
  return recon + c->objective.beta * kl;
}

START_TEST (whole_vae_gradient_matches_finite_differences)
{
  vae_case_t c = { .n_batch = 3, .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 0.7f } };
  ae_error_t err;
  ae_net_begin (&c.net, 6);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 5 }, &err);
  ae_net_add (&c.net,
              &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SOFTPLUS },
              &err);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 4 }, &err);
  ae_net_add (&c.net, &(ae_layer_spec_t){ .kind = AE_LAYER_GAUSSIAN },
              &err); /* layer 3 reads outputs[2]: (mu, logvar) of 2 */
  ae_net_end_encoder (&c.net);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 5 }, &err);
  ae_net_add (&c.net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_TANH },
              &err);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 6 }, &err);
  ck_assert_int_eq (
      ae_net_add (&c.net,
                  &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
                  &err),
      AE_OK);
  ck_assert_int_eq (ae_net_n_latent (&c.net), 2);
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, c.n_batch, &err), AE_OK);
  ae_rng_t rng;
  ae_rng_seed (&rng, 21, AE_STREAM_USER);
  c.params = alloc_floats (c.net.n_params);
  c.x = alloc_floats ((size_t) c.n_batch * 6);
  ae_net_init_params (&c.net, c.params, &rng);
  fill_uniform (&rng, c.x, (size_t) c.n_batch * 6, 0, 1);
  ae_rng_normal (&rng, c.ws.eps, (size_t) c.n_batch * 2);
  /* the KL is read from the Gaussian layer's input, outputs[2]; fix the probe */
  float *grads = alloc_floats (c.net.n_params);
  int last = c.net.n_layers - 1;
  ae_net_forward (&c.net, c.params, &c.ws, c.x, c.n_batch, 0, last);
  ae_loss_backward (c.ws.grad_a, c.ws.outputs[last - 1], c.x, (size_t) c.n_batch * 6,
                    AE_LOSS_BCE_LOGITS, 1.0f);
  /* as the trainer: back to the Gaussian layer's input, add the KL term's
     gradient there, on through the encoder */
  float *d_stats = ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.ws.grad_a,
                                    c.n_batch, 3, last);
  ae_gaussian_kl (d_stats, c.ws.outputs[2], c.n_batch, 2, c.objective.beta);
  ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, d_stats, c.n_batch, 0, 3);
  size_t worst;
  double error = ae_check_grad (vae_objective, &c, c.params, grads, c.net.n_params, 1e-2f,
                                1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  ae_workspace_free (&c.ws);
  free (c.params); free (c.x); free (grads);
}
END_TEST

/* A conditional VAE: a 4x4 image with 3 condition channels, a convolution,
   the code, and the code with the conditions again before the decoder.
   Layers: 0 condition, 1 conv, 2 tanh, 3 dense, 4 gaussian | 5 condition,
   6 dense, 7 sigmoid. */
static double
conditional_objective (void *ctx)
{
  vae_case_t *c = ctx;
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_layers - 1);
  double recon = ae_loss_forward (c->ws.outputs[c->net.n_layers - 2], c->x,
                                  (size_t) c->n_batch * c->net.n_input, AE_LOSS_BCE_LOGITS);
  return recon + c->objective.beta * ae_gaussian_kl (NULL, c->ws.outputs[3], c->n_batch, 2, 0);
}

static void
build_conditional (vae_case_t *c, int n_condition)
{
  ae_error_t err;
  const ae_layer_spec_t condition = { .kind = AE_LAYER_CONDITION, .width = n_condition };
  ae_net_begin_grid (&c->net, (ae_grid_t) { 1, 4, 4, 0 });
  ck_assert_int_eq (ae_net_add (&c->net, &condition, &err), AE_OK);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_CONV, .window = { .n_filters = 2,
              .k_h = 3, .k_w = 3, .stride = 1, .same = 1 } }, &err);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
              .activation = AE_ACT_TANH }, &err);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 4 }, &err);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err);
  ae_net_end_encoder (&c->net);
  ck_assert_int_eq (ae_net_add (&c->net, &condition, &err), AE_OK);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 16 }, &err);
  ck_assert_int_eq (ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                .activation = AE_ACT_SIGMOID }, &err), AE_OK);
}

START_TEST (conditional_vae_gradient_matches_finite_differences)
{
  vae_case_t c = { .n_batch = 3, .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 0.7f } };
  build_conditional (&c, 3);
  ck_assert_int_eq (c.net.n_condition, 3);
  /* the conditions are channels of the image, and values after the code */
  ck_assert_int_eq (c.net.layers[0].out.c, 4);
  ck_assert_int_eq (c.net.layers[5].n_in, 2);
  ck_assert_int_eq (c.net.layers[5].n_out, 5);
  ae_error_t err;
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, c.n_batch, &err), AE_OK);
  ae_rng_t rng;
  ae_rng_seed (&rng, 22, AE_STREAM_USER);
  c.params = alloc_floats (c.net.n_params);
  c.x = alloc_floats ((size_t) c.n_batch * 16);
  float conditions[9] = { 1, 0, 0, 0, 0, 1, 0.25f, 0.5f, 0.25f };
  c.ws.condition = conditions;
  ae_net_init_params (&c.net, c.params, &rng);
  fill_uniform (&rng, c.x, (size_t) c.n_batch * 16, 0, 1);
  ae_rng_normal (&rng, c.ws.eps, (size_t) c.n_batch * 2);
  const int last = c.net.n_layers - 1;
  ae_net_forward (&c.net, c.params, &c.ws, c.x, c.n_batch, 0, last);
  /* sample 2's channel 1 + 2 (its third condition) is 0.25 everywhere,
     its channel 0 its image */
  const float *grid = c.ws.outputs[0] + 2 * 64;
  for (int p = 0; p < 16; p++)
    {
      ck_assert_float_eq (grid[p], c.x[2 * 16 + p]);
      ck_assert_float_eq (grid[48 + p], 0.25f);
    }
  ck_assert_float_eq (c.ws.outputs[5][1 * 5 + 2 + 2], 1.0f);   /* sample 1, class 2 */
  float *grads = alloc_floats (c.net.n_params);
  ae_loss_backward (c.ws.grad_a, c.ws.outputs[last - 1], c.x, (size_t) c.n_batch * 16,
                    AE_LOSS_BCE_LOGITS, 1.0f);
  float *d_stats = ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.ws.grad_a,
                                    c.n_batch, 4, last);
  ae_gaussian_kl (d_stats, c.ws.outputs[3], c.n_batch, 2, c.objective.beta);
  ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, d_stats, c.n_batch, 0, 4);
  size_t worst;
  double error = ae_check_grad (conditional_objective, &c, c.params, grads, c.net.n_params,
                                1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  /* other conditions, another reconstruction */
  float recon[48], other[48];
  ck_assert_int_eq (ae_net_apply (&c.net, c.params, c.x, conditions, 3, 0, c.net.n_layers,
                                  recon, NULL, &err), AE_OK);
  float swapped[9] = { 0, 1, 0, 1, 0, 0, 0.25f, 0.5f, 0.25f };
  ck_assert_int_eq (ae_net_apply (&c.net, c.params, c.x, swapped, 3, 0, c.net.n_layers,
                                  other, NULL, &err), AE_OK);
  ck_assert (memcmp (recon, other, 16 * sizeof (float)) != 0);
  ck_assert (memcmp (recon + 32, other + 32, 16 * sizeof (float)) == 0);
  /* a conditional network refuses to run without its conditions */
  ck_assert_int_eq (ae_net_apply (&c.net, c.params, c.x, NULL, 3, 0, c.net.n_layers, recon,
                                  NULL, &err), AE_ERR_ARGUMENT);
  ck_assert (strstr (err.message, "3 condition values") != NULL);
  ae_workspace_free (&c.ws);
  free (c.params); free (c.x); free (grads);
}
END_TEST

START_TEST (condition_layers_share_one_width)
{
  ae_net_t net;
  ae_error_t err;
  ae_net_begin (&net, 5);
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_CONDITION,
                                .width = 0 }, &err), AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_CONDITION,
                                .width = 10 }, &err), AE_OK);
  ck_assert_int_eq (net.layers[0].n_out, 15);
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_CONDITION,
                                .width = 4 }, &err), AE_ERR_ARGUMENT);
  ck_assert (strstr (err.message, "conditions have 10") != NULL);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("vae");
  TCase *tc = tcase_create ("gaussian head");
  tcase_add_test (tc, reparameterization_gradient_matches_finite_differences);
  tcase_add_test (tc, kl_gradient_matches_finite_differences);
  tcase_add_test (tc, free_bits_gradient_matches_finite_differences);
  tcase_add_test (tc, kl_is_zero_at_the_prior_and_matches_the_closed_form);
  tcase_add_test (tc, importance_log_weights_are_the_three_log_densities);
  tcase_add_test (tc, whole_vae_gradient_matches_finite_differences);
  tcase_add_test (tc, conditional_vae_gradient_matches_finite_differences);
  tcase_add_test (tc, condition_layers_share_one_width);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
