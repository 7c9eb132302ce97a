/* Training and applying networks over sequences of different lengths
   (src/core/LAYERS.md, "Lengths and masks"): a mini-batch is padded to its
   longest sequence, and the padding never enters a loss, a gradient or an
   output. Each claim is checked against the same sequences run one at a
   time, where there is no padding at all. */
#include "test_util.h"

#include <math.h>

#include "ae_threads.h"
#include "ae_train.h"

enum { N = 5, C = 3, H = 4, CODE = 2 };
static const int lengths[N] = { 6, 2, 4, 1, 5 };

/* An LSTM autoencoder: a GRU's last step to a code, repeated over the
   steps into an LSTM, a dense layer per step back to C features, and a
   sigmoid (for the binary cross-entropy on logits). */
static void
build (ae_net_t *net, int sigmoid)
{
  ae_layer_spec_t gru = { 0 }, repeat = { 0 }, lstm = { 0 };
  ck_assert (ae_layer_kind_parse ("gru", &gru.kind) == 0);
  ck_assert (ae_layer_kind_parse ("repeat", &repeat.kind) == 0);
  ck_assert (ae_layer_kind_parse ("lstm", &lstm.kind) == 0);
  gru.integers[0] = H, gru.integers[1] = 1;   /* OutputMode "last" */
  lstm.integers[0] = H;
  const ae_layer_spec_t specs[] = {
    gru, { .kind = AE_LAYER_DENSE, .width = CODE }, repeat, lstm,
    { .kind = AE_LAYER_DENSE, .width = C },
    { .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID }
  };
  ae_error_t err;
  ae_net_begin_grid (net, (ae_grid_t) { C, 1, 1, 1 });
  for (int k = 0; k < 5 + sigmoid; k++)
    {
      ck_assert_msg (ae_net_add (net, &specs[k], &err) == AE_OK, "%s", err.message);
      if (k == 1)
        ae_net_end_encoder (net);
    }
}

typedef struct {
  float frames[6 + 2 + 4 + 1 + 5][C];
  long offsets[N];
  ae_sequences_t seq;
} data_t;

/* Smooth sequences in (0, 1): each feature a sine of its own phase. */
static void
make_data (data_t *d)
{
  long at = 0;
  for (int k = 0; k < N; k++)
    {
      d->offsets[k] = at;
      for (int t = 0; t < lengths[k]; t++, at++)
        for (int c = 0; c < C; c++)
          d->frames[at][c] = (float) (0.5 + 0.4 * sin (0.7 * t + 1.3 * c + 0.9 * k));
    }
  d->seq = (ae_sequences_t) { .frames = &d->frames[0][0], .offsets = d->offsets,
                              .lengths = lengths, .n = N, .frame = C, .max_length = 6 };
}

/* Sample k alone: a set of one sequence, unpadded. */
static ae_sequences_t
one (const data_t *d, int k)
{
  static long zero = 0;
  return (ae_sequences_t) { .frames = d->frames[d->offsets[k]], .offsets = &zero,
                            .lengths = &lengths[k], .n = 1, .frame = C,
                            .max_length = lengths[k] };
}

static float *
initial_params (const ae_net_t *net)
{
  float *params = alloc_floats (ae_net_n_values (net));
  ae_rng_t rng;
  ae_rng_seed (&rng, 7, AE_STREAM_INIT);
  ae_net_init_params (net, params, &rng);
  return params;
}

START_TEST (gather_pads_each_batch_to_its_longest_sequence)
{
  data_t d;
  make_data (&d);
  const size_t order[3] = { 1, 3, 2 };   /* lengths 2, 1, 4 */
  float batch[3 * 4 * C];
  int got[3];
  ck_assert_int_eq (ae_sequences_gather (&d.seq, order, 0, 3, batch, got), 4);
  ck_assert (got[0] == 2 && got[1] == 1 && got[2] == 4);
  for (int k = 0; k < 3; k++)
    for (int t = 0; t < 4; t++)
      for (int c = 0; c < C; c++)
        {
          const float want = t < got[k] ? d.frames[d.offsets[order[k]] + t][c] : 0.0f;
          ck_assert_msg (batch[(k * 4 + t) * C + c] == want, "sample %d step %d", k, t);
        }
}
END_TEST

