/* The training loop: the loss falls, runs are reproducible, interrupts and
   divergence stop it cleanly. */
#include <math.h>
#include <string.h>

#include "test_util.h"

enum { n_samples = 512, width = 20 };

/* x = sigmoid(A z) for z ~ N(0, I_2): data on a 2-D manifold in [0, 1]^20. */
static float *
make_manifold_data (void)
{
  float *x = alloc_floats ((size_t) n_samples * width), a[width][2], z[2];
  ae_rng_t rng;
  ae_rng_seed (&rng, 99, AE_STREAM_USER);
  fill_uniform (&rng, &a[0][0], 2 * width, -2, 2);
  for (int s = 0; s < n_samples; s++)
    {
      ae_rng_normal (&rng, z, 2);
      for (int d = 0; d < width; d++)
        x[s * width + d] = 1 / (1 + expf (-(a[d][0] * z[0] + a[d][1] * z[1])));
    }
  return x;
}

static void
build_vae (ae_net_t *net)
{
  ae_error_t err;
  ae_net_begin (net, width);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 16 }, &err);
  ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 4 }, &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err);
  ae_net_end_encoder (net);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 16 }, &err);
  ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = width }, &err);
  ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
              &err);
}

static ae_train_config_t
vae_config (void)
{
  ae_train_config_t config = {
    .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 1.0f },
    .optimizer = { AE_OPT_ADAM, 1e-2f, 0, 0.9f, 0.999f, 1e-8f },
    .batch_size = 32, .kl_warmup_epochs = 0, .seed = 5
  };
  return config;
}

/* What every training test starts from: data, a fresh VAE, its configuration. */
static float *x;
static ae_net_t net;
static float *params;
static ae_train_config_t config;

static void
setup (void)
{
  x = make_manifold_data ();
  build_vae (&net);
  params = alloc_floats (net.n_params);
  ae_rng_t rng;
  ae_rng_seed (&rng, 5, AE_STREAM_INIT);
  ae_net_init_params (&net, params, &rng);
  config = vae_config ();
}

static void
teardown (void)
{
  free (x);
  free (params);
}

START_TEST (vae_training_loss_falls_to_a_stated_level)
{
  ae_epoch_stats_t history[40];
  int n_done;
  ae_error_t err;
  ck_assert_int_eq (ae_train (&net, params, x, n_samples, x, 64, &config, 40, history,
                              &n_done, &err), AE_OK);
  ck_assert_int_eq (n_done, 40);
  /* the entropy of these soft targets, the floor of the reconstruction term, is
     10.78 nats; the first epoch averages 13.95, epoch 40 reaches 12.98 (recon 11.8) */
  ck_assert_double_gt (history[0].loss, 13.7);
  ck_assert_double_lt (history[39].loss, 13.25);
  ck_assert_double_gt (history[39].kl, 0.5);
  ck_assert (history[39].has_validation && isfinite (history[39].val_loss));
}
END_TEST

START_TEST (same_seed_gives_bit_identical_parameters)
{
  float *p1 = params, *p2 = alloc_floats (net.n_params);
  memcpy (p2, p1, net.n_params * sizeof (float));
  ae_epoch_stats_t history[3];
  int n_done;
  ck_assert_int_eq (ae_train (&net, p1, x, n_samples, NULL, 0, &config, 3, history, &n_done, NULL),
                    AE_OK);
  ck_assert_int_eq (ae_train (&net, p2, x, n_samples, NULL, 0, &config, 3, history, &n_done, NULL),
                    AE_OK);
  ck_assert_int_eq (memcmp (p1, p2, net.n_params * sizeof (float)), 0);
  free (p2);
}
END_TEST

typedef struct { int polls; long last_done, total; } batch_log_t;

static int
stop_after_five (void *context, long samples_done, long samples_total)
{
  batch_log_t *log = context;
  log->last_done = samples_done;
  log->total = samples_total;
  return ++log->polls >= 5;
}

START_TEST (interrupt_stops_after_the_current_batch)
{
  batch_log_t log = { 0 };
  config.after_batch = stop_after_five;
  config.context = &log;
  ae_epoch_stats_t history[3];
  int n_done;
  ae_error_t err;
  ck_assert_int_eq (ae_train (&net, params, x, n_samples, NULL, 0, &config, 3, history,
                              &n_done, &err), AE_INTERRUPTED);
  ck_assert_int_eq (log.polls, 5);
  ck_assert_int_eq (log.last_done, 5 * 32);   /* the hook sees the samples done */
  ck_assert_int_eq (log.total, n_samples);
  ck_assert_int_eq (n_done, 0);
  ck_assert_str_eq (err.message, "training interrupted at epoch 1, batch 5");
}
END_TEST

