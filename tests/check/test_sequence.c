/* Networks over sequences (src/core/LAYERS.md, "The time axis"): the
   temporal kinds (lstm, gru, bilstm, repeat) and per-step kinds between
   them, through ae_net over a batch of three sequences of lengths 5, 3 and
   1 padded to 5 steps: finite differences of every parameter and input,
   padding that changes nothing and gets gradient 0, MATLAB's initializers,
   and the refusals of kinds that need whole samples. The kernels' own
   fidelity to PyTorch is test_recurrent's. */
#include "test_util.h"

#include "test_net_case.h"

#define GRAD_TOL 2e-2

enum { N = 3, T = 5, C = 3 };
static const int lengths[N] = { 5, 3, 1 };

static ae_layer_spec_t
dense (int width)
{
  return (ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = width };
}

/* The three networks: an LSTM with a per-step dense layer; an LSTM
   autoencoder (a GRU's last step to a code, repeated over the steps into an
   LSTM); two stacked BiLSTMs, the second giving the last step. */
static void
build (ae_net_t *net, int which)
{
  ae_net_begin_grid (net, (ae_grid_t) { C, 1, 1, 1 });
  switch (which)
    {
    case 0:
      add (net, recurrent ("lstm", 4, 0, 0));
      add (net, dense (2));
      add (net, (ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_TANH });
      break;
    case 1:
      add (net, recurrent ("gru", 4, 1, 1));
      add (net, dense (3));
      ae_net_end_encoder (net);
      add (net, kind ("repeat"));
      add (net, recurrent ("lstm", 3, 0, 0));
      add (net, dense (C));
      break;
    default:
      add (net, recurrent ("bilstm", 3, 0, 0));
      add (net, recurrent ("bilstm", 2, 1, 0));
      add (net, dense (2));
      break;
    }
}

static void
seq_case_init (net_case_t *c, int which, uint64_t seed)
{
  build (&c->net, which);
  net_case_ready (c, N, T, lengths, seed);
}

static const char *const network_names[3] = { "lstm + dense", "gru last, repeat, lstm",
                                              "bilstm, bilstm last" };

START_TEST (sequence_networks_match_finite_differences)
{
  net_case_t c;
  seq_case_init (&c, _i, 40 + _i);
  net_case_backward (&c);
  size_t worst;
  const double params_error = ae_check_grad (net_case_objective, &c, c.params, c.grads,
                                             (size_t) c.net.n_params, 1e-2f, 1e-2, 0,
                                             &worst);
  printf ("%s: finite differences, %ld parameters: relative error %.1e\n", network_names[_i],
          c.net.n_params, params_error);
  ck_assert_msg (params_error <= GRAD_TOL, "parameter %zu: relative error %g", worst,
                 params_error);
  const double input_error = ae_check_grad (net_case_objective, &c, c.x, c.d_x,
                                            (size_t) c.n_x, 1e-2f, 1e-2, 0, &worst);
  printf ("%s: finite differences, input: relative error %.1e\n", network_names[_i],
          input_error);
  ck_assert_msg (input_error <= GRAD_TOL, "input %zu: relative error %g", worst, input_error);
  net_case_free (&c);
}
END_TEST

START_TEST (padding_changes_nothing_and_gets_no_gradient)
{
  net_case_t c;
  seq_case_init (&c, _i, 50 + _i);
  for (int b = 0; b < N; b++)   /* zero padding first */
    memset (c.x + ((long) b * T + lengths[b]) * C, 0,
            (size_t) (T - lengths[b]) * C * sizeof (float));
  net_case_backward (&c);
  const long n_p = c.net.n_params;
  float *out = alloc_floats ((size_t) c.n_out), *grads = alloc_floats ((size_t) n_p);
  memcpy (out, c.ws.outputs[c.net.n_layers - 1], (size_t) c.n_out * sizeof (float));
  memcpy (grads, c.grads, (size_t) n_p * sizeof (float));
  ae_rng_t rng;
  ae_rng_seed (&rng, 7, AE_STREAM_USER);
  for (int b = 0; b < N; b++)   /* then noise */
    fill_uniform (&rng, c.x + ((long) b * T + lengths[b]) * C,
                  (size_t) (T - lengths[b]) * C, -5, 5);
  net_case_backward (&c);
  ck_assert_msg (largest_difference (out, c.ws.outputs[c.net.n_layers - 1], c.n_out) == 0,
                 "%s: the padding's values changed an output", network_names[_i]);
  ck_assert_msg (largest_difference (grads, c.grads, n_p) == 0,
                 "%s: the padding's values changed a gradient", network_names[_i]);
  for (int b = 0; b < N; b++)
    for (long k = ((long) b * T + lengths[b]) * C; k < (long) (b + 1) * T * C; k++)
      ck_assert_msg (c.d_x[k] == 0.0f, "%s: input %ld is padding, its gradient %g",
                     network_names[_i], k, c.d_x[k]);
  /* a sequence output is zero at the padded steps (network 2's is one frame) */
  const ae_layer_t *last = &c.net.layers[c.net.n_layers - 1];
  if (last->out.sequence)
    for (int b = 0; b < N; b++)
      for (int t = lengths[b]; t < T; t++)
        for (int k = 0; k < last->n_out; k++)
          ck_assert_float_eq (out[((long) b * T + t) * last->n_out + k], 0.0f);
  free (out), free (grads);
  net_case_free (&c);
}
END_TEST