/* The loss of the ragged set is the mean of each sequence's alone, for the
   squared error and for the cross-entropy on logits (whose padded logits
   would add log 2 a value if they were counted), summed or averaged. */
START_TEST (the_loss_over_padded_batches_is_that_of_each_sequence_alone)
{
  const int bce = _i / 2, mean = _i % 2;
  ae_net_t net;
  build (&net, 1);
  float *params = initial_params (&net);
  data_t d;
  make_data (&d);
  const ae_objective_t objective = { .loss = bce ? AE_LOSS_BCE_LOGITS : AE_LOSS_MSE,
                                     .reduction = mean ? AE_REDUCE_MEAN : AE_REDUCE_SUM };
  ae_error_t err;
  double all, kl, alone_sum = 0;
  ck_assert_msg (ae_evaluate_sequences (&net, params, &d.seq, NULL, NULL, &objective, NULL,
                                        &all, &kl, &err) == AE_OK, "%s", err.message);
  for (int k = 0; k < N; k++)
    {
      const ae_sequences_t s = one (&d, k);
      double alone;
      ck_assert (ae_evaluate_sequences (&net, params, &s, NULL, NULL, &objective, NULL, &alone,
                                        &kl, &err) == AE_OK);
      alone_sum += alone;
    }
  ck_assert_msg (fabs (all - alone_sum / N) <= 1e-6 * fabs (all), "loss %g, alone %g", all,
                 alone_sum / N);
  free (params);
}
END_TEST

/* One SGD step of learning rate 1 over a batch of every sequence moves the
   parameters by minus the gradient of the mean loss: compared with central
   differences of that loss, computed by evaluating each sequence alone. */
START_TEST (the_training_gradient_matches_finite_differences_of_unpadded_losses)
{
  ae_net_t net;
  build (&net, 0);
  float *params = initial_params (&net), *stepped = alloc_floats (ae_net_n_values (&net));
  memcpy (stepped, params, (size_t) ae_net_n_values (&net) * sizeof *params);
  data_t d;
  make_data (&d);
  ae_train_config_t config = { .objective = { .loss = AE_LOSS_MSE, .reduction = AE_REDUCE_MEAN },
                               .optimizer = { .kind = AE_OPT_SGD, .learn_rate = 1 },
                               .batch_size = N, .seed = 3 };
  ae_trainer_t trainer;
  ae_error_t err;
  ck_assert_msg (ae_trainer_init_sequences (&trainer, &net, &config, &d.seq, NULL, &err)
                 == AE_OK, "%s", err.message);
  ae_epoch_stats_t stats;
  ck_assert_msg (ae_trainer_epoch (&trainer, stepped, NULL, NULL, NULL, NULL, 0, &stats, &err)
                 == AE_OK, "%s", err.message);
  ae_trainer_free (&trainer);
  double worst = 0;
  for (long p = 0; p < net.n_params; p++)
    {
      const float saved = params[p], h = 1e-2f;
      double sides[2];
      for (int side = 0; side < 2; side++)
        {
          params[p] = saved + (side ? -h : h);
          double sum = 0;
          for (int k = 0; k < N; k++)
            {
              const ae_sequences_t s = one (&d, k);
              double alone, kl;
              ae_evaluate_sequences (&net, params, &s, NULL, NULL, &config.objective, NULL,
                                     &alone, &kl, &err);
              sum += alone;
            }
          sides[side] = sum / N;
        }
      params[p] = saved;
      const double numeric = (sides[0] - sides[1]) / (2 * h), analytic = saved - stepped[p];
      const double error = fabs (numeric - analytic) / fmax (1e-2, fabs (numeric));
      worst = fmax (worst, error);
    }
  printf ("sequence training gradient against finite differences: worst relative %.2g\n",
          worst);
  ck_assert_msg (worst < 2e-2, "worst relative difference %g", worst);
  free (params);
  free (stepped);
}
END_TEST

