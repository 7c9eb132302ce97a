/* Gradient checks of the dense layer, every activation and global average
   pooling; the kind table and its types. */
#include <math.h>
#include <stdio.h>

#include "ae_fastmath.h"

#include "test_util.h"

/* Tolerance on the relative error of a float32 central difference. */
#define GRAD_TOL 2e-2

typedef struct {
  int n_batch, n_in, n_out;
  float *in, *weight, *bias, *out, *probe;
} dense_case_t;

static double
dense_objective (void *ctx)
{
  dense_case_t *c = ctx;
  ae_dense_forward (c->out, c->in, c->weight, c->bias, c->n_batch, c->n_in, c->n_out, 1);
  return dot (c->out, c->probe, (size_t) c->n_batch * c->n_out);
}

START_TEST (dense_gradients_match_finite_differences)
{
  dense_case_t c = { .n_batch = 5, .n_in = 7, .n_out = 3 };
  size_t n_in = (size_t) c.n_batch * c.n_in, n_out = (size_t) c.n_batch * c.n_out,
         n_w = (size_t) c.n_in * c.n_out;
  ae_rng_t rng;
  ae_rng_seed (&rng, 1, AE_STREAM_USER);
  c.in = alloc_floats (n_in);
  c.weight = alloc_floats (n_w);
  c.bias = alloc_floats (c.n_out);
  c.out = alloc_floats (n_out);
  c.probe = alloc_floats (n_out);
  fill_uniform (&rng, c.in, n_in, -1, 1);
  fill_uniform (&rng, c.weight, n_w, -1, 1);
  fill_uniform (&rng, c.bias, c.n_out, -1, 1);
  fill_uniform (&rng, c.probe, n_out, -1, 1);
  float *d_in = alloc_floats (n_in), *d_w = alloc_floats (n_w), *d_b = alloc_floats (c.n_out);
  ae_dense_forward (c.out, c.in, c.weight, c.bias, c.n_batch, c.n_in, c.n_out, 1);
  ae_dense_backward (d_in, d_w, d_b, c.probe, c.in, c.weight, c.n_batch, c.n_in, c.n_out, 1);
  ck_assert_double_le (ae_check_grad (dense_objective, &c, c.in, d_in, n_in, 1e-2f, 1e-2, 0, NULL),
                       GRAD_TOL);
  ck_assert_double_le (
      ae_check_grad (dense_objective, &c, c.weight, d_w, n_w, 1e-2f, 1e-2, 0, NULL), GRAD_TOL);
  ck_assert_double_le (
      ae_check_grad (dense_objective, &c, c.bias, d_b, c.n_out, 1e-2f, 1e-2, 0, NULL), GRAD_TOL);
  /* the backward adds into parameter gradients */
  float first = d_w[0];
  ae_dense_backward (NULL, d_w, d_b, c.probe, c.in, c.weight, c.n_batch, c.n_in, c.n_out, 1);
  ck_assert_float_eq_tol (d_w[0], 2 * first, 1e-5);
  free (c.in); free (c.weight); free (c.bias); free (c.out); free (c.probe);
  free (d_in); free (d_w); free (d_b);
}
END_TEST

START_TEST (dense_forward_matches_hand_computation)
{
  /* out = in . weight + bias with in [1][2], weight [2][2] */
  float in[2] = { 1, 2 }, weight[4] = { 1, 2, 3, 4 }, bias[2] = { 0.5f, -1 }, out[2];
  ae_dense_forward (out, in, weight, bias, 1, 2, 2, 1);
  ck_assert_float_eq_tol (out[0], 1 * 1 + 2 * 3 + 0.5f, 1e-6);
  ck_assert_float_eq_tol (out[1], 1 * 2 + 2 * 4 - 1, 1e-6);
}
END_TEST

