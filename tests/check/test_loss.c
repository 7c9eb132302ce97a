/* Gradient checks and reference values of the reconstruction losses. */
#include <math.h>

#include "test_util.h"

#define GRAD_TOL 2e-2

typedef struct {
  size_t n;
  ae_loss_t kind;
  float *pred, *target;
} loss_case_t;

static double
loss_objective (void *ctx)
{
  loss_case_t *c = ctx;
  return ae_loss_forward (c->pred, c->target, c->n, c->kind);
}

START_TEST (loss_gradients_match_finite_differences)
{
  loss_case_t c = { .n = 50, .kind = (ae_loss_t) _i };
  ae_rng_t rng;
  ae_rng_seed (&rng, 10 + _i, AE_STREAM_USER);
  c.pred = alloc_floats (c.n);
  c.target = alloc_floats (c.n);
  float *grad = alloc_floats (c.n);
  fill_uniform (&rng, c.pred, c.n, -3, 3);
  fill_uniform (&rng, c.target, c.n, 0, 1);
  if (c.kind == AE_LOSS_L1)   /* keep clear of the kink at pred == target */
    for (size_t i = 0; i < c.n; i++)
      if (fabsf (c.pred[i] - c.target[i]) < 0.05f)
        c.pred[i] += 0.1f;
  ae_loss_backward (grad, c.pred, c.target, c.n, c.kind, 1.0f);
  size_t worst;
  double error = ae_check_grad (loss_objective, &c, c.pred, grad, c.n, 1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "loss %d: relative error %g at %zu", c.kind, error, worst);
  /* the scale multiplies the gradient */
  float *scaled = alloc_floats (c.n);
  ae_loss_backward (scaled, c.pred, c.target, c.n, c.kind, 0.25f);
  ck_assert_float_eq_tol (scaled[3], 0.25f * grad[3], 1e-7);
  free (c.pred); free (c.target); free (grad); free (scaled);
}
END_TEST

START_TEST (bce_from_logits_matches_the_definition_and_stays_finite)
{
  /* l(x, t) = -t log s(x) - (1 - t) log(1 - s(x)) */
  float x[3] = { 0.3f, -1.2f, 2.0f }, t[3] = { 1, 0, 0.25f };
  double expected = 0;
  for (int i = 0; i < 3; i++)
    {
      double s = 1 / (1 + exp (-x[i]));
      expected += -t[i] * log (s) - (1 - t[i]) * log (1 - s);
    }
  ck_assert_double_eq_tol (ae_loss_forward (x, t, 3, AE_LOSS_BCE_LOGITS), expected, 1e-6);
  /* saturated logits: a sigmoid-then-log implementation would give Inf */
  float big[2] = { 120, -120 }, wrong[2] = { 0, 1 }, grad[2];
  double loss = ae_loss_forward (big, wrong, 2, AE_LOSS_BCE_LOGITS);
  ck_assert_double_eq_tol (loss, 240, 1e-4);
  ae_loss_backward (grad, big, wrong, 2, AE_LOSS_BCE_LOGITS, 1);
  ck_assert_float_eq_tol (grad[0], 1, 1e-6);
  ck_assert_float_eq_tol (grad[1], -1, 1e-6);
}
END_TEST

START_TEST (mse_and_l1_sum_their_elements)
{
  float p[2] = { 1, -2 }, t[2] = { 0.5f, 1 };
  ck_assert_double_eq_tol (ae_loss_forward (p, t, 2, AE_LOSS_MSE), 0.25 + 9, 1e-6);
  ck_assert_double_eq_tol (ae_loss_forward (p, t, 2, AE_LOSS_L1), 0.5 + 3, 1e-6);
  ae_loss_t kind;
  ck_assert_int_eq (ae_loss_parse ("bce", &kind), 0);
  ck_assert_int_eq (kind, AE_LOSS_BCE_LOGITS);
  ck_assert_int_eq (ae_loss_parse ("hinge", &kind), -1);
  ck_assert_int_eq (ae_loss_parse ("crossentropy", &kind), 0);
  ck_assert_int_eq (kind, AE_LOSS_SOFTMAX_CE);
}
END_TEST

typedef struct {
  float *logits, *targets;
  int n_batch, n_classes;
} softmax_case_t;

static double
softmax_objective (void *ctx)
{
  softmax_case_t *c = ctx;
  return ae_softmax_ce (NULL, c->logits, c->targets, c->n_batch, c->n_classes, 1);
}

START_TEST (softmax_cross_entropy_gradient_and_value)
{
  softmax_case_t c = { .n_batch = 4, .n_classes = 5 };
  ae_rng_t rng;
  ae_rng_seed (&rng, 14, AE_STREAM_USER);
  c.logits = alloc_floats (20);
  c.targets = alloc_floats (20);
  float *grad = alloc_floats (20);
  fill_uniform (&rng, c.logits, 20, -3, 3);
  for (int b = 0; b < 4; b++)       /* one-hot labels 0, 3, 1, 4 */
    c.targets[b * 5 + (b * 3) % 5] = 1;
  double loss = ae_softmax_ce (grad, c.logits, c.targets, 4, 5, 1);
  double expected = 0;
  for (int b = 0; b < 4; b++)
    {
      double sum = 0;
      for (int k = 0; k < 5; k++)
        sum += exp (c.logits[b * 5 + k]);
      expected += log (sum) - c.logits[b * 5 + (b * 3) % 5];
    }
  ck_assert_double_eq_tol (loss, expected, 1e-5);
  ck_assert_double_le (ae_check_grad (softmax_objective, &c, c.logits, grad, 20, 1e-2f, 1e-2,
                                      0, NULL), GRAD_TOL);
  /* huge logits stay finite: log-sum-exp is taken from the largest */
  float big[3] = { 1000, -1000, 0 }, one_hot[3] = { 0, 1, 0 };
  ck_assert_double_eq_tol (ae_softmax_ce (grad, big, one_hot, 1, 3, 1), 2000, 1e-3);
  ck_assert_float_eq_tol (grad[0], 1, 1e-6);
  ck_assert_float_eq_tol (grad[1], -1, 1e-6);
  free (c.logits); free (c.targets); free (grad);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("loss");
  TCase *tc = tcase_create ("losses");
  tcase_add_loop_test (tc, loss_gradients_match_finite_differences, AE_LOSS_MSE, AE_LOSS_L1 + 1);
  tcase_add_test (tc, bce_from_logits_matches_the_definition_and_stays_finite);
  tcase_add_test (tc, mse_and_l1_sum_their_elements);
  tcase_add_test (tc, softmax_cross_entropy_gradient_and_value);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
