/* The hierarchical LSTM (MusicVAE's decoder, ae_layers_sequence.c): a
   conductor LSTM over the bars of a sequence and a decoder LSTM that starts
   each bar afresh from the bar's conductor output. Checked against the same
   model built from two plain LSTM networks (the conductor over U steps of
   the repeated code, then each bar alone through the decoder), by finite
   differences of every parameter and input in a sequence autoencoder over
   padded batches, against PyTorch (tests/reference/make_hierarchical_
   reference.py), and for its refusals: sequences that are not whole bars,
   a sequence as its input, zero units. */
#include "test_util.h"

#include "test_net_case.h"

#define GRAD_TOL 2e-2

enum { N = 3, T = 6, C = 2, S = 2, U = T / S, HC = 4, H = 3 };
static const int lengths[N] = { 6, 4, 2 };

static ae_layer_spec_t
hierarchical (int units, int subsequence, int conductor_units)
{
  ae_layer_spec_t spec = kind ("hierarchical_lstm");
  spec.integers[0] = units, spec.integers[1] = subsequence, spec.integers[2] = conductor_units;
  return spec;
}

START_TEST (it_is_a_conductor_lstm_and_a_decoder_lstm_restarted_each_bar)
{
  ae_error_t err;
  ae_net_t whole, conductor, decoder;
  ae_net_begin (&whole, C);
  add (&whole, hierarchical (H, S, HC));
  ae_net_begin (&conductor, C);
  add (&conductor, kind ("repeat"));
  add (&conductor, recurrent ("lstm", HC, 0, 0));
  ae_net_begin_grid (&decoder, (ae_grid_t) { HC, 1, 1, 1 });
  add (&decoder, recurrent ("lstm", H, 0, 0));
  ck_assert_int_eq (whole.n_params, conductor.n_params + decoder.n_params);

  float *params = alloc_floats ((size_t) whole.n_params);
  ae_rng_t rng;
  ae_rng_seed (&rng, 11, AE_STREAM_USER);
  ae_net_init_params (&whole, params, &rng);
  for (long k = 0; k < whole.n_params; k++)   /* away from the initial biases' 0 and 1 */
    params[k] += 0.1f * (float) sin (0.7 * (double) k);
  /* W: the conductor's [C+Hc][4Hc] then the decoder's; b: the conductor's, then the decoder's */
  const long wc = (long) (C + HC) * 4 * HC, wd = (long) (HC + H) * 4 * H;
  float *conductor_params = alloc_floats ((size_t) conductor.n_params);
  float *decoder_params = alloc_floats ((size_t) decoder.n_params);
  memcpy (conductor_params, params, (size_t) wc * sizeof (float));
  memcpy (conductor_params + wc, params + wc + wd, 4 * HC * sizeof (float));
  memcpy (decoder_params, params + wc, (size_t) wd * sizeof (float));
  memcpy (decoder_params + wd, params + wc + wd + 4 * HC, 4 * H * sizeof (float));

  float code[N * C], out[N * T * H], e[N * U * HC], bars[N * U * S * HC], alone[N * T * H];
  fill_uniform (&rng, code, N * C, -1, 1);
  ck_assert_msg (ae_net_apply_steps (&whole, params, code, NULL, N, 0, 1, T, out, NULL, &err)
                 == AE_OK, "%s", err.message);
  ck_assert_msg (ae_net_apply_steps (&conductor, conductor_params, code, NULL, N, 0, 2, U, e,
                                     NULL, &err) == AE_OK, "%s", err.message);
  for (int bar = 0; bar < N * U; bar++)   /* each bar alone: its conductor output each step */
    for (int t = 0; t < S; t++)
      memcpy (bars + ((long) bar * S + t) * HC, e + (long) bar * HC, HC * sizeof (float));
  int bar_lengths[N * U];
  long offsets[N * U];
  for (int bar = 0; bar < N * U; bar++)
    bar_lengths[bar] = S, offsets[bar] = (long) bar * S;
  const ae_sequences_t seq = { .frames = bars, .offsets = offsets, .lengths = bar_lengths,
                               .n = N * U, .frame = HC, .max_length = S };
  ck_assert_msg (ae_net_apply_sequences (&decoder, decoder_params, &seq, NULL, 0, 1, alone,
                                         NULL, &err) == AE_OK, "%s", err.message);
  const double worst = largest_difference (out, alone, N * T * H);
  printf ("hierarchical LSTM against a conductor LSTM and a decoder LSTM per bar: largest"
          " difference %.1e\n", worst);
  ck_assert_msg (worst < 1e-6, "the layer and its two LSTMs differ by %g", worst);
  /* a bar's outputs do not depend on the earlier bars but through the
     conductor: no state crosses a bar's start */
  ck_assert_msg (largest_difference (out + S * H, out, S * H) > 1e-3,
                 "the bars' outputs should differ (the conductor's steps differ)");
  free (params), free (conductor_params), free (decoder_params);
}
END_TEST

