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
  ae_net_begin_grid (disc, (ae_grid_t) { 1, 6, 6, 0 });
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

/* ---- VAE-GAN (ae_gan.h): each network's gradient is that of its own
   objective, by central differences over the step's passes ---- */

enum { VB = 4, V_IN = 6, V_LATENT = 2 };

typedef struct {
  ae_net_t vae, disc;
  ae_workspace_t vae_ws, prior_ws, disc_ws;
  float *vae_params, *disc_params;
  float x[VB * V_IN], eps[VB * V_LATENT], codes[VB * V_LATENT];
  float gamma, beta;
  int feature_layer;
  int which;               /* the objective: 0 the encoder's, 1 the decoder's, 2 D's */
} vaegan_case_t;

static double
mean_bce (const float *logits, int label)
{
  double sum = 0;
  for (int k = 0; k < VB; k++)
    sum += fmax (logits[k], 0) - logits[k] * label + log1p (exp (-fabs (logits[k])));
  return sum / VB;
}

/* D on in: its logits' BCE against label, and its features into features */
static double
disc_terms (vaegan_case_t *c, const float *in, int label, float *features)
{
  ae_net_forward (&c->disc, c->disc_params, &c->disc_ws, in, VB, 0, c->disc.n_layers);
  const int n_feat = ae_net_n_output (&c->disc, c->feature_layer);
  memcpy (features, c->disc_ws.outputs[c->feature_layer - 1], VB * n_feat * sizeof (float));
  return mean_bce (c->disc_ws.outputs[c->disc.n_layers - 1], label);
}

static double
vaegan_objective (void *ctx)
{
  vaegan_case_t *c = ctx;
  const ae_net_t *vae = &c->vae;
  memcpy (c->vae_ws.eps, c->eps, sizeof c->eps);
  ae_net_forward (vae, c->vae_params, &c->vae_ws, c->x, VB, 0, vae->n_layers);
  float *prior_in = c->prior_ws.outputs[vae->n_encoder - 1];
  memcpy (prior_in, c->codes, sizeof c->codes);
  ae_net_forward (vae, c->vae_params, &c->prior_ws, prior_in, VB, vae->n_encoder,
                  vae->n_layers);
  const float *recon = c->vae_ws.outputs[vae->n_layers - 1];
  const float *prior = c->prior_ws.outputs[vae->n_layers - 1];
  float real_f[VB * 16], recon_f[VB * 16], prior_f[VB * 16];
  const double real_bce = disc_terms (c, c->x, 1, real_f);
  const double recon_fake = disc_terms (c, recon, 0, recon_f);
  const double recon_real = mean_bce (c->disc_ws.outputs[c->disc.n_layers - 1], 1);
  const double prior_fake = disc_terms (c, prior, 0, prior_f);
  const double prior_real = mean_bce (c->disc_ws.outputs[c->disc.n_layers - 1], 1);
  double like = 0;
  for (int k = 0; k < VB * ae_net_n_output (&c->disc, c->feature_layer); k++)
    like += 0.5 * (recon_f[k] - real_f[k]) * (recon_f[k] - real_f[k]) / VB;
  const double kl = ae_gaussian_kl (NULL, c->vae_ws.outputs[ae_net_gaussian_layer (vae) - 1],
                                    VB, V_LATENT, 0) / VB;
  switch (c->which)
    {
    case 0: return c->beta * kl + like;
    case 1: return c->gamma * like + recon_real + prior_real;
    default: return real_bce + recon_fake + prior_fake;
    }
}