START_TEST (divergence_is_reported_and_keeps_finite_parameters)
{
  config.optimizer = (ae_optimizer_config_t) { AE_OPT_SGD, 1e4f, 0.9f, 0, 0, 0 };
  ae_epoch_stats_t history[20];
  int n_done;
  ae_error_t err;
  ck_assert_int_eq (ae_train (&net, params, x, n_samples, NULL, 0, &config, 20, history,
                              &n_done, &err), AE_ERR_NUMERIC);
  ck_assert_ptr_nonnull (strstr (err.message, "at epoch"));
  for (long i = 0; i < net.n_params; i++)
    ck_assert (isfinite (params[i]));
}
END_TEST

START_TEST (bad_configurations_are_refused)
{
  ae_trainer_t trainer;
  ae_error_t err;
  config.batch_size = 0;
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, 10, &err), AE_ERR_ARGUMENT);
  config = vae_config ();
  config.optimizer.learn_rate = -1;
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, 10, &err), AE_ERR_ARGUMENT);
  /* BCE needs the final sigmoid */
  net.layers[net.n_layers - 1].spec.activation = AE_ACT_IDENTITY;
  config = vae_config ();
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, 10, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "sigmoid"));
  /* a Gaussian layer needs an even input */
  ae_net_begin (&net, 5);
  ck_assert_int_eq (ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_GAUSSIAN }, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_DENSE, .width = 0 }, &err),
      AE_ERR_ARGUMENT);
}
END_TEST

/* Targets of another width: a network mapping the 20 values to their first
   10 reversed (a stand-in for super-resolution's low-to-high mapping) learns
   it from the targets, with the mean reduction over the 10 output values;
   without targets such a network is refused. */
START_TEST (targets_of_another_width_are_learnt)
{
  enum { out_width = 10 };
  ae_error_t err;
  ae_net_t mapper;
  ae_net_begin (&mapper, width);
  ae_net_add (&mapper, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 32 }, &err);
  ae_net_add (&mapper, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION,
                                           .activation = AE_ACT_RELU }, &err);
  ae_net_end_encoder (&mapper);
  ck_assert_int_eq (ae_net_add (&mapper, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE,
                                                              .width = out_width }, &err),
                    AE_OK);
  float *w = alloc_floats (mapper.n_params);
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_INIT);
  ae_net_init_params (&mapper, w, &rng);
  float *targets = alloc_floats ((size_t) n_samples * out_width);
  for (int s = 0; s < n_samples; s++)
    for (int d = 0; d < out_width; d++)
      targets[s * out_width + d] = x[s * width + out_width - 1 - d];
  ae_train_config_t mse = {
    .objective = { AE_LOSS_MSE, AE_REDUCE_MEAN, 0 },
    .optimizer = { AE_OPT_ADAM, 1e-2f, 0, 0.9f, 0.999f, 1e-8f },
    .batch_size = 32, .seed = 8
  };
  ae_trainer_t trainer;
  ck_assert_int_eq (ae_trainer_init (&trainer, &mapper, &mse, n_samples, &err), AE_OK);
  ae_epoch_stats_t stats;
  ck_assert_int_eq (ae_trainer_epoch (&trainer, w, x, NULL, NULL, NULL, 0, &stats, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "needs targets"));
  double first = 0;
  for (int epoch = 0; epoch < 40; epoch++)
    {
      ck_assert_int_eq (ae_trainer_epoch (&trainer, w, x, targets, x, targets, n_samples,
                                          &stats, &err), AE_OK);
      if (epoch == 0)
        first = stats.val_loss;
    }
  /* the mean over the 10 output values: the data's values vary by about
     0.1, so a mapping learnt to a few percent leaves well under 1e-3 */
  ck_assert_double_lt (stats.val_loss, 5e-4);
  ck_assert_double_lt (stats.val_loss, 0.05 * first);
  ae_trainer_free (&trainer);
  free (targets);
  free (w);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("train");
  TCase *tc = tcase_create ("training loop");
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, vae_training_loss_falls_to_a_stated_level);
  tcase_add_test (tc, same_seed_gives_bit_identical_parameters);
  tcase_add_test (tc, interrupt_stops_after_the_current_batch);
  tcase_add_test (tc, divergence_is_reported_and_keeps_finite_parameters);
  tcase_add_test (tc, bad_configurations_are_refused);
  tcase_add_test (tc, targets_of_another_width_are_learnt);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