START_TEST (it_matches_pytorch_over_padded_sequences)
{
  /* make_hierarchical_reference.py's case: N = 3 samples of 6, 4 and 2
     steps, bars of 2, C = 2, Hc = 4, H = 3 */
  ae_error_t err;
  ae_net_t net;
  ae_workspace_t ws;
  ae_net_begin (&net, C);
  add (&net, hierarchical (H, S, HC));
  ck_assert_int_eq (ae_workspace_init_steps (&ws, &net, N, T, &err), AE_OK);
  ws.lengths = lengths;
  ws.input_gradient = 1;
  const long n_w = net.layers[0].n_weights, n_b = net.layers[0].n_bias;
  float *w = sine_floats (n_w, 0.37, 0.2, 0.5, 0), *b = sine_floats (n_b, 0.29, 0.3, 0.3, 0);
  float *params = alloc_floats ((size_t) net.n_params);
  float *grads = alloc_floats ((size_t) net.n_params);
  memcpy (params, w, (size_t) n_w * sizeof (float));
  memcpy (params + n_w, b, (size_t) n_b * sizeof (float));
  float *code = sine_floats (N * C, 0.71, 0.1, 1, 0);
  float *probe = sine_floats (N * T * H, 0.43, 0.5, 1, 0);
  ae_net_forward (&net, params, &ws, code, N, 0, 1);
  const float *d_code = ae_net_backward (&net, params, grads, &ws, code, probe, N, 0, 1);
  const char *names[4] = { "hierarchical_out", "hierarchical_d_code", "hierarchical_d_w",
                           "hierarchical_d_b" };
  const float *got[4] = { ws.outputs[0], d_code, grads, grads + n_w };
  const long n[4] = { N * T * H, N * C, n_w, n_b };
  for (int k = 0; k < 4; k++)
    {
      const double difference = reference_difference ("hierarchical.txt", names[k], got[k],
                                                      n[k]);
      printf ("hierarchical LSTM against PyTorch: %-20s largest relative difference %.1e\n",
              names[k], difference);
      ck_assert_msg (difference <= 1e-5, "%s differs from PyTorch's by %g", names[k],
                     difference);
    }
  free (w), free (b), free (params), free (grads), free (code), free (probe);
  ae_workspace_free (&ws);
}
END_TEST

/* A sequence autoencoder: a GRU's last step to a code of 3, decoded by the
   hierarchical LSTM and a per-step dense layer back to C values. */
static void
case_init (net_case_t *c, uint64_t seed)
{
  ae_net_begin_grid (&c->net, (ae_grid_t) { C, 1, 1, 1 });
  add (&c->net, recurrent ("gru", 4, 1, 0));
  add (&c->net, (ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 3 });
  ae_net_end_encoder (&c->net);
  add (&c->net, hierarchical (H, S, HC));
  add (&c->net, (ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = C });
  net_case_ready (c, N, T, lengths, seed);
}

START_TEST (a_hierarchical_autoencoder_matches_finite_differences)
{
  net_case_t c;
  case_init (&c, 21);
  net_case_backward (&c);
  size_t worst;
  const double params_error = ae_check_grad (net_case_objective, &c, c.params, c.grads,
                                             (size_t) c.net.n_params, 1e-2f, 1e-2, 0,
                                             &worst);
  printf ("gru last, hierarchical LSTM, dense: finite differences, %ld parameters: relative"
          " error %.1e\n", c.net.n_params, params_error);
  ck_assert_msg (params_error <= GRAD_TOL, "parameter %zu: relative error %g", worst,
                 params_error);
  const double input_error = ae_check_grad (net_case_objective, &c, c.x, c.d_x,
                                            (size_t) c.n_x, 1e-2f, 1e-2, 0, &worst);
  printf ("gru last, hierarchical LSTM, dense: finite differences, input: relative error"
          " %.1e\n", input_error);
  ck_assert_msg (input_error <= GRAD_TOL, "input %zu: relative error %g", worst, input_error);
  net_case_free (&c);
}
END_TEST

