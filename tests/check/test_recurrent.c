/* The recurrent kernels, LSTM (ae_lstm.h), GRU (ae_gru.h) and
   bidirectional LSTM (ae_bilstm.h): the LSTM's two steps against its
   equations computed here in double; for all three, PyTorch's nn.LSTM and
   nn.GRU over packed sequences
   (tests/reference/make_recurrent_reference.py), finite differences through
   sequences of three lengths, and padding that changes nothing. */
#include "test_util.h"

#define GRAD_TOL 2e-2

enum { LSTM, GRU };
static const char *const kind_names[2] = { "lstm", "gru" };

typedef struct {
  int kind, n_gates;
  ae_lstm_shape_t shape;
  float *x, *w_in, *w_rec, *bias, *rec_bias, *h, *state, *probe;
} rnn_case_t;

static long
n_x (const rnn_case_t *c)
{
  return (long) c->shape.n_batch * c->shape.n_steps * c->shape.n_in;
}

static long
n_h (const rnn_case_t *c)
{
  return (long) c->shape.n_batch * c->shape.n_steps * c->shape.n_hidden;
}

static long
n_gates (const rnn_case_t *c)
{
  return (long) c->n_gates * c->shape.n_hidden;
}

static void
rnn_case_init (rnn_case_t *c, int kind, int n, int T, int C, int H, const int *lengths,
               uint64_t seed)
{
  *c = (rnn_case_t) { .kind = kind, .n_gates = kind == LSTM ? 4 : 3,
                      .shape = { n, T, C, H, lengths } };
  const long G = n_gates (c);
  const long state = kind == LSTM ? ae_lstm_state_size (&c->shape)
                                  : ae_gru_state_size (&c->shape);
  c->x = alloc_floats ((size_t) n_x (c));
  c->w_in = alloc_floats ((size_t) (C * G));
  c->w_rec = alloc_floats ((size_t) (H * G));
  c->bias = alloc_floats ((size_t) G);
  c->rec_bias = kind == GRU ? alloc_floats ((size_t) H) : NULL;
  c->h = alloc_floats ((size_t) n_h (c));
  c->state = alloc_floats ((size_t) state);
  c->probe = alloc_floats ((size_t) n_h (c));
  ae_rng_t rng;
  ae_rng_seed (&rng, seed, AE_STREAM_USER);
  fill_uniform (&rng, c->x, (size_t) n_x (c), -1, 1);
  fill_uniform (&rng, c->w_in, (size_t) (C * G), -0.6f, 0.6f);
  fill_uniform (&rng, c->w_rec, (size_t) (H * G), -0.6f, 0.6f);
  fill_uniform (&rng, c->bias, (size_t) G, -0.5f, 0.5f);
  if (c->rec_bias)
    fill_uniform (&rng, c->rec_bias, (size_t) H, -0.5f, 0.5f);
  fill_uniform (&rng, c->probe, (size_t) n_h (c), -1, 1);
}

static void
rnn_case_free (rnn_case_t *c)
{
  free (c->x); free (c->w_in); free (c->w_rec); free (c->bias); free (c->rec_bias);
  free (c->h); free (c->state); free (c->probe);
}

static long
scratch_size (const rnn_case_t *c)
{
  return c->kind == LSTM ? ae_lstm_scratch_size (&c->shape) : ae_gru_scratch_size (&c->shape);
}

static double
rnn_objective (void *ctx)
{
  rnn_case_t *c = ctx;
  if (c->kind == LSTM)
    ae_lstm_forward (c->h, c->state, c->x, c->w_in, c->w_rec, c->bias, &c->shape);
  else
    ae_gru_forward (c->h, c->state, c->x, c->w_in, c->w_rec, c->bias, c->rec_bias, &c->shape);
  return dot (c->h, c->probe, (size_t) n_h (c));
}

/* The gradients of the forward pass's objective, d[0..4]: x, input and
   recurrent weights, bias, recurrent bias (GRU only). */
typedef struct {
  float *d[5];
  float *scratch;
} rnn_grads_t;

static void
rnn_grads_init (rnn_grads_t *g, const rnn_case_t *c)
{
  const long G = n_gates (c), H = c->shape.n_hidden;
  const long sizes[5] = { n_x (c), c->shape.n_in * G, H * G, G, H };
  for (int k = 0; k < 5; k++)
    g->d[k] = alloc_floats ((size_t) sizes[k]);
  g->scratch = alloc_floats ((size_t) scratch_size (c));
}

static void
rnn_grads_free (rnn_grads_t *g)
{
  for (int k = 0; k < 5; k++)
    free (g->d[k]);
  free (g->scratch);
}