START_TEST (dense_passes_split_over_threads_give_the_one_thread_results)
{
  /* 37 samples, 29 -> 23: slices of 18/19 and 12/12/13 samples (or inputs) */
  enum { B = 37, N_IN = 29, N_OUT = 23 };
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_USER);
  float *in = alloc_floats (B * N_IN), *w = alloc_floats (N_IN * N_OUT);
  float *bias = alloc_floats (N_OUT), *probe = alloc_floats (B * N_OUT);
  fill_uniform (&rng, in, B * N_IN, -1, 1);
  fill_uniform (&rng, w, N_IN * N_OUT, -1, 1);
  fill_uniform (&rng, bias, N_OUT, -1, 1);
  fill_uniform (&rng, probe, B * N_OUT, -1, 1);
  float *out[3], *d_in[3], *d_w[3], *d_b[3];
  for (int t = 0; t < 3; t++)
    {
      out[t] = alloc_floats (B * N_OUT), d_in[t] = alloc_floats (B * N_IN);
      d_w[t] = alloc_floats (N_IN * N_OUT), d_b[t] = alloc_floats (N_OUT);
      ae_dense_forward (out[t], in, w, bias, B, N_IN, N_OUT, t + 1);
      ae_dense_backward (d_in[t], d_w[t], d_b[t], probe, in, w, B, N_IN, N_OUT, t + 1);
    }
  for (int t = 1; t < 3; t++)
    {
      /* OpenBLAS's kernels may round a slice's edge rows another way */
      ck_assert_double_le (largest_difference (out[t], out[0], B * N_OUT), 1e-6);
      ck_assert_double_le (largest_difference (d_in[t], d_in[0], B * N_IN), 1e-6);
      ck_assert_double_le (largest_difference (d_w[t], d_w[0], N_IN * N_OUT), 1e-6);
      ck_assert_mem_eq (d_b[t], d_b[0], N_OUT * sizeof (float));
    }
  for (int t = 0; t < 3; t++)
    {
      free (out[t]); free (d_in[t]); free (d_w[t]); free (d_b[t]);
    }
  free (in); free (w); free (bias); free (probe);
}
END_TEST

typedef struct {
  size_t n;
  ae_activation_t kind;
  float slope;
  float *in, *out, *probe;
} activation_case_t;

static double
activation_objective (void *ctx)
{
  activation_case_t *c = ctx;
  ae_activation_forward (c->out, c->in, c->n, c->kind, c->slope);
  return dot (c->out, c->probe, c->n);
}

START_TEST (activation_gradients_match_finite_differences)
{
  const ae_activation_t kind = (ae_activation_t) _i;
  activation_case_t c = { .n = 64, .kind = kind, .slope = 0.2f };
  ae_rng_t rng;
  ae_rng_seed (&rng, 2 + _i, AE_STREAM_USER);
  c.in = alloc_floats (c.n);
  c.out = alloc_floats (c.n);
  c.probe = alloc_floats (c.n);
  float *d_in = alloc_floats (c.n);
  fill_uniform (&rng, c.in, c.n, -4, 4);
  push_off_zero (c.in, c.n, 0.05f);
  if (kind == AE_ACT_SATLIN)
    {
      /* off its second kink, and half the inputs inside (0, 1) where it is not flat */
      for (size_t i = 0; i < c.n; i += 2)
        c.in[i] = 0.1f + 0.8f * (float) i / c.n;
      for (size_t i = 1; i < c.n; i += 2)
        if (fabsf (c.in[i] - 1) < 0.05f)
          c.in[i] += 0.1f;
    }
  fill_uniform (&rng, c.probe, c.n, -1, 1);
  ae_activation_forward (c.out, c.in, c.n, kind, c.slope);
  ae_activation_backward (d_in, c.probe, c.in, c.out, c.n, kind, c.slope);
  size_t worst;
  double error = ae_check_grad (activation_objective, &c, c.in, d_in, c.n, 1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "%s: relative error %g at %zu", ae_activation_name (kind),
                 error, worst);
  free (c.in); free (c.out); free (c.probe); free (d_in);
}
END_TEST

START_TEST (activations_have_their_textbook_values)
{
  float in[3] = { -2, 0.5f, 30 }, out[3];
  ae_activation_forward (out, in, 3, AE_ACT_SIGMOID, 0);
  ck_assert_float_eq_tol (out[0], 1 / (1 + expf (2)), 1e-7);
  ck_assert_float_eq_tol (out[2], 1, 1e-7);
  ae_activation_forward (out, in, 3, AE_ACT_LEAKY_RELU, 0.01f);
  ck_assert_float_eq_tol (out[0], -0.02f, 1e-7);
  ae_activation_forward (out, in, 3, AE_ACT_SOFTPLUS, 0);
  ck_assert_float_eq_tol (out[0], log1pf (expf (-2)), 1e-7);
  ck_assert_float_eq_tol (out[2], 30, 1e-5);
  ae_activation_forward (out, in, 3, AE_ACT_SATLIN, 0);
  ck_assert (out[0] == 0 && out[1] == 0.5f && out[2] == 1);
  float far[2] = { -200, 200 };
  ae_activation_forward (out, far, 2, AE_ACT_SIGMOID, 0);
  ck_assert (out[0] < 1e-37f && out[1] == 1);
  ae_activation_t kind;
  ck_assert_int_eq (ae_activation_parse ("tanh", &kind), 0);
  ck_assert_int_eq (kind, AE_ACT_TANH);
  ck_assert_int_eq (ae_activation_parse ("tanhh", &kind), -1);
}
END_TEST