START_TEST (an_lstm_autoencoder_learns_its_sequences)
{
  ae_net_t net;
  build (&net, 0);
  float *params = initial_params (&net);
  data_t d;
  make_data (&d);
  ae_train_config_t config = { .objective = { .loss = AE_LOSS_MSE, .reduction = AE_REDUCE_MEAN },
                               .optimizer = { .kind = AE_OPT_ADAM, .learn_rate = 1e-2f,
                                              .beta1 = 0.9f, .beta2 = 0.999f, .eps = 1e-8f },
                               .batch_size = 2, .seed = 1 };
  ae_trainer_t trainer;
  ae_error_t err;
  ck_assert (ae_trainer_init_sequences (&trainer, &net, &config, &d.seq, &d.seq, &err)
             == AE_OK);
  ae_epoch_stats_t stats;
  double first = 0;
  for (int epoch = 0; epoch < 300; epoch++)
    {
      ck_assert_msg (ae_trainer_epoch (&trainer, params, NULL, NULL, NULL, NULL, 0, &stats,
                                       &err) == AE_OK, "%s", err.message);
      if (epoch == 0)
        first = stats.val_reconstruction;
    }
  ae_trainer_free (&trainer);
  printf ("LSTM autoencoder on 5 sequences: validation MSE %.4g after 1 epoch, %.4g after"
          " 300\n", first, stats.val_reconstruction);
  ck_assert_msg (stats.has_validation && stats.val_reconstruction < 0.25 * first,
                 "MSE %g, first %g", stats.val_reconstruction, first);
  free (params);
}
END_TEST

/* ae_net_apply_sequences writes each sequence's output at its own offset,
   the same values as the sequence alone gives. */
START_TEST (applying_to_sequences_gives_each_ones_own_output)
{
  ae_net_t net;
  build (&net, 1);
  float *params = initial_params (&net);
  data_t d;
  make_data (&d);
  float all[18 * C], alone[6 * C], code[N * CODE];
  ae_error_t err;
  ck_assert (ae_net_apply_sequences (&net, params, &d.seq, NULL, 0, net.n_layers, all, NULL, &err)
             == AE_OK);
  ck_assert (ae_net_apply_sequences (&net, params, &d.seq, NULL, 0, net.n_encoder, code, NULL,
                                     &err) == AE_OK);
  for (int k = 0; k < N; k++)
    {
      const ae_sequences_t s = one (&d, k);
      ck_assert (ae_net_apply_sequences (&net, params, &s, NULL, 0, net.n_layers, alone, NULL,
                                         &err) == AE_OK);
      ck_assert_msg (largest_difference (alone, all + d.offsets[k] * C, lengths[k] * C) < 1e-6,
                     "sequence %d", k);
      /* decoding its code over its own steps gives it back too */
      ck_assert (ae_net_apply_steps (&net, params, code + k * CODE, NULL, 1, net.n_encoder,
                                     net.n_layers, lengths[k], alone, NULL, &err) == AE_OK);
      ck_assert_msg (largest_difference (alone, all + d.offsets[k] * C, lengths[k] * C) < 1e-6,
                     "decoded %d", k);
    }
  free (params);
}
END_TEST

/* The LSTM kernels split a batch over the threads by samples (slices of at
   least 8): a batch of 24 sequences of different lengths trained one epoch
   on 1 and on 2 threads gives the same parameters. */