static void
rnn_backward (const rnn_case_t *c, rnn_grads_t *g, int with_d_x)
{
  float *d_x = with_d_x ? g->d[0] : NULL;
  if (c->kind == LSTM)
    ae_lstm_backward (d_x, g->d[1], g->d[2], g->d[3], g->scratch, c->probe, c->x, c->h,
                      c->state, c->w_in, c->w_rec, &c->shape);
  else
    ae_gru_backward (d_x, g->d[1], g->d[2], g->d[3], g->d[4], g->scratch, c->probe, c->x,
                     c->h, c->state, c->w_in, c->w_rec, &c->shape);
}

static double
sigmoid_d (double a)
{
  return 1 / (1 + exp (-a));
}

START_TEST (lstm_steps_follow_the_equations)
{
  /* one sample, C = 2, H = 3, two steps: the gates, cells and outputs
     computed here in double from the same weights */
  rnn_case_t c;
  rnn_case_init (&c, LSTM, 1, 2, 2, 3, NULL, 11);
  const int C = 2, H = 3, G = 12;
  rnn_objective (&c);
  double h_prev[3] = { 0 }, c_prev[3] = { 0 };
  for (int t = 0; t < 2; t++)
    {
      double a[12], h_new[3], c_new[3];
      for (int k = 0; k < G; k++)
        {
          a[k] = c.bias[k];
          for (int i = 0; i < C; i++)
            a[k] += c.x[t * C + i] * c.w_in[i * G + k];
          for (int j = 0; j < H; j++)
            a[k] += h_prev[j] * c.w_rec[j * G + k];
        }
      for (int j = 0; j < H; j++)
        {
          const double i = sigmoid_d (a[j]), f = sigmoid_d (a[H + j]);
          const double g = tanh (a[2 * H + j]), o = sigmoid_d (a[3 * H + j]);
          c_new[j] = f * c_prev[j] + i * g;
          h_new[j] = o * tanh (c_new[j]);
          ck_assert_double_eq_tol (c.h[t * H + j], h_new[j], 1e-6);
        }
      memcpy (h_prev, h_new, sizeof h_new);
      memcpy (c_prev, c_new, sizeof c_new);
    }
  rnn_case_free (&c);
}
END_TEST

START_TEST (padded_sequences_match_pytorch)
{
  /* the reference script's case: lengths 5, 3, 1 of 5 steps, C = 3, H = 4 */
  static const int lengths[3] = { 5, 3, 1 };
  static const double waves[2][4][3] = {   /* a, b, scale of w_in, w_rec, bias, rec_bias */
    { { 0.37, 0.2, 0.5 }, { 0.53, 0.4, 0.5 }, { 0.29, 0.3, 0.3 }, { 0 } },
    { { 0.41, 0.6, 0.5 }, { 0.57, 0.7, 0.5 }, { 0.31, 0.8, 0.3 }, { 0.67, 0.9, 0.3 } }
  };
  rnn_case_t c;
  rnn_case_init (&c, _i, 3, 5, 3, 4, lengths, 1);
  float **arrays[4] = { &c.w_in, &c.w_rec, &c.bias, &c.rec_bias };
  const long counts[4] = { 3 * n_gates (&c), 4 * n_gates (&c), n_gates (&c), 4 };
  for (int k = 0; k < 4; k++)
    if (*arrays[k])
      {
        free (*arrays[k]);
        *arrays[k] = sine_floats (counts[k], waves[_i][k][0], waves[_i][k][1],
                                  waves[_i][k][2], 0);
      }
  free (c.x); free (c.probe);
  c.x = sine_floats (n_x (&c), 0.71, 0.1, 1, 0);
  c.probe = sine_floats (n_h (&c), 0.43, 0.5, 1, 0);
  rnn_grads_t g;
  rnn_grads_init (&g, &c);
  rnn_objective (&c);
  rnn_backward (&c, &g, 1);
  const char *names[6] = { "h", "d_x", "d_w_in", "d_w_rec", "d_bias", "d_rec_bias" };
  const float *got[6] = { c.h, g.d[0], g.d[1], g.d[2], g.d[3], g.d[4] };
  const long n[6] = { n_h (&c), n_x (&c), counts[0], counts[1], counts[2], counts[3] };
  for (int k = 0; k < (_i == GRU ? 6 : 5); k++)
    {
      char name[32];
      snprintf (name, sizeof name, "%s_%s", kind_names[_i], names[k]);
      const double difference = reference_difference ("recurrent.txt", name, got[k], n[k]);
      printf ("%s against PyTorch: %-10s largest relative difference %.1e\n", kind_names[_i],
              names[k], difference);
      ck_assert_msg (difference <= 1e-5, "%s differs from PyTorch's by %g", name, difference);
    }
  rnn_grads_free (&g);
  rnn_case_free (&c);
}
END_TEST

