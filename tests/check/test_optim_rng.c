/* Optimizers against hand-computed steps; the random generator's properties. */
#include <math.h>
#include <string.h>

#include "test_util.h"

START_TEST (adam_first_steps_match_hand_computation)
{
  /* With bias correction, Adam's first step is lr * g / (|g| + eps) = lr * sign(g). */
  ae_optimizer_config_t config = { AE_OPT_ADAM, 0.1f, 0, 0.9f, 0.999f, 1e-8f };
  ae_optimizer_t opt;
  ck_assert_int_eq (ae_optimizer_init (&opt, &config, 2, NULL), AE_OK);
  float params[2] = { 1, 1 }, grads[2] = { 3, -0.5f };
  ae_optimizer_step (&opt, params, grads);
  ck_assert_float_eq_tol (params[0], 0.9f, 1e-6);
  ck_assert_float_eq_tol (params[1], 1.1f, 1e-6);
  /* second step, g = (1, 1): m = (0.9*0.3 + 0.1, 0.9*-0.05 + 0.1), v likewise */
  float g2[2] = { 1, 1 };
  ae_optimizer_step (&opt, params, g2);
  for (int i = 0; i < 2; i++)
    {
      double g1 = i ? -0.5 : 3;
      double m = 0.9 * 0.1 * g1 + 0.1 * 1, v = 0.999 * 0.001 * g1 * g1 + 0.001 * 1;
      double step = 0.1 * (m / (1 - 0.81)) / (sqrt (v / (1 - 0.999 * 0.999)) + 1e-8);
      double expected = (i ? 1.1 : 0.9) - step;
      ck_assert_float_eq_tol (params[i], expected, 1e-5);
    }
  ae_optimizer_free (&opt);
}
END_TEST

START_TEST (sgd_momentum_follows_pytorch)
{
  /* v = mu v + g; p -= lr v */
  ae_optimizer_config_t config = { AE_OPT_SGD, 0.5f, 0.9f, 0, 0, 0 };
  ae_optimizer_t opt;
  ck_assert_int_eq (ae_optimizer_init (&opt, &config, 1, NULL), AE_OK);
  float p = 0, g = 1;
  ae_optimizer_step (&opt, &p, &g);
  ck_assert_float_eq_tol (p, -0.5f, 1e-7);
  ae_optimizer_step (&opt, &p, &g);
  ck_assert_float_eq_tol (p, -0.5f - 0.5f * 1.9f, 1e-6);
  ck_assert_ptr_null (opt.moment2);
  ae_optimizer_free (&opt);
}
END_TEST

START_TEST (overflowing_updates_are_refused_and_counted)
{
  ae_optimizer_config_t config = { AE_OPT_SGD, 1e30f, 0, 0, 0, 0 };
  ae_optimizer_t opt;
  ck_assert_int_eq (ae_optimizer_init (&opt, &config, 3, NULL), AE_OK);
  /* 1e30 * 1e10 overflows; 1e30 * 1e-30 does not */
  float params[3] = { 1, 2, 3 }, grads[3] = { 1e10f, 1e-30f, -1e10f };
  ck_assert_int_eq (ae_optimizer_step (&opt, params, grads), 2);
  ck_assert_float_eq (params[0], 1);
  ck_assert_float_eq_tol (params[1], 1, 1e-6);
  ck_assert_float_eq (params[2], 3);
  ae_optimizer_free (&opt);
  float finite[4] = { 0, -1, 3e38f, 1e-40f }, inf[2] = { 1, INFINITY }, nan[2] = { NAN, 0 };
  ck_assert_int_eq (ae_all_finite (finite, 4), 1);
  ck_assert_int_eq (ae_all_finite (inf, 2), 0);
  ck_assert_int_eq (ae_all_finite (nan, 2), 0);
}
END_TEST

START_TEST (generator_is_reproducible_and_streams_differ)
{
  ae_rng_t a, b, c;
  ae_rng_seed (&a, 42, AE_STREAM_SHUFFLE);
  ae_rng_seed (&b, 42, AE_STREAM_SHUFFLE);
  ae_rng_seed (&c, 42, AE_STREAM_NOISE);
  int same_stream = 1, other_stream = 0;
  for (int i = 0; i < 100; i++)
    {
      uint64_t x = ae_rng_next (&a);
      same_stream &= x == ae_rng_next (&b);
      other_stream += x == ae_rng_next (&c);
    }
  ck_assert (same_stream);
  ck_assert_int_eq (other_stream, 0);
  /* the state is (key, counter): restoring it replays the sequence */
  ae_rng_t saved = a;
  uint64_t next = ae_rng_next (&a);
  ck_assert_uint_eq (ae_rng_next (&saved), next);
}
END_TEST

START_TEST (normal_and_uniform_draws_have_their_moments)
{
  enum { n = 200000 };
  float *z = alloc_floats (n);
  ae_rng_t rng;
  ae_rng_seed (&rng, 7, AE_STREAM_USER);
  ae_rng_normal (&rng, z, n);
  double mean = 0, var = 0, umean = 0;
  for (int i = 0; i < n; i++)
    mean += z[i] / n;
  for (int i = 0; i < n; i++)
    var += (z[i] - mean) * (z[i] - mean) / n;
  for (int i = 0; i < n; i++)
    {
      float u = ae_rng_uniform (&rng);
      ck_assert (u > 0 && u < 1);
      umean += u / n;
    }
  /* 5 standard errors */
  ck_assert_double_le (fabs (mean), 5 / sqrt (n));
  ck_assert_double_le (fabs (var - 1), 5 * sqrt (2.0 / n));
  ck_assert_double_le (fabs (umean - 0.5), 5 * sqrt (1.0 / 12 / n));
  free (z);
}
END_TEST

START_TEST (permutation_is_a_permutation)
{
  enum { n = 1000 };
  size_t index[n];
  char seen[n];
  memset (seen, 0, n);
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_SHUFFLE);
  ae_rng_permutation (&rng, index, n);
  int moved = 0;
  for (size_t i = 0; i < n; i++)
    {
      ck_assert_uint_lt (index[i], n);
      ck_assert (!seen[index[i]]);
      seen[index[i]] = 1;
      moved += index[i] != i;
    }
  ck_assert_int_gt (moved, n / 2);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("optim_rng");
  TCase *tc = tcase_create ("optimizers and generator");
  tcase_add_test (tc, adam_first_steps_match_hand_computation);
  tcase_add_test (tc, sgd_momentum_follows_pytorch);
  tcase_add_test (tc, overflowing_updates_are_refused_and_counted);
  tcase_add_test (tc, generator_is_reproducible_and_streams_differ);
  tcase_add_test (tc, normal_and_uniform_draws_have_their_moments);
  tcase_add_test (tc, permutation_is_a_permutation);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