START_TEST (a_shorter_batch_of_steps_runs_in_the_same_workspace)
{
  /* the workspace is sized for T steps; a batch of 3 steps gives each
     sample the outputs it has alone in 3 steps (network 0) */
  net_case_t c;
  seq_case_init (&c, 0, 60);
  static const int short_lengths[N] = { 3, 2, 1 };
  float *x = alloc_floats ((size_t) N * 3 * C);
  for (int b = 0; b < N; b++)
    memcpy (x + (long) b * 3 * C, c.x + (long) b * T * C, 3 * C * sizeof (float));
  c.ws.n_steps = 3;
  c.ws.lengths = short_lengths;
  ae_net_forward (&c.net, c.params, &c.ws, x, N, 0, c.net.n_layers);
  float *three = alloc_floats ((size_t) N * 3 * 2);
  memcpy (three, c.ws.outputs[c.net.n_layers - 1], (size_t) N * 3 * 2 * sizeof (float));
  c.ws.n_steps = T;
  c.ws.lengths = lengths;
  const float *five = net_case_forward (&c);
  for (int b = 0; b < N; b++)
    for (int t = 0; t < short_lengths[b]; t++)
      for (int k = 0; k < 2; k++)
        ck_assert_float_eq_tol (three[((long) b * 3 + t) * 2 + k],
                                five[((long) b * T + t) * 2 + k], 1e-6);
  free (x), free (three);
  net_case_free (&c);
}
END_TEST

START_TEST (recurrent_weights_start_as_matlab_initialises_them)
{
  /* lstmLayer: glorot input weights, orthogonal recurrent weights (the
     4H-by-H matrix's columns orthonormal), unit-forget-gate bias */
  enum { H = 6, G = 4 * H };
  ae_net_t net;
  ae_net_begin_grid (&net, (ae_grid_t) { C, 1, 1, 1 });
  add (&net, recurrent ("lstm", H, 0, 0));
  float *params = alloc_floats ((size_t) ae_net_n_values (&net));
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_USER);
  ae_net_init_params (&net, params, &rng);
  const float bound = sqrtf (6.0f / (C + G));
  for (int k = 0; k < C * G; k++)
    ck_assert (fabsf (params[k]) <= bound);
  const float *w_rec = params + C * G, *bias = w_rec + H * G;
  double worst = 0;
  for (int i = 0; i < H; i++)
    for (int j = 0; j < H; j++)
      {
        const double e = fabs (dot (w_rec + i * G, w_rec + j * G, G) - (i == j));
        worst = e > worst ? e : worst;
      }
  printf ("orthogonal recurrent weights: |Q'Q - I| at most %.1e\n", worst);
  ck_assert_msg (worst < 1e-5, "Q'Q differs from I by %g", worst);
  for (int k = 0; k < G; k++)
    ck_assert_float_eq (bias[k], k >= H && k < 2 * H ? 1.0f : 0.0f);
  free (params);
}
END_TEST

START_TEST (kinds_that_need_whole_samples_refuse_a_sequence)
{
  ae_net_t net;
  ae_error_t err;
  ae_net_begin_grid (&net, (ae_grid_t) { C, 1, 1, 1 });
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "whole samples"));
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_BATCH_NORM,
                                                           .epsilon = 1e-5f }, &err),
                    AE_ERR_ARGUMENT);
  ae_layer_spec_t repeat = kind ("repeat");
  ck_assert_int_eq (ae_net_add (&net, &repeat, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "a sequence already"));
  /* a recurrent layer needs steps */
  ae_net_begin (&net, 4);
  ae_layer_spec_t lstm = recurrent ("lstm", 3, 0, 0);
  ck_assert_int_eq (ae_net_add (&net, &lstm, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "no time steps"));
  ae_layer_spec_t none = recurrent ("gru", 0, 0, 0);
  ae_net_begin_grid (&net, (ae_grid_t) { C, 1, 1, 1 });
  ck_assert_int_eq (ae_net_add (&net, &none, &err), AE_ERR_ARGUMENT);
  /* after the last step, whole samples again */
  add (&net, recurrent ("lstm", 4, 1, 0));
  ck_assert_int_eq (net.layers[0].out.sequence, 0);
  add (&net, (ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN });
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sequence");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, sequence_networks_match_finite_differences, 0, 3);
  tcase_add_loop_test (tc, padding_changes_nothing_and_gets_no_gradient, 0, 3);
  tcase_add_test (tc, a_shorter_batch_of_steps_runs_in_the_same_workspace);
  tcase_add_test (tc, recurrent_weights_start_as_matlab_initialises_them);
  tcase_add_test (tc, kinds_that_need_whole_samples_refuse_a_sequence);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
