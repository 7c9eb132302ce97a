/* Full-batch training: the loss over a whole data set (with the sparsity
   penalty on the means over all samples) against finite differences and
   against a one-batch computation, and scaled conjugate gradient on a
   quadratic and on a small autoencoder. */
#include <math.h>
#include <string.h>

#include "test_util.h"

#define GRAD_TOL 2e-2

/* ---- scaled conjugate gradient on f(w) = 1/2 w'Aw - b'w ---- */

enum { n_quad = 20 };

typedef struct {
  double a[n_quad][n_quad], b[n_quad];
} quadratic_t;

static ae_status_t
quadratic_loss (void *context, const float *w, float *grad, double *loss, ae_error_t *err)
{
  (void) err;
  const quadratic_t *q = context;
  double f = 0;
  for (int i = 0; i < n_quad; i++)
    {
      double aw = 0;
      for (int j = 0; j < n_quad; j++)
        aw += q->a[i][j] * w[j];
      f += 0.5 * w[i] * aw - q->b[i] * w[i];
      if (grad)
        grad[i] = (float) (aw - q->b[i]);
    }
  *loss = f;
  return AE_OK;
}

START_TEST (scg_solves_a_quadratic_and_never_raises_the_loss)
{
  /* A = M'M + I (eigenvalues from 1 to about 60), b random; solution A^-1 b */
  quadratic_t q;
  ae_rng_t rng;
  ae_rng_seed (&rng, 51, AE_STREAM_USER);
  float m[n_quad][n_quad];
  fill_uniform (&rng, &m[0][0], n_quad * n_quad, -1, 1);
  for (int i = 0; i < n_quad; i++)
    for (int j = 0; j < n_quad; j++)
      {
        double s = i == j;
        for (int k = 0; k < n_quad; k++)
          s += (double) m[k][i] * m[k][j];
        q.a[i][j] = s;
      }
  float b[n_quad], w[n_quad] = { 0 };
  fill_uniform (&rng, b, n_quad, -1, 1);
  for (int i = 0; i < n_quad; i++)
    q.b[i] = b[i];
  ae_scg_t scg;
  ae_error_t err;
  ck_assert_int_eq (ae_scg_init (&scg, n_quad, &err), AE_OK);
  ck_assert_int_eq (ae_scg_start (&scg, w, quadratic_loss, &q, &err), AE_OK);
  double previous = scg.loss;
  int n_taken = 0;
  for (int k = 0; k < 100 && ae_scg_gradient_norm (&scg) > 1e-5; k++)
    {
      int taken;
      ck_assert_int_eq (ae_scg_iterate (&scg, w, quadratic_loss, &q, &taken, &err), AE_OK);
      ck_assert_msg (scg.loss <= previous, "iteration %d raised the loss from %.9g to %.9g",
                     k, previous, scg.loss);
      previous = scg.loss;
      n_taken += taken;
    }
  /* the residual A w - b */
  double residual = 0;
  for (int i = 0; i < n_quad; i++)
    {
      double r = -q.b[i];
      for (int j = 0; j < n_quad; j++)
        r += q.a[i][j] * w[j];
      residual = fmax (residual, fabs (r));
    }
  printf ("SCG on a 20-D quadratic: %ld iterations (%d steps taken), residual %.2e\n",
          scg.iteration, n_taken, residual);
  ck_assert_double_le (residual, 1e-4);
  ck_assert_int_le (scg.iteration, 60);
  ae_scg_free (&scg);
}
END_TEST

/* ---- the full-batch loss ---- */

enum { n_samples = 600, n_in = 6, n_code = 4 };   /* 600 samples: three chunks */

typedef struct {
  ae_net_t net;
  ae_full_batch_t fb;
  float *params, *x;
} full_case_t;

static const float rho = 0.2f, beta = 1.5f, alpha = 0.3f, lambda = 0.05f;

static void
full_case_init (full_case_t *c, ae_activation_t code_activation,
                const ae_regularization_t *reg)
{
  ae_error_t err;
  ae_net_begin (&c->net, n_in);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = n_code }, &err);
  ae_net_add (&c->net,
              &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = code_activation },
              &err);
  ae_net_end_encoder (&c->net);
  ae_net_add (&c->net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = n_in }, &err);
  ae_net_add (&c->net,
              &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
              &err);
  ae_rng_t rng;
  ae_rng_seed (&rng, 52, AE_STREAM_USER);
  c->params = alloc_floats (c->net.n_params);
  c->x = alloc_floats (n_samples * n_in);
  ae_net_init_params (&c->net, c->params, &rng);
  /* data on a 2-D curve through the unit cube, so an autoencoder can learn it */
  for (int s = 0; s < n_samples; s++)
    {
      float t = ae_rng_uniform (&rng), u = ae_rng_uniform (&rng);
      for (int d = 0; d < n_in; d++)
        c->x[s * n_in + d] = 0.5f + 0.4f * sinf (3 * t * (d + 1) + u * d);
    }
  ae_objective_t objective = { .loss = AE_LOSS_MSE, .reduction = AE_REDUCE_SUM };
  ck_assert_int_eq (ae_full_batch_init (&c->fb, &c->net, &objective, reg, c->x, NULL,
                                        n_samples, &err), AE_OK);
}

