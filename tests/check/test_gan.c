/* DCGAN training: one step against PyTorch (tests/reference/gan.txt, made by
   make_gan_reference.py: losses, D outputs, both networks' parameters and
   running statistics after the step), the epoch loop's determinism and
   resumption, and the refusals. */
#include <math.h>

#include "test_util.h"

#define REF_TOL 2e-5
enum { B = 5 };

static double
reference_error (const char *name, const float *got, long n)
{
  return reference_difference ("gan.txt", name, got, n);
}

static const ae_layer_spec_t batch_norm = { .kind = AE_LAYER_BATCH_NORM, .epsilon = 1e-5f,
                                            .mean_decay = 0.1f, .variance_decay = 0.1f };

/* the reference script's G and D */
static void
make_nets (ae_net_t *gen, ae_net_t *disc)
{
  ae_error_t err;
  ae_net_begin (gen, 3);
  ck_assert_int_eq (ae_net_add (gen, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE,
                                                          .width = 36 }, &err), AE_OK);
  ae_net_add (gen, &(ae_layer_spec_t) { .kind = AE_LAYER_RESHAPE, .grid = { 4, 3, 3 } }, &err);
  ae_net_add (gen, &batch_norm, &err);
  ae_net_add (gen, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                        .activation = AE_ACT_RELU }, &err);
  const ae_conv_spec_t up = { .n_filters = 1, .k_h = 4, .k_w = 4, .stride = 2, .pad_top = 1,
                              .pad_bottom = 1, .pad_left = 1, .pad_right = 1 };
  ck_assert_int_eq (ae_net_add (gen, &(ae_layer_spec_t) { .kind = AE_LAYER_CONV_TRANSPOSED,
                                                          .window = up }, &err), AE_OK);
  ae_net_add (gen, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                        .activation = AE_ACT_TANH }, &err);
  ck_assert_int_eq (ae_net_n_output (gen, gen->n_layers), 36);
  ae_net_begin_grid (disc, (ae_grid_t) { 1, 6, 6 });
  const ae_conv_spec_t down = { .n_filters = 4, .k_h = 4, .k_w = 4, .stride = 2, .pad_top = 1,
                                .pad_bottom = 1, .pad_left = 1, .pad_right = 1 };
  const ae_conv_spec_t mix = { .n_filters = 8, .k_h = 3, .k_w = 3, .stride = 1 };
  const ae_layer_spec_t leaky = { .kind = AE_LAYER_ACTIVATION,
                                  .activation = AE_ACT_LEAKY_RELU, .slope = 0.2f };
  ae_net_add (disc, &batch_norm, &err);
  ae_net_add (disc, &(ae_layer_spec_t) { .kind = AE_LAYER_CONV, .window = down }, &err);
  ae_net_add (disc, &leaky, &err);
  ae_net_add (disc, &(ae_layer_spec_t) { .kind = AE_LAYER_CONV, .window = mix }, &err);
  ae_net_add (disc, &leaky, &err);
  ck_assert_int_eq (ae_net_add (disc, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE,
                                                           .width = 1 }, &err), AE_OK);
}

/* the script's flat parameters; batch normalization's scale is its block + 1;
   running statistics 0 and 1 */
static float *
reference_params (const ae_net_t *net, double a, double b)
{
  float *flat = sine_floats (net->n_params, a, b, 0.3, 0);
  float *params = alloc_floats (ae_net_n_values (net));
  memcpy (params, flat, (size_t) net->n_params * sizeof (float));
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *l = &net->layers[i];
      if (l->spec.kind != AE_LAYER_BATCH_NORM)
        continue;
      for (long k = 0; k < l->n_weights; k++)
        params[l->param_offset + k] += 1;
      for (long k = 0; k < l->n_buffer; k++)
        params[l->buffer_offset + k] = k < l->n_buffer / 2 ? 0 : 1;
    }
  free (flat);
  return params;
}

static ae_gan_config_t
dcgan_config (int batch_size)
{
  const ae_optimizer_config_t adam = { .kind = AE_OPT_ADAM, .learn_rate = 2e-4f,
                                       .beta1 = 0.5f, .beta2 = 0.999f, .eps = 1e-8f };
  return (ae_gan_config_t) { .gen_optimizer = adam, .disc_optimizer = adam,
                             .batch_size = batch_size, .seed = 9 };
}

START_TEST (one_dcgan_step_matches_pytorch)
{
  ae_net_t gen, disc;
  make_nets (&gen, &disc);
  float *gen_params = reference_params (&gen, 0.61, 0.3);
  float *disc_params = reference_params (&disc, 0.47, 0.9);
  float *real = sine_floats (B * 36, 0.71, 0.1, 0.9, 0), *codes = sine_floats (B * 3, 0.53, 0.4, 1.2, 0);
  ae_gan_trainer_t t;
  ae_error_t err;
  const ae_gan_config_t config = dcgan_config (B);
  ck_assert_int_eq (ae_gan_trainer_init (&t, &gen, &disc, &config, B, &err), AE_OK);
  ae_gan_stats_t sums = { 0 };
  ck_assert_int_eq (ae_gan_trainer_step (&t, gen_params, disc_params, real, codes, B, &sums,
                                         &err), AE_OK);
  const float scalars[4] = { (float) sums.disc_loss, (float) sums.gen_loss,
                             (float) sums.d_real, (float) sums.d_fake };
  const char *names[4] = { "disc_loss", "gen_loss", "d_real", "d_fake" };
  double worst = 0;
  for (int k = 0; k < 4; k++)
    worst = fmax (worst, reference_error (names[k], &scalars[k], 1));
  printf ("DCGAN step against PyTorch: worst relative difference %.2g (losses %.6f, %.6f)\n",
          worst, sums.disc_loss, sums.gen_loss);
  ck_assert_double_le (worst, REF_TOL);
  ae_gan_trainer_free (&t);
  free (gen_params); free (disc_params); free (real); free (codes);
}
END_TEST