START_TEST (fast_exp_and_log1p_match_libm_everywhere)
{
  /* every 97th float of their domains, plus the ends */
  double worst_exp = 0, worst_log = 0;
  for (float x = -87.3f; x <= 88.3f; x = nextafterf (x, 100) + 1e-4f * fabsf (x))
    {
      double want = exp ((double) x);
      worst_exp = fmax (worst_exp, fabs (ae_expf (x) - want) / want);
    }
  for (int k = 0; k <= 1000000; k++)
    {
      float e = k == 0 ? 0 : (k % 2 ? (float) k / 1e6f : ldexpf (1.0f, -k % 140));
      double want = log1p ((double) e);
      double err = e == 0 ? fabs (ae_log1pf_unit (e)) : fabs (ae_log1pf_unit (e) - want) / want;
      worst_log = fmax (worst_log, err);
    }
  printf ("fast exp: worst relative error %.2e; fast log1p: %.2e\n", worst_exp, worst_log);
  ck_assert_double_le (worst_exp, 3e-7);
  ck_assert_double_le (worst_log, 3e-7);
  /* the clamp keeps results finite and positive */
  ck_assert (ae_expf (-1000) > 0 && isfinite (ae_expf (1000)));
}
END_TEST

/* ---- global average pooling, through its table entry ---- */

typedef struct {
  ae_layer_t layer;
  int n_batch;
  float *in, *out, *probe;
} pass_case_t;

static double
pass_objective (void *ctx)
{
  pass_case_t *c = ctx;
  const ae_layer_ctx_t pass = { .n_threads = 1 };
  ae_layer_ops (c->layer.spec.kind)->forward (&c->layer, &pass, c->out, c->in, c->n_batch);
  return dot (c->out, c->probe, (size_t) c->n_batch * c->layer.n_out);
}