static void
full_case_free (full_case_t *c)
{
  ae_full_batch_free (&c->fb);
  free (c->params);
  free (c->x);
}

static double
full_objective (void *ctx)
{
  full_case_t *c = ctx;
  ae_full_batch_value_t value;
  ae_error_t err;
  ae_full_batch_eval (&c->fb, c->params, NULL, &value, &err);
  return value.loss;
}

START_TEST (full_batch_gradient_matches_finite_differences)
{
  ae_regularization_t reg = { .sparsity_target = rho, .sparsity_weight = beta,
                              .l1_weight = alpha, .weight_decay = lambda };
  full_case_t c;
  full_case_init (&c, AE_ACT_SIGMOID, &reg);
  float *grads = alloc_floats (c.net.n_params);
  ae_full_batch_value_t value;
  ae_error_t err;
  ck_assert_int_eq (ae_full_batch_eval (&c.fb, c.params, grads, &value, &err), AE_OK);
  size_t worst;
  double error = ae_check_grad (full_objective, &c, c.params, grads, c.net.n_params, 1e-2f,
                                1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);

  /* the same terms computed on all 600 samples as one batch */
  ae_workspace_t ws;
  ck_assert_int_eq (ae_workspace_init (&ws, &c.net, n_samples, &err), AE_OK);
  ae_net_forward (&c.net, c.params, &ws, c.x, n_samples, 0, c.net.n_layers);
  const float *code = ws.outputs[c.net.n_encoder - 1];
  double recon = ae_loss_forward (ws.outputs[c.net.n_layers - 1], c.x,
                                  (size_t) n_samples * n_in, AE_LOSS_MSE) / n_samples;
  double penalty = ae_sparsity_kl (NULL, code, n_samples, n_code, rho, beta)
                   + ae_l1_activity (NULL, code, n_samples, n_code, alpha)
                   + ae_weight_decay (NULL, c.params, &c.net, lambda);
  ck_assert_double_eq_tol (value.reconstruction, recon, 1e-6 * recon);
  ck_assert_double_eq_tol (value.penalty, penalty, 1e-6 * penalty);
  ck_assert_double_eq_tol (value.loss, recon + penalty, 1e-6 * (recon + penalty));
  ae_workspace_free (&ws);
  full_case_free (&c);
  free (grads);
}
END_TEST

START_TEST (full_batch_refuses_what_it_cannot_compute)
{
  ae_regularization_t reg = { .contractive_weight = 0.1f };
  full_case_t c;
  memset (&c, 0, sizeof c);
  ae_error_t err;
  ae_net_begin (&c.net, 4);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 2 }, &err);
  ae_net_end_encoder (&c.net);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 4 }, &err);
  float x[8] = { 0 };
  ae_objective_t objective = { .loss = AE_LOSS_MSE, .reduction = AE_REDUCE_MEAN };
  ck_assert_int_eq (ae_full_batch_init (&c.fb, &c.net, &objective, &reg, x, NULL, 2, &err),
                    AE_ERR_ARGUMENT);
  reg.contractive_weight = 0;
  reg.noise = AE_NOISE_GAUSSIAN;
  ck_assert_int_eq (ae_full_batch_init (&c.fb, &c.net, &objective, &reg, x, NULL, 2, &err),
                    AE_ERR_ARGUMENT);
  reg.noise = AE_NOISE_NONE;
  ck_assert_int_eq (ae_full_batch_init (&c.fb, &c.net, &objective, &reg, x, NULL, 0, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_full_batch_init (&c.fb, &c.net, &objective, &reg, x, NULL, 2, &err),
                    AE_OK);
  ae_full_batch_free (&c.fb);
}
END_TEST

static ae_status_t
full_batch_loss (void *context, const float *w, float *grad, double *loss, ae_error_t *err)
{
  full_case_t *c = context;
  ae_full_batch_value_t value;
  ae_status_t status = ae_full_batch_eval (&c->fb, w, grad, &value, err);
  *loss = value.loss;
  return status;
}

START_TEST (scg_trains_a_sparse_autoencoder_monotonically)
{
  ae_regularization_t reg = { .sparsity_target = 0.1f, .sparsity_weight = 0.5f,
                              .weight_decay = 1e-3f };
  full_case_t c;
  full_case_init (&c, _i == 0 ? AE_ACT_SIGMOID : AE_ACT_SATLIN, &reg);
  ae_scg_t scg;
  ae_error_t err;
  ck_assert_int_eq (ae_scg_init (&scg, c.net.n_params, &err), AE_OK);
  ck_assert_int_eq (ae_scg_start (&scg, c.params, full_batch_loss, &c, &err), AE_OK);
  const double first = scg.loss;
  double previous = first;
  for (int k = 0; k < 300; k++)
    {
      int taken;
      ck_assert_int_eq (ae_scg_iterate (&scg, c.params, full_batch_loss, &c, &taken, &err),
                        AE_OK);
      ck_assert_msg (scg.loss <= previous, "iteration %d raised the loss from %.9g to %.9g",
                     k, previous, scg.loss);
      previous = scg.loss;
    }
  printf ("SCG, 6-4-6 %s autoencoder: loss %.4f -> %.4f in 300 iterations\n",
          _i == 0 ? "sigmoid" : "satlin", first, scg.loss);
  /* satlin units that fall flat stop learning: a weaker aim for them */
  ck_assert_double_le (scg.loss, (_i == 0 ? 0.25 : 0.8) * first);
  ck_assert (!scg.stalled || ae_scg_gradient_norm (&scg) < 1e-4);
  ae_scg_free (&scg);
  full_case_free (&c);
}
END_TEST