START_TEST (gradients_match_finite_differences_through_sequences_of_three_lengths)
{
  static const int lengths[3] = { 5, 3, 1 };
  rnn_case_t c;
  rnn_case_init (&c, _i, 3, 5, 3, 4, lengths, 12);
  rnn_grads_t g;
  rnn_grads_init (&g, &c);
  rnn_objective (&c);
  rnn_backward (&c, &g, 1);
  const long G = n_gates (&c);
  struct { const char *name; float *value, *grad; long n; } checks[5] = {
    { "x", c.x, g.d[0], n_x (&c) }, { "input weights", c.w_in, g.d[1], 3 * G },
    { "recurrent weights", c.w_rec, g.d[2], 4 * G }, { "bias", c.bias, g.d[3], G },
    { "recurrent bias", c.rec_bias, g.d[4], 4 }
  };
  for (int k = 0; k < (_i == GRU ? 5 : 4); k++)
    {
      size_t worst;
      const double error = ae_check_grad (rnn_objective, &c, checks[k].value, checks[k].grad,
                                          (size_t) checks[k].n, 1e-2f, 1e-2, 0, &worst);
      printf ("%s: finite differences, %s: relative error %.1e\n", kind_names[_i],
              checks[k].name, error);
      ck_assert_msg (error <= GRAD_TOL, "%s: relative error %g at %zu", checks[k].name, error,
                     worst);
    }
  /* padded steps: output 0, gradient exactly 0 */
  for (int t = 3; t < 5; t++)
    for (int i = 0; i < 3; i++)
      ck_assert_float_eq (g.d[0][(1 * 5 + t) * 3 + i], 0.0f);
  for (int j = 0; j < 4; j++)
    ck_assert_float_eq (c.h[(2 * 5 + 4) * 4 + j], 0.0f);
  /* the weight gradients are added to (from the state of the unperturbed
     weights again, which the last finite difference left perturbed) */
  rnn_objective (&c);
  memset (g.d[2], 0, (size_t) (4 * G) * sizeof (float));
  rnn_backward (&c, &g, 0);
  const float first = g.d[2][0];
  rnn_backward (&c, &g, 0);
  ck_assert_float_eq_tol (g.d[2][0], 2 * first, 1e-6);
  rnn_grads_free (&g);
  rnn_case_free (&c);
}
END_TEST

START_TEST (padding_changes_nothing_of_the_valid_steps)
{
  /* sample 1 of length 3 padded to 6 with noise gives the outputs and
     weight gradients of the same sample alone in 3 steps */
  static const int lengths[2] = { 6, 3 };
  rnn_case_t padded, alone;
  rnn_case_init (&padded, _i, 2, 6, 2, 3, lengths, 13);
  rnn_case_init (&alone, _i, 1, 3, 2, 3, NULL, 14);
  const long C = 2, H = 3, G = n_gates (&padded);
  memcpy (alone.w_in, padded.w_in, (size_t) (C * G) * sizeof (float));
  memcpy (alone.w_rec, padded.w_rec, (size_t) (H * G) * sizeof (float));
  memcpy (alone.bias, padded.bias, (size_t) G * sizeof (float));
  if (padded.rec_bias)
    memcpy (alone.rec_bias, padded.rec_bias, (size_t) H * sizeof (float));
  memcpy (alone.x, padded.x + 6 * C, (size_t) (3 * C) * sizeof (float));
  /* only sample 1's outputs count, at its valid steps */
  memset (padded.probe, 0, (size_t) n_h (&padded) * sizeof (float));
  memcpy (padded.probe + 6 * H, alone.probe, (size_t) (3 * H) * sizeof (float));
  rnn_objective (&padded);
  rnn_objective (&alone);
  for (int k = 0; k < 3 * H; k++)
    ck_assert_float_eq_tol (padded.h[6 * H + k], alone.h[k], 1e-7);
  rnn_grads_t grads[2];
  rnn_grads_init (&grads[0], &padded);
  rnn_grads_init (&grads[1], &alone);
  rnn_backward (&padded, &grads[0], 0);
  rnn_backward (&alone, &grads[1], 0);
  const long sizes[4] = { C * G, H * G, G, H };
  for (int p = 0; p < (_i == GRU ? 4 : 3); p++)
    for (long k = 0; k < sizes[p]; k++)
      ck_assert_float_eq_tol (grads[0].d[p + 1][k], grads[1].d[p + 1][k], 1e-6);
  rnn_grads_free (&grads[0]);
  rnn_grads_free (&grads[1]);
  rnn_case_free (&padded);
  rnn_case_free (&alone);
}
END_TEST