START_TEST (global_average_pooling_gives_channel_means_and_their_gradients)
{
  const ae_layer_type_t *type = ae_layer_type_find ("globalAveragePooling2d", 1);
  ck_assert_ptr_nonnull (type);
  ck_assert_ptr_eq (type, ae_layer_type_find ("globalavgpool", 0));
  pass_case_t c = { .n_batch = 3 };
  ae_layer_spec_t spec = { 0 };
  ae_layer_type_apply (type, &spec);
  ae_error_t err;
  ck_assert_int_eq (ae_layer_place (&c.layer, &spec, (ae_grid_t) { 4, 5, 3, 0 }, &err), AE_OK);
  ck_assert (c.layer.out.c == 4 && c.layer.out.h == 1 && c.layer.out.w == 1);
  ck_assert_int_eq (c.layer.n_weights + c.layer.n_bias + c.layer.n_buffer, 0);
  const size_t n_in = (size_t) c.n_batch * c.layer.n_in, n_out = (size_t) c.n_batch * 4;
  c.in = alloc_floats (n_in);
  c.out = alloc_floats (n_out);
  c.probe = alloc_floats (n_out);
  float *d_in = alloc_floats (n_in);
  ae_rng_t rng;
  ae_rng_seed (&rng, 9, AE_STREAM_USER);
  fill_uniform (&rng, c.in, n_in, -1, 1);
  fill_uniform (&rng, c.probe, n_out, -1, 1);
  pass_objective (&c);
  /* sample 2, channel 3: the mean of its 15 values, summed by hand */
  double sum = 0;
  for (int p = 0; p < 15; p++)
    sum += c.in[(2 * 4 + 3) * 15 + p];
  ck_assert_double_eq_tol (c.out[2 * 4 + 3], sum / 15, 1e-6);
  const ae_layer_ctx_t pass = { .n_threads = 1 };
  ae_layer_ops (c.layer.spec.kind)->backward (&c.layer, &pass, d_in, c.probe, c.in, c.out,
                                              c.n_batch);
  ck_assert_float_eq_tol (d_in[(2 * 4 + 3) * 15 + 7], c.probe[2 * 4 + 3] / 15, 1e-7);
  size_t worst;
  double error = ae_check_grad (pass_objective, &c, c.in, d_in, n_in, 1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at %zu", error, worst);
  char text[64];
  ae_layer_describe (&c.layer, text, sizeof text);
  ck_assert_str_eq (text, "global average pooling 5x3");
  free (c.in); free (c.out); free (c.probe); free (d_in);
}
END_TEST

START_TEST (every_type_is_a_kind_with_settings_it_can_hold)
{
  for (int t = 0; t < ae_layer_n_types (); t++)
    {
      const ae_layer_type_t *type = ae_layer_type (t);
      ck_assert_msg ((int) type->kind < ae_layer_n_kinds (), "type %s has no kind", type->name);
      ck_assert_ptr_eq (ae_layer_type_find (type->name, 0), type);
      if (type->matlab)
        ck_assert_ptr_eq (ae_layer_type_find (type->matlab, 1), type);
      for (int k = 0; k < type->n_settings; k++)
        {
          const ae_setting_t *s = &type->settings[k];
          ck_assert_msg (s->what && (s->field || s->weight_dim),
                         "%s: setting %d has no description or no place in a model",
                         type->name, k);
          const int n_values = s->type == AE_SETTING_PADDING ? 5
                               : s->type == AE_SETTING_GRID ? 3
                               : s->type == AE_SETTING_PAIR ? 2 : 1;
          ck_assert_msg (s->offset >= 0 && s->offset + n_values * (long) sizeof (int)
                                               <= (long) sizeof (ae_layer_spec_t),
                         "%s: setting %s lies outside the spec", type->name, s->what);
          ck_assert_msg (s->lo <= s->hi, "%s: %s has an empty range", type->name, s->what);
          ck_assert_msg (isnan (s->fallback) || (s->fallback >= s->lo && s->fallback <= s->hi)
                           || s->type == AE_SETTING_PADDING,
                         "%s: %s's default is outside its range", type->name, s->what);
        }
    }
  ck_assert_ptr_null (ae_layer_type_find ("swish", 0));
}
END_TEST

START_TEST (every_kind_has_a_complete_table_entry)
{
  for (int kind = 0; kind < ae_layer_n_kinds (); kind++)
    {
      const ae_layer_ops_t *ops = ae_layer_ops ((ae_layer_kind_t) kind);
      ck_assert_msg (ops->name && ops->infer && ops->forward && ops->backward,
                     "kind %d lacks a name, infer, forward or backward", kind);
      ck_assert_msg (!ops->state_new == !ops->state_free,
                     "kind %s has state_new without state_free or the reverse", ops->name);
      /* buffers are updated from a training pass's state */
      ck_assert_msg (!ops->update || ops->state_new, "kind %s updates without a state",
                     ops->name);
    }
}
END_TEST

START_TEST (layers_are_placed_by_the_table_or_refused)
{
  ae_layer_t layer;
  ae_error_t err;
  const ae_grid_t in = { 2, 5, 4 };
  const ae_layer_kind_t no_kind = (ae_layer_kind_t) ae_layer_n_kinds ();
  ck_assert_int_eq (ae_layer_place (&layer, &(ae_layer_spec_t) { .kind = no_kind }, in,
                                    &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "no layer kind"));
  ck_assert_int_eq (ae_layer_place (&layer, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE,
                                                                 .width = 3 }, in, &err), AE_OK);
  ck_assert_int_eq (layer.n_in, 40);
  ck_assert_int_eq (layer.n_weights, 120);
  ck_assert_int_eq (layer.n_bias, 3);
  ck_assert_int_eq (ae_layer_place (&layer, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE }, in,
                                    &err), AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_layer_place (&layer, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN },
                                    (ae_grid_t) { 3, 1, 1, 0 }, &err), AE_ERR_ARGUMENT);
  /* a second Gaussian layer is the network's to refuse */
  ae_net_t net;
  ae_net_begin (&net, 8);
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err),
                    AE_OK);
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_net_gaussian_layer (&net), 0);
  /* kinds by the names of a model's layer list; activations by their own */
  ae_layer_kind_t kind;
  ck_assert_int_eq (ae_layer_kind_parse ("tconv", &kind), 0);
  ck_assert_int_eq (kind, AE_LAYER_CONV_TRANSPOSED);
  ck_assert_int_eq (ae_layer_kind_parse ("activation", &kind), -1);
  ck_assert_int_eq (ae_layer_kind_parse ("softmax", &kind), -1);
}
END_TEST

