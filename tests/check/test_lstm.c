/* The LSTM kernels (ae_lstm.h): two steps against the equations computed
   here in double, PyTorch's nn.LSTM over packed sequences
   (tests/reference/make_lstm_reference.py), finite differences through
   sequences of three lengths, and padding that changes nothing. */
#include "test_util.h"

#define GRAD_TOL 2e-2

typedef struct {
  ae_lstm_shape_t shape;
  float *x, *w_in, *w_rec, *bias, *h, *state, *probe;
} lstm_case_t;

static long
n_x (const lstm_case_t *c)
{
  return (long) c->shape.n_batch * c->shape.n_steps * c->shape.n_in;
}

static long
n_h (const lstm_case_t *c)
{
  return (long) c->shape.n_batch * c->shape.n_steps * c->shape.n_hidden;
}

static void
lstm_case_init (lstm_case_t *c, int n, int T, int C, int H, const int *lengths, uint64_t seed)
{
  c->shape = (ae_lstm_shape_t) { n, T, C, H, lengths };
  const int G = 4 * H;
  c->x = alloc_floats ((size_t) n_x (c));
  c->w_in = alloc_floats ((size_t) C * G);
  c->w_rec = alloc_floats ((size_t) H * G);
  c->bias = alloc_floats ((size_t) G);
  c->h = alloc_floats ((size_t) n_h (c));
  c->state = alloc_floats ((size_t) ae_lstm_state_size (&c->shape));
  c->probe = alloc_floats ((size_t) n_h (c));
  ae_rng_t rng;
  ae_rng_seed (&rng, seed, AE_STREAM_USER);
  fill_uniform (&rng, c->x, (size_t) n_x (c), -1, 1);
  fill_uniform (&rng, c->w_in, (size_t) C * G, -0.6f, 0.6f);
  fill_uniform (&rng, c->w_rec, (size_t) H * G, -0.6f, 0.6f);
  fill_uniform (&rng, c->bias, (size_t) G, -0.5f, 0.5f);
  fill_uniform (&rng, c->probe, (size_t) n_h (c), -1, 1);
}

static void
lstm_case_free (lstm_case_t *c)
{
  free (c->x); free (c->w_in); free (c->w_rec); free (c->bias);
  free (c->h); free (c->state); free (c->probe);
}

static double
lstm_objective (void *ctx)
{
  lstm_case_t *c = ctx;
  ae_lstm_forward (c->h, c->state, c->x, c->w_in, c->w_rec, c->bias, &c->shape);
  return dot (c->h, c->probe, (size_t) n_h (c));
}

static double
sigmoid_d (double a)
{
  return 1 / (1 + exp (-a));
}

START_TEST (two_steps_follow_the_equations)
{
  /* one sample, C = 2, H = 3, two steps: the gates, cells and outputs
     computed here in double from the same weights */
  lstm_case_t c;
  lstm_case_init (&c, 1, 2, 2, 3, NULL, 11);
  const int C = 2, H = 3, G = 12;
  lstm_objective (&c);
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
  lstm_case_free (&c);
}
END_TEST

START_TEST (padded_sequences_match_pytorch)
{
  /* the reference script's case: lengths 5, 3, 1 of 5 steps, C = 3, H = 4 */
  static const int lengths[3] = { 5, 3, 1 };
  enum { N = 3, T = 5, C = 3, H = 4, G = 16 };
  lstm_case_t c;
  lstm_case_init (&c, N, T, C, H, lengths, 1);
  free (c.x); free (c.w_in); free (c.w_rec); free (c.bias); free (c.probe);
  c.x = sine_floats (N * T * C, 0.71, 0.1, 1, 0);
  c.w_in = sine_floats (C * G, 0.37, 0.2, 0.5, 0);
  c.w_rec = sine_floats (H * G, 0.53, 0.4, 0.5, 0);
  c.bias = sine_floats (G, 0.29, 0.3, 0.3, 0);
  c.probe = sine_floats (N * T * H, 0.43, 0.5, 1, 0);
  float *d_x = alloc_floats (N * T * C), *d_w_in = alloc_floats (C * G);
  float *d_w_rec = alloc_floats (H * G), *d_bias = alloc_floats (G);
  float *scratch = alloc_floats ((size_t) ae_lstm_scratch_size (&c.shape));
  lstm_objective (&c);
  ae_lstm_backward (d_x, d_w_in, d_w_rec, d_bias, scratch, c.probe, c.x, c.h, c.state, c.w_in,
                    c.w_rec, &c.shape);
  const struct { const char *name; const float *got; long n; } arrays[] = {
    { "h", c.h, N * T * H }, { "d_x", d_x, N * T * C }, { "d_w_in", d_w_in, C * G },
    { "d_w_rec", d_w_rec, H * G }, { "d_bias", d_bias, G }
  };
  for (int k = 0; k < 5; k++)
    {
      const double difference = reference_difference ("lstm.txt", arrays[k].name,
                                                      arrays[k].got, arrays[k].n);
      printf ("lstm against PyTorch: %-8s largest relative difference %.1e\n", arrays[k].name,
              difference);
      ck_assert_msg (difference <= 1e-5, "%s differs from PyTorch's by %g", arrays[k].name,
                     difference);
    }
  free (d_x); free (d_w_in); free (d_w_rec); free (d_bias); free (scratch);
  lstm_case_free (&c);
}
END_TEST