/* ---- the bidirectional LSTM ---- */

typedef struct {
  ae_sequence_shape_t shape;
  float *x, *params, *h, *state, *probe;
} bilstm_case_t;

static double
bilstm_objective (void *ctx)
{
  bilstm_case_t *c = ctx;
  ae_bilstm_forward (c->h, c->state, c->x, c->params, &c->shape);
  return dot (c->h, c->probe, (size_t) c->shape.n_batch * c->shape.n_steps * 2
                                * c->shape.n_hidden);
}

static void
bilstm_case_init (bilstm_case_t *c, const int *lengths)
{
  c->shape = (ae_sequence_shape_t) { 3, 5, 3, 4, lengths };
  const long steps = 15, n_params = 2 * ae_bilstm_direction_size (&c->shape);
  c->x = sine_floats (steps * 3, 0.71, 0.1, 1, 0);
  c->params = sine_floats (n_params, 0.47, 0.15, 0.5, 0);
  c->h = alloc_floats ((size_t) steps * 8);
  c->state = alloc_floats ((size_t) ae_bilstm_state_size (&c->shape));
  c->probe = sine_floats (steps * 8, 0.43, 0.5, 1, 0);
}

static void
bilstm_case_free (bilstm_case_t *c)
{
  free (c->x); free (c->params); free (c->h); free (c->state); free (c->probe);
}

START_TEST (bidirectional_lstm_matches_pytorch_and_finite_differences)
{
  static const int lengths[3] = { 5, 3, 1 };
  bilstm_case_t c;
  bilstm_case_init (&c, lengths);
  const long n_params = 2 * ae_bilstm_direction_size (&c.shape);
  float *d_x = alloc_floats (45), *d_params = alloc_floats ((size_t) n_params);
  float *scratch = alloc_floats ((size_t) ae_bilstm_scratch_size (&c.shape));
  bilstm_objective (&c);
  ae_bilstm_backward (d_x, d_params, scratch, c.probe, c.x, c.state, c.params, &c.shape);
  const struct { const char *name; const float *got; long n; } arrays[3] = {
    { "bilstm_h", c.h, 120 }, { "bilstm_d_x", d_x, 45 }, { "bilstm_d_params", d_params, n_params }
  };
  for (int k = 0; k < 3; k++)
    {
      const double difference = reference_difference ("recurrent.txt", arrays[k].name,
                                                      arrays[k].got, arrays[k].n);
      printf ("%s against PyTorch: largest relative difference %.1e\n", arrays[k].name,
              difference);
      ck_assert_msg (difference <= 1e-5, "%s differs from PyTorch's by %g", arrays[k].name,
                     difference);
    }
  /* sample 1's padded steps: both halves 0, no gradient */
  for (int j = 0; j < 8; j++)
    ck_assert_float_eq (c.h[(5 + 4) * 8 + j], 0.0f);
  for (int i = 0; i < 3; i++)
    ck_assert_float_eq (d_x[(5 + 3) * 3 + i], 0.0f);
  float *values[2] = { c.x, c.params }, *grads[2] = { d_x, d_params };
  const long counts[2] = { 45, n_params };
  for (int k = 0; k < 2; k++)
    {
      size_t worst;
      const double error = ae_check_grad (bilstm_objective, &c, values[k], grads[k],
                                          (size_t) counts[k], 1e-2f, 1e-2, 0, &worst);
      printf ("bilstm: finite differences, %s: relative error %.1e\n", k ? "parameters" : "x",
              error);
      ck_assert_msg (error <= GRAD_TOL, "relative error %g at %zu", error, worst);
    }
  free (d_x); free (d_params); free (scratch);
  bilstm_case_free (&c);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("recurrent");
  TCase *tc = tcase_create ("kernels");
  tcase_add_test (tc, lstm_steps_follow_the_equations);
  tcase_add_loop_test (tc, padded_sequences_match_pytorch, LSTM, GRU + 1);
  tcase_add_loop_test (tc, gradients_match_finite_differences_through_sequences_of_three_lengths,
                       LSTM, GRU + 1);
  tcase_add_loop_test (tc, padding_changes_nothing_of_the_valid_steps, LSTM, GRU + 1);
  tcase_add_test (tc, bidirectional_lstm_matches_pytorch_and_finite_differences);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