static int stop_after_calls;

static int
stop_on_the_third_call (void *context)
{
  (void) context;
  return ++stop_after_calls >= 3;
}

START_TEST (scg_trainer_resumes_bit_for_bit_and_says_why_it_stopped)
{
  ae_regularization_t reg = { .sparsity_target = 0.1f, .sparsity_weight = 0.5f };
  full_case_t c;
  full_case_init (&c, AE_ACT_SIGMOID, &reg);
  ae_objective_t objective = { .loss = AE_LOSS_MSE, .reduction = AE_REDUCE_SUM };
  float *resumed = alloc_floats (c.net.n_params);
  memcpy (resumed, c.params, c.net.n_params * sizeof (float));
  ae_scg_record_t records[20];
  int n_done;
  ae_scg_stop_t why;
  ae_error_t err;
  /* 20 iterations in one run */
  ae_scg_trainer_t t;
  ck_assert_int_eq (ae_scg_trainer_init (&t, &c.net, &objective, &reg, c.x, NULL, n_samples,
                                         &err), AE_OK);
  ck_assert_int_eq (ae_scg_trainer_start (&t, c.params, &err), AE_OK);
  const double first = t.current.loss;
  ck_assert_int_eq (ae_scg_trainer_run (&t, c.params, 20, 0, NULL, NULL, records, &n_done,
                                        &why, &err), AE_OK);
  ck_assert_int_eq (n_done, 20);
  ck_assert_int_eq (why, AE_SCG_ITERATIONS_DONE);
  ck_assert_double_lt (records[19].loss, first);
  ck_assert_double_eq_tol (records[19].loss,
                           records[19].reconstruction + records[19].penalty, 1e-9);
  /* 8 then 12, the second from a copy of the first's state */
  ae_scg_trainer_t a, b;
  ae_scg_record_t part[20];
  ck_assert_int_eq (ae_scg_trainer_init (&a, &c.net, &objective, &reg, c.x, NULL, n_samples,
                                         &err), AE_OK);
  ck_assert_int_eq (ae_scg_trainer_start (&a, resumed, &err), AE_OK);
  ck_assert_int_eq (ae_scg_trainer_run (&a, resumed, 8, 0, NULL, NULL, part, &n_done, &why,
                                        &err), AE_OK);
  ck_assert_int_eq (ae_scg_trainer_init (&b, &c.net, &objective, &reg, c.x, NULL, n_samples,
                                         &err), AE_OK);
  const ae_scg_progress_t progress = ae_scg_trainer_progress (&a);
  ae_scg_trainer_resume (&b, &progress, a.scg.p, a.scg.r);
  ck_assert_int_eq (ae_scg_trainer_run (&b, resumed, 12, 0, NULL, NULL, part + 8, &n_done,
                                        &why, &err), AE_OK);
  ck_assert_int_eq (memcmp (resumed, c.params, c.net.n_params * sizeof (float)), 0);
  ck_assert_double_eq (part[19].loss, records[19].loss);
  /* a minimum gradient above the gradient's norm stops it before an iteration */
  ck_assert_int_eq (ae_scg_trainer_run (&b, resumed, 5, 1e30, NULL, NULL, part, &n_done, &why,
                                        &err), AE_OK);
  ck_assert_int_eq (n_done, 0);
  ck_assert_str_eq (ae_scg_stop_reason (why), "minimum gradient reached");
  /* a stop request ends the run after a whole iteration */
  stop_after_calls = 0;
  ck_assert_int_eq (ae_scg_trainer_run (&b, resumed, 10, 0, stop_on_the_third_call, NULL,
                                        part, &n_done, &why, &err), AE_INTERRUPTED);
  ck_assert_int_eq (n_done, 3);
  ae_scg_trainer_free (&t);
  ae_scg_trainer_free (&a);
  ae_scg_trainer_free (&b);
  free (resumed);
  full_case_free (&c);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("scg");
  TCase *tc = tcase_create ("full-batch training");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, scg_solves_a_quadratic_and_never_raises_the_loss);
  tcase_add_test (tc, full_batch_gradient_matches_finite_differences);
  tcase_add_test (tc, full_batch_refuses_what_it_cannot_compute);
  tcase_add_loop_test (tc, scg_trains_a_sparse_autoencoder_monotonically, 0, 2);
  tcase_add_test (tc, scg_trainer_resumes_bit_for_bit_and_says_why_it_stopped);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