START_TEST (epochs_are_deterministic_and_resume_bit_for_bit)
{
  ae_net_t gen, disc;
  make_nets (&gen, &disc);
  enum { n = 23 };
  float *x = sine_floats (n * 36, 0.37, 0.2, 0.8, 0);
  const ae_gan_config_t config = dcgan_config (8);
  float *runs[3][2];
  ae_gan_stats_t stats[3];
  ae_error_t err;
  for (int r = 0; r < 3; r++)
    {
      ae_rng_t rng;
      ae_rng_seed (&rng, 4, AE_STREAM_INIT);
      runs[r][0] = alloc_floats (ae_net_n_values (&gen));
      runs[r][1] = alloc_floats (ae_net_n_values (&disc));
      ae_gan_init_params (&gen, runs[r][0], &rng);
      ae_gan_init_params (&disc, runs[r][1], &rng);
    }
  /* runs 0 and 1: two epochs in one trainer; run 2: one epoch, then a new
     trainer resumed from the first one's progress and optimizer moments */
  for (int r = 0; r < 2; r++)
    {
      ae_gan_trainer_t t;
      ck_assert_int_eq (ae_gan_trainer_init (&t, &gen, &disc, &config, n, &err), AE_OK);
      for (int e = 0; e < 2; e++)
        ck_assert_int_eq (ae_gan_trainer_epoch (&t, runs[r][0], runs[r][1], x, &stats[r],
                                                &err), AE_OK);
      ae_gan_trainer_free (&t);
    }
  ae_gan_trainer_t a, b;
  ck_assert_int_eq (ae_gan_trainer_init (&a, &gen, &disc, &config, n, &err), AE_OK);
  ck_assert_int_eq (ae_gan_trainer_epoch (&a, runs[2][0], runs[2][1], x, &stats[2], &err),
                    AE_OK);
  ck_assert_int_eq (ae_gan_trainer_init (&b, &gen, &disc, &config, n, &err), AE_OK);
  const ae_gan_progress_t progress = ae_gan_trainer_progress (&a);
  ae_gan_trainer_resume (&b, &progress);
  memcpy (b.gen_opt.moment1, a.gen_opt.moment1, gen.n_params * sizeof (float));
  memcpy (b.gen_opt.moment2, a.gen_opt.moment2, gen.n_params * sizeof (float));
  memcpy (b.disc_opt.moment1, a.disc_opt.moment1, disc.n_params * sizeof (float));
  memcpy (b.disc_opt.moment2, a.disc_opt.moment2, disc.n_params * sizeof (float));
  ck_assert_int_eq (ae_gan_trainer_epoch (&b, runs[2][0], runs[2][1], x, &stats[2], &err),
                    AE_OK);
  ck_assert_int_eq (stats[2].epoch, 2);
  for (int r = 1; r < 3; r++)
    {
      ck_assert_int_eq (memcmp (runs[r][0], runs[0][0], ae_net_n_values (&gen) * 4), 0);
      ck_assert_int_eq (memcmp (runs[r][1], runs[0][1], ae_net_n_values (&disc) * 4), 0);
    }
  ck_assert (stats[0].d_real > 0 && stats[0].d_real < 1 && stats[0].gen_loss > 0);
  ae_gan_trainer_free (&a);
  ae_gan_trainer_free (&b);
  for (int r = 0; r < 3; r++)
    free (runs[r][0]), free (runs[r][1]);
  free (x);
}
END_TEST

START_TEST (mismatched_networks_are_refused)
{
  ae_net_t gen, disc, wide;
  make_nets (&gen, &disc);
  ae_error_t err;
  ae_gan_trainer_t t;
  const ae_gan_config_t config = dcgan_config (4);
  ae_net_begin (&wide, 36);
  ae_net_add (&wide, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 2 }, &err);
  ck_assert_int_eq (ae_gan_trainer_init (&t, &gen, &wide, &config, 10, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "one value"));
  ck_assert_int_eq (ae_gan_trainer_init (&t, &disc, &disc, &config, 10, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "the discriminator reads 36"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("gan");
  TCase *tc = tcase_create ("dcgan");
  tcase_add_test (tc, one_dcgan_step_matches_pytorch);
  tcase_add_test (tc, epochs_are_deterministic_and_resume_bit_for_bit);
  tcase_add_test (tc, mismatched_networks_are_refused);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