START_TEST (gradients_match_finite_differences_through_sequences_of_three_lengths)
{
  static const int lengths[3] = { 5, 3, 1 };
  lstm_case_t c;
  lstm_case_init (&c, 3, 5, 3, 4, lengths, 12);
  const int C = 3, H = 4, G = 16;
  float *d_x = alloc_floats ((size_t) n_x (&c)), *d_w_in = alloc_floats ((size_t) C * G);
  float *d_w_rec = alloc_floats ((size_t) H * G), *d_bias = alloc_floats ((size_t) G);
  float *scratch = alloc_floats ((size_t) ae_lstm_scratch_size (&c.shape));
  lstm_objective (&c);
  ae_lstm_backward (d_x, d_w_in, d_w_rec, d_bias, scratch, c.probe, c.x, c.h, c.state, c.w_in,
                    c.w_rec, &c.shape);
  struct { const char *name; float *value, *grad; long n; } checks[] = {
    { "x", c.x, d_x, n_x (&c) }, { "input weights", c.w_in, d_w_in, (long) C * G },
    { "recurrent weights", c.w_rec, d_w_rec, (long) H * G }, { "bias", c.bias, d_bias, G }
  };
  for (int k = 0; k < 4; k++)
    {
      size_t worst;
      const double error = ae_check_grad (lstm_objective, &c, checks[k].value, checks[k].grad,
                                          (size_t) checks[k].n, 1e-2f, 1e-2, 0, &worst);
      printf ("lstm: finite differences, %s: relative error %.1e\n", checks[k].name, error);
      ck_assert_msg (error <= GRAD_TOL, "%s: relative error %g at %zu", checks[k].name, error,
                     worst);
    }
  /* padded steps: output 0, gradient exactly 0 */
  for (int t = 3; t < 5; t++)
    for (int i = 0; i < C; i++)
      ck_assert_float_eq (d_x[(1 * 5 + t) * C + i], 0.0f);
  for (int j = 0; j < H; j++)
    ck_assert_float_eq (c.h[(2 * 5 + 4) * H + j], 0.0f);
  /* the weight gradients are added to (the state again of the unperturbed
     weights, which the last finite difference left perturbed) */
  lstm_objective (&c);
  memset (d_w_rec, 0, (size_t) H * G * sizeof (float));
  ae_lstm_backward (NULL, d_w_in, d_w_rec, d_bias, scratch, c.probe, c.x, c.h, c.state,
                    c.w_in, c.w_rec, &c.shape);
  const float first = d_w_rec[0];
  ae_lstm_backward (NULL, d_w_in, d_w_rec, d_bias, scratch, c.probe, c.x, c.h, c.state,
                    c.w_in, c.w_rec, &c.shape);
  ck_assert_float_eq_tol (d_w_rec[0], 2 * first, 1e-6);
  free (d_x); free (d_w_in); free (d_w_rec); free (d_bias); free (scratch);
  lstm_case_free (&c);
}
END_TEST

START_TEST (padding_changes_nothing_of_the_valid_steps)
{
  /* sample 1 of length 3 padded to 6 with noise gives the outputs and
     weight gradients of the same sample alone in 3 steps */
  static const int lengths[2] = { 6, 3 };
  lstm_case_t padded, alone;
  lstm_case_init (&padded, 2, 6, 2, 3, lengths, 13);
  lstm_case_init (&alone, 1, 3, 2, 3, NULL, 14);
  const int C = 2, H = 3, G = 12;
  memcpy (alone.w_in, padded.w_in, (size_t) C * G * sizeof (float));
  memcpy (alone.w_rec, padded.w_rec, (size_t) H * G * sizeof (float));
  memcpy (alone.bias, padded.bias, (size_t) G * sizeof (float));
  memcpy (alone.x, padded.x + 6 * C, 3 * (size_t) C * sizeof (float));
  /* only sample 1's outputs count, at its valid steps */
  memset (padded.probe, 0, (size_t) n_h (&padded) * sizeof (float));
  memcpy (padded.probe + 6 * H, alone.probe, 3 * (size_t) H * sizeof (float));
  lstm_objective (&padded);
  lstm_objective (&alone);
  for (int k = 0; k < 3 * H; k++)
    ck_assert_float_eq_tol (padded.h[6 * H + k], alone.h[k], 1e-7);
  float *grads[2][3];
  for (int m = 0; m < 2; m++)
    {
      lstm_case_t *c = m ? &alone : &padded;
      grads[m][0] = alloc_floats ((size_t) C * G);
      grads[m][1] = alloc_floats ((size_t) H * G);
      grads[m][2] = alloc_floats ((size_t) G);
      float *scratch = alloc_floats ((size_t) ae_lstm_scratch_size (&c->shape));
      ae_lstm_backward (NULL, grads[m][0], grads[m][1], grads[m][2], scratch, c->probe, c->x,
                        c->h, c->state, c->w_in, c->w_rec, &c->shape);
      free (scratch);
    }
  const long sizes[3] = { (long) C * G, (long) H * G, G };
  for (int p = 0; p < 3; p++)
    for (long k = 0; k < sizes[p]; k++)
      ck_assert_float_eq_tol (grads[0][p][k], grads[1][p][k], 1e-6);
  for (int m = 0; m < 2; m++)
    for (int p = 0; p < 3; p++)
      free (grads[m][p]);
  lstm_case_free (&padded);
  lstm_case_free (&alone);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("lstm");
  TCase *tc = tcase_create ("kernels");
  tcase_add_test (tc, two_steps_follow_the_equations);
  tcase_add_test (tc, padded_sequences_match_pytorch);
  tcase_add_test (tc, gradients_match_finite_differences_through_sequences_of_three_lengths);
  tcase_add_test (tc, padding_changes_nothing_of_the_valid_steps);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