START_TEST (the_threads_split_the_recurrence_without_changing_it)
{
  enum { M = 24 };
  static float frames[M * 6][C];
  static long offsets[M];
  static int steps[M];
  long at = 0;
  for (int k = 0; k < M; k++)
    {
      offsets[k] = at;
      steps[k] = 1 + k % 6;
      for (int t = 0; t < steps[k]; t++, at++)
        for (int c = 0; c < C; c++)
          frames[at][c] = (float) (0.5 + 0.4 * sin (0.3 * t + 0.7 * c + 0.2 * k));
    }
  const ae_sequences_t seq = { .frames = &frames[0][0], .offsets = offsets, .lengths = steps,
                               .n = M, .frame = C, .max_length = 6 };
  ae_net_t net;
  build (&net, 0);
  float *params[2];
  for (int run = 0; run < 2; run++)
    {
      ae_set_num_threads (run + 1);
      params[run] = initial_params (&net);
      ae_train_config_t config = { .objective = { .loss = AE_LOSS_MSE },
                                   .optimizer = { .kind = AE_OPT_SGD, .learn_rate = 0.1f },
                                   .batch_size = M, .seed = 2 };
      ae_trainer_t trainer;
      ae_error_t err;
      ae_epoch_stats_t stats;
      ck_assert (ae_trainer_init_sequences (&trainer, &net, &config, &seq, NULL, &err) == AE_OK);
      ck_assert (ae_trainer_epoch (&trainer, params[run], NULL, NULL, NULL, NULL, 0, &stats, &err)
                 == AE_OK);
      ae_trainer_free (&trainer);
    }
  const double difference = largest_difference (params[0], params[1], net.n_params);
  printf ("1 against 2 threads over 24 sequences: largest parameter difference %.1e\n",
          difference);
  ck_assert_msg (difference < 1e-6, "threads change the parameters by %g", difference);
  free (params[0]);
  free (params[1]);
}
END_TEST

START_TEST (sequence_data_meet_the_networks_that_take_them)
{
  ae_net_t net, flat;
  build (&net, 0);
  ae_net_begin (&flat, C);
  ae_layer_spec_t dense = { .kind = AE_LAYER_DENSE, .width = C };
  ae_error_t err;
  ck_assert (ae_net_add (&flat, &dense, &err) == AE_OK);
  data_t d;
  make_data (&d);
  ae_train_config_t config = { .objective = { .loss = AE_LOSS_MSE },
                               .optimizer = { .kind = AE_OPT_SGD, .learn_rate = 1 },
                               .batch_size = 2 };
  ae_trainer_t trainer;
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, N, &err), AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_trainer_init_sequences (&trainer, &flat, &config, &d.seq, NULL, &err),
                    AE_ERR_ARGUMENT);
  d.seq.frame = C + 1;
  ck_assert_int_eq (ae_trainer_init_sequences (&trainer, &net, &config, &d.seq, NULL, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_msg (strstr (err.message, "features per step"), "%s", err.message);
  d.seq.frame = C;
  config.regularization.l1_weight = 1;   /* on a code that is no sequence: allowed */
  ck_assert (ae_trainer_init_sequences (&trainer, &net, &config, &d.seq, NULL, &err) == AE_OK);
  ae_trainer_free (&trainer);
  config.regularization.l1_weight = 0;
  config.regularization.contractive_weight = 1;
  ck_assert_int_eq (ae_trainer_init_sequences (&trainer, &net, &config, &d.seq, NULL, &err),
                    AE_ERR_ARGUMENT);
  float out[C];
  ck_assert_int_eq (ae_net_apply (&net, NULL, out, NULL, 1, 0, 1, out, NULL, &err),
                    AE_ERR_ARGUMENT);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sequence_train");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, gather_pads_each_batch_to_its_longest_sequence);
  tcase_add_loop_test (tc, the_loss_over_padded_batches_is_that_of_each_sequence_alone, 0, 4);
  tcase_add_test (tc, the_training_gradient_matches_finite_differences_of_unpadded_losses);
  tcase_add_test (tc, an_lstm_autoencoder_learns_its_sequences);
  tcase_add_test (tc, applying_to_sequences_gives_each_ones_own_output);
  tcase_add_test (tc, the_threads_split_the_recurrence_without_changing_it);
  tcase_add_test (tc, sequence_data_meet_the_networks_that_take_them);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