START_TEST (padded_bars_are_zero_and_a_short_sequence_decodes_as_alone)
{
  net_case_t c;
  case_init (&c, 22);
  const float *out = net_case_forward (&c);
  for (int b = 0; b < N; b++)
    for (long k = ((long) b * T + lengths[b]) * C; k < (long) (b + 1) * T * C; k++)
      ck_assert_msg (out[k] == 0.0f, "output %ld is padding, and %g", k, out[k]);
  /* sample 3 (2 steps, one bar) in a batch of its own 2 steps: the same outputs */
  float *padded = alloc_floats ((size_t) c.n_out);
  memcpy (padded, out, (size_t) c.n_out * sizeof (float));
  const int one_bar[N] = { 2, 2, 2 };
  float x[N * 2 * C];
  for (int b = 0; b < N; b++)
    memcpy (x + b * 2 * C, c.x + (long) b * T * C, 2 * C * sizeof (float));
  c.ws.n_steps = 2;
  c.ws.lengths = one_bar;
  ae_net_forward (&c.net, c.params, &c.ws, x, N, 0, c.net.n_layers);
  const float *short_out = c.ws.outputs[c.net.n_layers - 1];
  ck_assert_msg (largest_difference (short_out + 2 * 2 * C, padded + 2 * T * C, 2 * C) < 1e-6,
                 "a sequence of one bar decodes otherwise when padded to three");
  free (padded);
  net_case_free (&c);
}
END_TEST

START_TEST (sequences_of_partial_bars_and_bad_settings_are_refused)
{
  ae_error_t err;
  ae_net_t net;
  ae_net_begin (&net, C);
  add (&net, hierarchical (H, 4, HC));
  ck_assert_int_eq (ae_net_step_multiple (&net, 0, 1), 4);
  float code[C] = { 0.1f, 0.2f }, out[8 * H];
  float *params = alloc_floats ((size_t) net.n_params);
  ck_assert_int_eq (ae_net_apply_steps (&net, params, code, NULL, 1, 0, 1, 6, out, NULL, &err),
                    AE_ERR_ARGUMENT);
  printf ("decoding 6 steps in bars of 4: %s\n", err.message);
  ck_assert_ptr_nonnull (strstr (err.message, "not whole bars"));
  ck_assert_int_eq (ae_net_apply_steps (&net, params, code, NULL, 1, 0, 1, 8, out, NULL, &err),
                    AE_OK);
  /* sequences through a whole autoencoder: every length a multiple of 4 */
  ae_net_t ae;
  ae_net_begin_grid (&ae, (ae_grid_t) { C, 1, 1, 1 });
  add (&ae, recurrent ("lstm", 3, 1, 0));
  ae_net_end_encoder (&ae);
  add (&ae, hierarchical (H, 4, HC));
  float frames[12 * C] = { 0 };
  const long offsets[2] = { 0, 8 };
  const int whole_lengths[2] = { 8, 4 }, partial_lengths[2] = { 8, 3 };
  ae_sequences_t seq = { .frames = frames, .offsets = offsets, .lengths = whole_lengths, .n = 2,
                         .frame = C, .max_length = 8 };
  ck_assert_int_eq (ae_sequences_check (&ae, 0, &seq, "the sequences", &err), AE_OK);
  seq.lengths = partial_lengths;
  ck_assert_int_eq (ae_sequences_check (&ae, 0, &seq, "the sequences", &err), AE_ERR_ARGUMENT);
  printf ("a sequence of 3 steps in bars of 4: %s\n", err.message);
  ck_assert_ptr_nonnull (strstr (err.message, "sequence 2 has 3 steps"));
  /* its input is one frame a sample, not a sequence; units and bars >= 1 */
  ae_net_begin_grid (&net, (ae_grid_t) { C, 1, 1, 1 });
  ae_layer_spec_t spec = hierarchical (H, 2, HC);
  ck_assert_int_eq (ae_net_add (&net, &spec, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "a sequence already"));
  ae_net_begin (&net, C);
  spec = hierarchical (H, 0, HC);
  ck_assert_int_eq (ae_net_add (&net, &spec, &err), AE_ERR_ARGUMENT);
  spec = hierarchical (H, 2, 0);
  ck_assert_int_eq (ae_net_add (&net, &spec, &err), AE_ERR_ARGUMENT);
  spec = hierarchical (1 << 20, 2, 1 << 20);   /* 8.8e12 weights: refused, not wrapped */
  ck_assert_int_eq (ae_net_add (&net, &spec, &err), AE_ERR_MEMORY);
  ck_assert_ptr_nonnull (strstr (err.message, "more than one layer can hold"));
  free (params);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("hierarchical");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, it_is_a_conductor_lstm_and_a_decoder_lstm_restarted_each_bar);
  tcase_add_test (tc, it_matches_pytorch_over_padded_sequences);
  tcase_add_test (tc, a_hierarchical_autoencoder_matches_finite_differences);
  tcase_add_test (tc, padded_bars_are_zero_and_a_short_sequence_decodes_as_alone);
  tcase_add_test (tc, sequences_of_partial_bars_and_bad_settings_are_refused);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