/* dense 6 -> 50; dropout 0.3; dense 50 -> 3, on 40 samples, the dropout
   masks drawn from a stream seeded the same way for every pass */
typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  ae_rng_t rng;
  float *params, *x, *probe;
} dropout_case_t;

static double
dropout_objective (void *ctx)
{
  dropout_case_t *c = ctx;
  ae_rng_seed (&c->rng, 8, AE_STREAM_NOISE);
  ae_net_forward (&c->net, c->params, &c->ws, c->x, 40, 0, 3);
  return dot (c->ws.outputs[2], c->probe, 40 * 3);
}

START_TEST (dropout_zeroes_scales_and_passes_gradients_through_its_mask)
{
  dropout_case_t c;
  ae_error_t err;
  ae_net_begin (&c.net, 6);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 50 }, &err);
  ck_assert_int_eq (ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DROPOUT,
                                                             .probability = 0.3f }, &err),
                    AE_OK);
  ae_net_add (&c.net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 3 }, &err);
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, 40, &err), AE_OK);
  c.ws.training = 1;
  c.ws.rng = &c.rng;
  ae_rng_t init;
  ae_rng_seed (&init, 3, AE_STREAM_USER);
  c.params = alloc_floats (c.net.n_params);
  c.x = alloc_floats (40 * 6);
  c.probe = alloc_floats (40 * 3);
  ae_net_init_params (&c.net, c.params, &init);
  fill_uniform (&init, c.x, 40 * 6, -1, 1);
  fill_uniform (&init, c.probe, 40 * 3, -1, 1);
  dropout_objective (&c);
  /* about 30% of the 2,000 values zeroed (3 sigma: 0.031), the rest scaled by 1/0.7 */
  int n_zero = 0;
  for (int k = 0; k < 40 * 50; k++)
    {
      const float in = c.ws.outputs[0][k], out = c.ws.outputs[1][k];
      if (out == 0)
        n_zero++;
      else
        ck_assert_float_eq_tol (out, in / 0.7f, 1e-6f);
    }
  ck_assert_double_eq_tol (n_zero / 2000.0, 0.3, 0.031);
  float *grads = alloc_floats (c.net.n_params);
  memcpy (c.ws.grad_a, c.probe, 40 * 3 * sizeof (float));
  ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.ws.grad_a, 40, 0, 3);
  size_t worst;
  double error = ae_check_grad (dropout_objective, &c, c.params, grads, c.net.n_params, 1e-2f,
                                1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  /* predictions pass the values through */
  c.ws.training = 0;
  dropout_objective (&c);
  ck_assert_int_eq (memcmp (c.ws.outputs[1], c.ws.outputs[0], 2000 * sizeof (float)), 0);
  ae_layer_t layer;
  ck_assert_int_eq (ae_layer_place (&layer, &(ae_layer_spec_t) { .kind = AE_LAYER_DROPOUT,
                                                                 .probability = 1 },
                                    (ae_grid_t) { 3, 1, 1, 0 }, &err), AE_ERR_ARGUMENT);
  ae_workspace_free (&c.ws);
  free (c.params); free (c.x); free (c.probe); free (grads);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("layers");
  TCase *tc = tcase_create ("dense and activations");
  tcase_add_test (tc, dense_gradients_match_finite_differences);
  tcase_add_test (tc, dense_forward_matches_hand_computation);
  tcase_add_test (tc, dense_passes_split_over_threads_give_the_one_thread_results);
  tcase_add_loop_test (tc, activation_gradients_match_finite_differences,
                       AE_ACT_IDENTITY, AE_ACT_SATLIN + 1);
  tcase_add_test (tc, activations_have_their_textbook_values);
  tcase_add_test (tc, fast_exp_and_log1p_match_libm_everywhere);
  tcase_add_test (tc, every_kind_has_a_complete_table_entry);
  tcase_add_test (tc, every_type_is_a_kind_with_settings_it_can_hold);
  tcase_add_test (tc, global_average_pooling_gives_channel_means_and_their_gradients);
  tcase_add_test (tc, layers_are_placed_by_the_table_or_refused);
  tcase_add_test (tc, dropout_zeroes_scales_and_passes_gradients_through_its_mask);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