START_TEST (vaegan_gradients_are_each_networks_own_objective)
{
  vaegan_case_t c = { .gamma = 0.3f, .beta = 0.7f, .feature_layer = 2 };
  ae_error_t err;
  const ae_layer_spec_t tanh_layer = { .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_TANH };
  ae_net_begin (&c.vae, V_IN);
  ae_net_add (&c.vae, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 5 }, &err);
  ae_net_add (&c.vae, &tanh_layer, &err);
  ae_net_add (&c.vae, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 2 * V_LATENT }, &err);
  ae_net_add (&c.vae, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err);
  ae_net_end_encoder (&c.vae);
  ae_net_add (&c.vae, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 5 }, &err);
  ae_net_add (&c.vae, &tanh_layer, &err);
  ae_net_add (&c.vae, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = V_IN }, &err);
  ck_assert_int_eq (ae_net_add (&c.vae, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                .activation = AE_ACT_SIGMOID }, &err), AE_OK);
  ae_net_begin (&c.disc, V_IN);
  ae_net_add (&c.disc, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 7 }, &err);
  ae_net_add (&c.disc, &tanh_layer, &err);
  ck_assert_int_eq (ae_net_add (&c.disc, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE,
                                .width = 1 }, &err), AE_OK);
  ae_rng_t rng;
  ae_rng_seed (&rng, 31, AE_STREAM_USER);
  c.vae_params = alloc_floats (c.vae.n_params);
  c.disc_params = alloc_floats (c.disc.n_params);
  ae_net_init_params (&c.vae, c.vae_params, &rng);
  ae_net_init_params (&c.disc, c.disc_params, &rng);
  fill_uniform (&rng, c.x, VB * V_IN, 0, 1);
  ae_rng_normal (&rng, c.codes, VB * V_LATENT);

  ae_gan_config_t config = dcgan_config (VB);
  config.gamma = c.gamma;
  config.beta = c.beta;
  config.feature_layer = c.feature_layer;
  ae_gan_trainer_t t;
  ck_assert_int_eq (ae_gan_trainer_init (&t, &c.vae, &c.disc, &config, VB, &err), AE_OK);
  /* the step draws the reparameterization's noise first, from its noise stream */
  ae_rng_t noise = t.noise_rng;
  ae_rng_normal (&noise, c.eps, VB * V_LATENT);
  float *vae_before = alloc_floats (c.vae.n_params), *disc_before = alloc_floats (c.disc.n_params);
  memcpy (vae_before, c.vae_params, c.vae.n_params * sizeof (float));
  memcpy (disc_before, c.disc_params, c.disc.n_params * sizeof (float));
  ae_gan_stats_t sums = { 0 };
  ck_assert_int_eq (ae_gan_trainer_step (&t, c.vae_params, c.disc_params, c.x, c.codes, VB,
                                         &sums, &err), AE_OK);
  ck_assert (memcmp (vae_before, c.vae_params, c.vae.n_params * sizeof (float)) != 0);
  memcpy (c.vae_params, vae_before, c.vae.n_params * sizeof (float));
  memcpy (c.disc_params, disc_before, c.disc.n_params * sizeof (float));

  ck_assert_int_eq (ae_workspace_init (&c.vae_ws, &c.vae, VB, &err), AE_OK);
  ck_assert_int_eq (ae_workspace_init (&c.prior_ws, &c.vae, VB, &err), AE_OK);
  ck_assert_int_eq (ae_workspace_init (&c.disc_ws, &c.disc, VB, &err), AE_OK);
  const long decoder_start = c.vae.layers[c.vae.n_encoder].param_offset;
  size_t worst;
  c.which = 0;
  double error = ae_check_grad (vaegan_objective, &c, c.vae_params, t.gen_grads,
                                (size_t) decoder_start, 1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= 2e-2, "encoder: relative error %g at parameter %zu", error, worst);
  c.which = 1;
  error = ae_check_grad (vaegan_objective, &c, c.vae_params + decoder_start,
                         t.gen_grads + decoder_start, (size_t) (c.vae.n_params - decoder_start),
                         1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= 2e-2, "decoder: relative error %g at parameter %zu", error, worst);
  c.which = 2;
  error = ae_check_grad (vaegan_objective, &c, c.disc_params, t.disc_grads,
                         (size_t) c.disc.n_params, 1e-2f, 1e-2, 0, &worst);
  ck_assert_msg (error <= 2e-2, "discriminator: relative error %g at parameter %zu", error,
                 worst);
  /* the step's reported terms are the objective's */
  c.which = 0;
  const double enc = vaegan_objective (&c);
  ck_assert_double_eq_tol (c.beta * sums.kl + sums.feature_loss, enc, 1e-5);
  c.which = 2;
  ck_assert_double_eq_tol (sums.disc_loss, vaegan_objective (&c), 1e-5);
  /* a feature layer past D's last hidden layer is refused */
  ae_gan_trainer_free (&t);
  config.feature_layer = c.disc.n_layers;
  ck_assert_int_eq (ae_gan_trainer_init (&t, &c.vae, &c.disc, &config, VB, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "feature layer"));
  ae_workspace_free (&c.vae_ws);
  ae_workspace_free (&c.prior_ws);
  ae_workspace_free (&c.disc_ws);
  free (c.vae_params); free (c.disc_params); free (vae_before); free (disc_before);
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
  tcase_add_test (tc, vaegan_gradients_are_each_networks_own_objective);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
