#include "ae_gan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ae_gaussian.h"
#include "ae_loss.h"
#include "ae_train.h"

/* The width of the codes drawn for a step: the generator's input, or a
   VAE-GAN's latent code (its decoder's input). */
static int
code_width (const ae_net_t *gen)
{
  return ae_net_is_variational (gen) ? ae_net_n_latent (gen) : gen->n_input;
}

/* A VAE-GAN's own buffers (see ae_gan_trainer_t). */
static ae_status_t
vaegan_buffers (ae_gan_trainer_t *t, int batch, ae_error_t *err)
{
  const ae_net_t *disc = t->disc;
  const size_t samples = (size_t) batch * disc->n_input;
  t->scratch_grads = malloc ((size_t) (disc->n_params ? disc->n_params : 1) * sizeof (float));
  t->real_features = malloc ((size_t) batch * ae_net_n_output (disc, t->config.feature_layer)
                             * sizeof (float));
  t->d_recon_gan = malloc (samples * sizeof (float));
  t->d_recon_like = malloc (samples * sizeof (float));
  t->d_prior = malloc (samples * sizeof (float));
  if (!t->scratch_grads || !t->real_features || !t->d_recon_gan || !t->d_recon_like
      || !t->d_prior)
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate VAE-GAN training buffers");
  return ae_workspace_init (&t->prior_ws, t->gen, batch, err);
}

/* The refusals of ae_gan_trainer_init: networks that do not fit together,
   settings out of range. */
static ae_status_t
check_gan (const ae_net_t *gen, const ae_net_t *disc, const ae_gan_config_t *config, long n,
           ae_error_t *err)
{
  if (gen->n_layers < 1 || disc->n_layers < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "the generator and the discriminator need layers");
  if (ae_net_n_output (gen, gen->n_layers) != disc->n_input)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the generator makes samples of %d values, the discriminator reads %d",
                    ae_net_n_output (gen, gen->n_layers), disc->n_input);
  if (ae_net_n_output (disc, disc->n_layers) != 1)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the discriminator must give one value (a logit) per sample, not %d",
                    ae_net_n_output (disc, disc->n_layers));
  const int vaegan = ae_net_is_variational (gen);
  if (ae_net_is_variational (disc))
    return ae_fail (err, AE_ERR_ARGUMENT, "a GAN's discriminator takes no Gaussian layer");
  if (vaegan && gen->n_input != disc->n_input)
    return ae_fail (err, AE_ERR_ARGUMENT, "a VAE-GAN's encoder reads samples of %d values,"
                    " the discriminator %d", gen->n_input, disc->n_input);
  if (vaegan && !(config->feature_layer >= 1 && config->feature_layer < disc->n_layers))
    return ae_fail (err, AE_ERR_ARGUMENT, "a VAE-GAN's feature layer must be one of the"
                    " discriminator's layers 1 to %d, not %d", disc->n_layers - 1,
                    config->feature_layer);
  if (vaegan && !(config->gamma >= 0 && config->beta >= 0 && isfinite (config->gamma)
                  && isfinite (config->beta)))
    return ae_fail (err, AE_ERR_ARGUMENT, "a VAE-GAN's gamma and beta must be finite and >= 0");
  if (gen->n_condition > 0 || disc->n_condition > 0)
    return ae_fail (err, AE_ERR_ARGUMENT, "a GAN's networks take no condition layers");
  if (ae_net_has_steps (gen) || ae_net_has_steps (disc))
    return ae_fail (err, AE_ERR_ARGUMENT, "a GAN's networks take no sequences");
  if (n < 1 || config->batch_size < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "need samples (%ld) and a batch size >= 1 (%d)", n,
                    config->batch_size);
  if (!(config->gen_optimizer.learn_rate > 0) || !(config->disc_optimizer.learn_rate > 0))
    return ae_fail (err, AE_ERR_ARGUMENT, "the learning rates must be > 0");
  return AE_OK;
}

ae_status_t
ae_gan_trainer_init (ae_gan_trainer_t *t, const ae_net_t *gen, const ae_net_t *disc,
                     const ae_gan_config_t *config, long n, ae_error_t *err)
{
  memset (t, 0, sizeof *t);
  ae_status_t status = check_gan (gen, disc, config, n, err);
  if (status != AE_OK)
    return status;
  const int vaegan = ae_net_is_variational (gen);
  t->gen = gen;
  t->disc = disc;
  t->config = *config;
  t->n = n;
  if (t->config.batch_size > n)
    t->config.batch_size = (int) n;
  const int batch = t->config.batch_size;
  ae_rng_seed (&t->shuffle_rng, config->seed, AE_STREAM_SHUFFLE);
  ae_rng_seed (&t->noise_rng, config->seed, AE_STREAM_NOISE);
  t->gen_grads = malloc ((size_t) (gen->n_params ? gen->n_params : 1) * sizeof (float));
  t->disc_grads = malloc ((size_t) (disc->n_params ? disc->n_params : 1) * sizeof (float));
  t->batch = malloc ((size_t) batch * disc->n_input * sizeof (float));
  t->codes = malloc ((size_t) batch * code_width (gen) * sizeof (float));
  t->labels = malloc ((size_t) batch * 2 * sizeof (float));
  t->order = malloc ((size_t) n * sizeof (size_t));
  if (!t->gen_grads || !t->disc_grads || !t->batch || !t->codes || !t->labels || !t->order)
    status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate GAN training buffers");
  if (status == AE_OK)
    status = ae_workspace_init (&t->gen_ws, gen, batch, err);
  if (status == AE_OK)
    status = ae_workspace_init (&t->disc_ws, disc, batch, err);
  if (status == AE_OK && vaegan)
    status = vaegan_buffers (t, batch, err);
  t->gen_ws.training = t->disc_ws.training = t->prior_ws.training = 1;
  t->gen_ws.rng = t->disc_ws.rng = t->prior_ws.rng = &t->noise_rng;
  if (status == AE_OK)
    status = ae_optimizer_init (&t->gen_opt, &config->gen_optimizer, gen->n_params, err);
  if (status == AE_OK)
    status = ae_optimizer_init (&t->disc_opt, &config->disc_optimizer, disc->n_params, err);
  if (status != AE_OK)
    {
      ae_gan_trainer_free (t);
      return status;
    }
  /* labels: batch ones (real), then batch zeros (fake) */
  for (int k = 0; k < batch; k++)
    {
      t->labels[k] = 1;
      t->labels[batch + k] = 0;
    }
  return AE_OK;
}

void
ae_gan_trainer_free (ae_gan_trainer_t *t)
{
  ae_workspace_free (&t->gen_ws);
  ae_workspace_free (&t->disc_ws);
  ae_workspace_free (&t->prior_ws);
  free (t->scratch_grads);
  free (t->real_features);
  free (t->d_recon_gan);
  free (t->d_recon_like);
  free (t->d_prior);
  t->scratch_grads = t->real_features = t->d_recon_gan = t->d_recon_like = t->d_prior = NULL;
  ae_optimizer_free (&t->gen_opt);
  ae_optimizer_free (&t->disc_opt);
  free (t->gen_grads);
  free (t->disc_grads);
  free (t->batch);
  free (t->codes);
  free (t->labels);
  free (t->order);
  t->gen_grads = t->disc_grads = t->batch = t->codes = t->labels = NULL;
  t->order = NULL;
}

/* D's forward pass on in [n_batch][width]; *mean_prob (unless NULL) gets
   the mean D(in) as a probability. */
static void
disc_forward (ae_gan_trainer_t *t, const float *disc_params, const float *in, int n_batch,
              double *mean_prob)
{
  const ae_net_t *disc = t->disc;
  ae_net_forward (disc, disc_params, &t->disc_ws, in, n_batch, 0, disc->n_layers);
  const float *logits = t->disc_ws.outputs[disc->n_layers - 1];
  if (mean_prob)
    {
      double prob = 0;
      for (int k = 0; k < n_batch; k++)
        prob += 1.0 / (1.0 + exp (-(double) logits[k]));
      *mean_prob = prob / n_batch;
    }
}

/* Back through D's layers [0, last) of its last forward pass (on in) from
   d_out (one of its workspace's gradient buffers): parameter gradients are
   added to grads and, when d_in is given, the input's gradient copied
   there. */
static void
disc_backward (ae_gan_trainer_t *t, const float *disc_params, float *grads, const float *in,
               float *d_out, int n_batch, int last, float *d_in)
{
  ae_workspace_t *ws = &t->disc_ws;
  ws->input_gradient = d_in != NULL;
  const float *grad = ae_net_backward (t->disc, disc_params, grads, ws, in, d_out, n_batch, 0,
                                       last);
  if (d_in)
    memcpy (d_in, grad, (size_t) n_batch * t->disc->n_input * sizeof *d_in);
}

/* Where a pass back through D's layers [0, last) that wants only the input's
   gradient (the generator's, or L_like's) puts D's parameter gradients:
   nowhere when those layers can skip them, which saves a product and an
   im2col per convolution, else the buffer given. */
static float *
unwanted_grads (const ae_gan_trainer_t *t, int last, float *buffer)
{
  return ae_net_skips_parameter_gradients (t->disc, &t->disc_ws, 0, last) ? NULL : buffer;
}

/* The mean BCE of D's last logits against label (1 or 0), back through D:
   parameter gradients into grads, the input's into d_in (unless NULL). */
static double
bce_backward (ae_gan_trainer_t *t, const float *disc_params, float *grads, const float *in,
              int n_batch, int label, float *d_in)
{
  const ae_net_t *disc = t->disc;
  ae_workspace_t *ws = &t->disc_ws;
  const float *target = t->labels + (label ? 0 : t->config.batch_size);
  double loss = ae_loss_forward_backward (ws->grad_a, ws->outputs[disc->n_layers - 1], target,
                                          (size_t) n_batch, AE_LOSS_BCE_LOGITS,
                                          1.0f / n_batch) / n_batch;
  disc_backward (t, disc_params, grads, in, ws->grad_a, n_batch, disc->n_layers, d_in);
  return loss;
}

/* L_like = 1/2 |D_l(in) - D_l(x)|^2, the batch's mean, of D's last pass (on
   in) against the real features; its gradient with respect to in goes to
   d_in (D's parameter gradients into scratch: L_like does not train D). */
static double
feature_backward (ae_gan_trainer_t *t, const float *disc_params, const float *in, int n_batch,
                  float *d_in)
{
  const int l = t->config.feature_layer;
  const long n = (long) n_batch * ae_net_n_output (t->disc, l);
  const float *features = t->disc_ws.outputs[l - 1];
  float *d_features = t->disc_ws.grad_a;
  double sum = 0;
  for (long k = 0; k < n; k++)
    {
      const float diff = features[k] - t->real_features[k];
      sum += (double) diff * diff;
      d_features[k] = diff / n_batch;
    }
  disc_backward (t, disc_params, unwanted_grads (t, l, t->scratch_grads), in, d_features,
                 n_batch, l, d_in);
  return 0.5 * sum / n_batch;
}

/* Back through the decoder (layers [n_encoder, end)) of ws's last pass from
   the output gradient d_out; returns the code's gradient. */
static float *
decoder_backward (ae_gan_trainer_t *t, const float *vae_params, ae_workspace_t *ws,
                  const float *d_out, int n_batch)
{
  const ae_net_t *vae = t->gen;
  memcpy (ws->grad_a, d_out, (size_t) n_batch * t->disc->n_input * sizeof (float));
  return ae_net_backward (vae, vae_params, t->gen_grads, ws, NULL, ws->grad_a, n_batch,
                          vae->n_encoder, vae->n_layers);
}

/* A GAN's pass of D on in [n_batch][width] against label (1 or 0): returns
   the batch's mean BCE, adds its gradient to grads (unless NULL) and, unless
   d_in is NULL, writes the gradient with respect to in there; *mean_prob,
   unless NULL, gets the mean D(in) as a probability. D's running statistics
   move. */
static double
disc_pass (ae_gan_trainer_t *t, float *disc_params, float *grads, const float *in,
           int n_batch, int label, float *d_in, double *mean_prob)
{
  disc_forward (t, disc_params, in, n_batch, mean_prob);
  double loss = bce_backward (t, disc_params, grads, in, n_batch, label, d_in);
  ae_net_update_buffers (t->disc, disc_params, &t->disc_ws, n_batch);
  return loss;
}

/* The end of a step, once D has taken its own (n_rejected of its updates
   overflowed): the generator's optimizer step on t->gen_grads, its running
   statistics from t->gen_ws, and the step's terms added to sums. */
static ae_status_t
finish_step (ae_gan_trainer_t *t, float *gen_params, int n_batch, long n_rejected,
             const ae_gan_stats_t *step, ae_gan_stats_t *sums, ae_error_t *err)
{
  n_rejected += ae_optimizer_step (&t->gen_opt, gen_params, t->gen_grads);
  ae_net_update_buffers (t->gen, gen_params, &t->gen_ws, n_batch);
  if (n_rejected > 0)
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the update of %ld parameters overflowed at epoch %d (is a learning rate"
                    " too large?); they keep their previous values", n_rejected, t->epoch + 1);
  sums->disc_loss += step->disc_loss;
  sums->gen_loss += step->gen_loss;
  sums->d_real += step->d_real;
  sums->d_fake += step->d_fake;
  sums->kl += step->kl;
  sums->feature_loss += step->feature_loss;
  return AE_OK;
}

/* ---- VAE-GAN (the objective is in ae_gan.h) ---- */

/* The passes of one VAE-GAN step: the reconstructions x~ and the prior's
   samples xp, and the losses the discriminator's passes gave. */
typedef struct {
  const float *recon, *prior, *stats;
  double disc_loss, gen_loss, like, d_real, d_fake;
} vaegan_passes_t;

/* x -> z -> x~, and zp -> xp (the prior pass reads its codes where the
   Gaussian layer's output would be, as the decoder's backward pass does) */
static void
vaegan_generate (ae_gan_trainer_t *t, const float *vae_params, const float *real,
                 const float *codes, int n_batch, vaegan_passes_t *p)
{
  const ae_net_t *vae = t->gen;
  const int n_latent = ae_net_n_latent (vae), n_encoder = vae->n_encoder;
  const int g = ae_net_gaussian_layer (vae);
  ae_rng_normal (&t->noise_rng, t->gen_ws.eps, (size_t) n_batch * n_latent);
  ae_net_forward (vae, vae_params, &t->gen_ws, real, n_batch, 0, vae->n_layers);
  p->recon = t->gen_ws.outputs[vae->n_layers - 1];
  p->stats = g > 0 ? t->gen_ws.outputs[g - 1] : real;
  float *prior_codes = t->prior_ws.outputs[n_encoder - 1];
  memcpy (prior_codes, codes, (size_t) n_batch * n_latent * sizeof (float));
  ae_net_forward (vae, vae_params, &t->prior_ws, prior_codes, n_batch, n_encoder,
                  vae->n_layers);
  p->prior = t->prior_ws.outputs[vae->n_layers - 1];
}

/* D: x towards 1, x~ and xp towards 0. On the same passes, the decoder's
   gradients: the GAN's (x~ and xp towards 1) and L_like's */
static ae_status_t
vaegan_discriminate (ae_gan_trainer_t *t, float *disc_params, const float *real, int n_batch,
                     vaegan_passes_t *p, ae_error_t *err)
{
  const ae_net_t *disc = t->disc;
  const int l = t->config.feature_layer;
  ae_zero_floats (t->disc_grads, (size_t) disc->n_params);
  p->disc_loss = disc_pass (t, disc_params, t->disc_grads, real, n_batch, 1, NULL, &p->d_real);
  memcpy (t->real_features, t->disc_ws.outputs[l - 1],   /* backward passes keep outputs */
          (size_t) n_batch * ae_net_n_output (disc, l) * sizeof (float));

  disc_forward (t, disc_params, p->recon, n_batch, NULL);
  p->disc_loss += bce_backward (t, disc_params, t->disc_grads, p->recon, n_batch, 0, NULL);
  float *unwanted = unwanted_grads (t, disc->n_layers, t->scratch_grads);
  p->gen_loss = bce_backward (t, disc_params, unwanted, p->recon, n_batch, 1, t->d_recon_gan);
  p->like = feature_backward (t, disc_params, p->recon, n_batch, t->d_recon_like);
  ae_net_update_buffers (disc, disc_params, &t->disc_ws, n_batch);

  disc_forward (t, disc_params, p->prior, n_batch, &p->d_fake);
  p->disc_loss += bce_backward (t, disc_params, t->disc_grads, p->prior, n_batch, 0, NULL);
  p->gen_loss += bce_backward (t, disc_params, unwanted, p->prior, n_batch, 1, t->d_prior);
  ae_net_update_buffers (disc, disc_params, &t->disc_ws, n_batch);
  if (!isfinite (p->disc_loss) || !ae_all_finite (t->disc_grads, (size_t) disc->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the discriminator's loss or gradient became NaN or Inf at epoch %d",
                    t->epoch + 1);
  return AE_OK;
}

/* The VAE's gradients; returns the KL term. Enc: L_like back through the
   decoder, then beta L_prior with it; Dec: gamma L_like (the pass gave it
   weight 1) and the GAN's. */
static double
vaegan_vae_gradients (ae_gan_trainer_t *t, const float *vae_params, const float *real,
                      int n_batch, const vaegan_passes_t *p)
{
  const ae_net_t *vae = t->gen;
  const int n_latent = ae_net_n_latent (vae), n_encoder = vae->n_encoder;
  const int g = ae_net_gaussian_layer (vae);
  ae_zero_floats (t->gen_grads, (size_t) vae->n_params);
  float *d_code = decoder_backward (t, vae_params, &t->gen_ws, t->d_recon_like, n_batch);
  float *d_stats = ae_net_backward (vae, vae_params, t->gen_grads, &t->gen_ws, real, d_code,
                                    n_batch, g, n_encoder);
  const double kl = ae_gaussian_kl (d_stats, p->stats, n_batch, n_latent,
                                    t->config.beta / n_batch) / n_batch;
  if (g > 0)
    ae_net_backward (vae, vae_params, t->gen_grads, &t->gen_ws, real, d_stats, n_batch, 0, g);
  const long decoder_start = vae->layers[n_encoder].param_offset;
  for (long k = decoder_start; k < vae->n_params; k++)
    t->gen_grads[k] *= t->config.gamma;
  decoder_backward (t, vae_params, &t->gen_ws, t->d_recon_gan, n_batch);
  decoder_backward (t, vae_params, &t->prior_ws, t->d_prior, n_batch);
  return kl;
}

static ae_status_t
vaegan_step (ae_gan_trainer_t *t, float *vae_params, float *disc_params, const float *real,
             const float *codes, int n_batch, ae_gan_stats_t *sums, ae_error_t *err)
{
  if (n_batch < 1 || n_batch > t->config.batch_size)
    return ae_fail (err, AE_ERR_ARGUMENT, "a step takes 1 to %d samples, not %d",
                    t->config.batch_size, n_batch);
  vaegan_passes_t p = { 0 };
  vaegan_generate (t, vae_params, real, codes, n_batch, &p);
  ae_status_t status = vaegan_discriminate (t, disc_params, real, n_batch, &p, err);
  if (status != AE_OK)
    return status;
  const double kl = vaegan_vae_gradients (t, vae_params, real, n_batch, &p);
  if (!isfinite (p.gen_loss + p.like + kl)
      || !ae_all_finite (t->gen_grads, (size_t) t->gen->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the VAE's loss or gradient became NaN or Inf at epoch %d", t->epoch + 1);

  const long n_rejected = ae_optimizer_step (&t->disc_opt, disc_params, t->disc_grads);
  const ae_gan_stats_t step = { .disc_loss = p.disc_loss, .gen_loss = p.gen_loss,
                                .d_real = p.d_real, .d_fake = p.d_fake, .kl = kl,
                                .feature_loss = p.like };
  return finish_step (t, vae_params, n_batch, n_rejected, &step, sums, err);
}

ae_status_t
ae_gan_trainer_step (ae_gan_trainer_t *t, float *gen_params, float *disc_params,
                     const float *real, const float *codes, int n_batch, ae_gan_stats_t *sums,
                     ae_error_t *err)
{
  const ae_net_t *gen = t->gen, *disc = t->disc;
  if (ae_net_is_variational (gen))
    return vaegan_step (t, gen_params, disc_params, real, codes, n_batch, sums, err);
  if (n_batch < 1 || n_batch > t->config.batch_size)
    return ae_fail (err, AE_ERR_ARGUMENT, "a step takes 1 to %d samples, not %d",
                    t->config.batch_size, n_batch);
  ae_net_forward (gen, gen_params, &t->gen_ws, codes, n_batch, 0, gen->n_layers);
  const float *fake = t->gen_ws.outputs[gen->n_layers - 1];

  /* D: real towards 1, fake towards 0, the gradients of both summed */
  double d_real, d_fake;
  ae_zero_floats (t->disc_grads, (size_t) disc->n_params);
  double disc_loss = disc_pass (t, disc_params, t->disc_grads, real, n_batch, 1, NULL, &d_real)
                     + disc_pass (t, disc_params, t->disc_grads, fake, n_batch, 0, NULL,
                                  &d_fake);
  if (!isfinite (disc_loss) || !ae_all_finite (t->disc_grads, (size_t) disc->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the discriminator's loss or gradient became NaN or Inf at epoch %d",
                    t->epoch + 1);
  long n_rejected = ae_optimizer_step (&t->disc_opt, disc_params, t->disc_grads);

  /* G: fake towards 1 through the updated D (D's parameter gradients of
     this pass are not wanted); G's last forward pass is still in its
     workspace, and the input's gradient goes in as G's output gradient */
  double gen_loss = disc_pass (t, disc_params, unwanted_grads (t, disc->n_layers, t->disc_grads),
                               fake, n_batch, 1, t->gen_ws.grad_a, NULL);
  ae_zero_floats (t->gen_grads, (size_t) gen->n_params);
  ae_net_backward (gen, gen_params, t->gen_grads, &t->gen_ws, codes, t->gen_ws.grad_a, n_batch,
                   0, gen->n_layers);
  if (!isfinite (gen_loss) || !ae_all_finite (t->gen_grads, (size_t) gen->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the generator's loss or gradient became NaN or Inf at epoch %d",
                    t->epoch + 1);
  const ae_gan_stats_t step = { .disc_loss = disc_loss, .gen_loss = gen_loss,
                                .d_real = d_real, .d_fake = d_fake };
  return finish_step (t, gen_params, n_batch, n_rejected, &step, sums, err);
}

ae_status_t
ae_gan_trainer_epoch (ae_gan_trainer_t *t, float *gen_params, float *disc_params,
                      const float *x, ae_gan_stats_t *stats, ae_error_t *err)
{
  const double start = ae_seconds_now ();
  const int batch = t->config.batch_size;
  memset (stats, 0, sizeof *stats);
  stats->epoch = t->epoch + 1;
  if ((x != NULL) == (t->source != NULL))
    return ae_fail (err, AE_ERR_ARGUMENT, "a GAN trains on an array or on a source, one of them");
  ae_rng_permutation (&t->shuffle_rng, t->order, (size_t) t->n);
  if (t->source)
    {
      ae_status_t started = t->source->start_epoch (t->source, t->order, t->n, batch, err);
      if (started != AE_OK)
        return started;
    }
  long n_steps = 0;
  for (long first = 0; first < t->n; first += batch)
    {
      int n_batch = (int) (t->n - first < batch ? t->n - first : batch);
      const int width = t->disc->n_input;
      if (t->source)
        {
          n_batch = t->source->fill (t->source, first, n_batch, t->batch, err);
          if (n_batch < 0)
            return (ae_status_t) (n_batch == -AE_INTERRUPTED ? AE_INTERRUPTED : n_batch);
        }
      else
        for (int k = 0; k < n_batch; k++)
          memcpy (t->batch + (long) k * width, x + t->order[first + k] * width,
                  width * sizeof (float));
      if (n_batch == 0)   /* none of the batch's files could be read */
        {
          if (t->config.after_batch
              && t->config.after_batch (t->config.context, first + batch, t->n))
            return ae_fail (err, AE_INTERRUPTED, "training interrupted at epoch %d",
                            stats->epoch);
          continue;
        }
      ae_rng_normal (&t->noise_rng, t->codes, (size_t) n_batch * code_width (t->gen));
      ae_status_t status = ae_gan_trainer_step (t, gen_params, disc_params, t->batch, t->codes,
                                                n_batch, stats, err);
      if (status != AE_OK)
        return status;
      n_steps++;
      if (t->config.after_batch
          && t->config.after_batch (t->config.context, first + n_batch, t->n))
        return ae_fail (err, AE_INTERRUPTED, "training interrupted at epoch %d, step %ld",
                        stats->epoch, n_steps);
    }
  if (n_steps == 0)
    return ae_fail (err, AE_ERR_IO, "none of the %ld training samples could be read", t->n);
  stats->gen_loss /= n_steps;
  stats->disc_loss /= n_steps;
  stats->d_real /= n_steps;
  stats->d_fake /= n_steps;
  stats->kl /= n_steps;
  stats->feature_loss /= n_steps;
  t->epoch++;
  stats->seconds = ae_seconds_now () - start;
  return AE_OK;
}

void
ae_gan_trainer_set_source (ae_gan_trainer_t *t, ae_sample_source_t *source)
{
  t->source = source;
}

ae_gan_progress_t
ae_gan_trainer_progress (const ae_gan_trainer_t *t)
{
  return (ae_gan_progress_t) { .epoch = t->epoch, .gen_steps = t->gen_opt.n_steps,
                               .disc_steps = t->disc_opt.n_steps,
                               .shuffle_counter = t->shuffle_rng.counter,
                               .noise_counter = t->noise_rng.counter };
}

void
ae_gan_trainer_resume (ae_gan_trainer_t *t, const ae_gan_progress_t *p)
{
  t->epoch = p->epoch;
  t->gen_opt.n_steps = p->gen_steps;
  t->disc_opt.n_steps = p->disc_steps;
  t->shuffle_rng.counter = p->shuffle_counter;
  t->noise_rng.counter = p->noise_counter;
}

void
ae_gan_init_params (const ae_net_t *net, float *params, ae_rng_t *rng)
{
  ae_net_init_params (net, params, rng);   /* buffers, and every kind's defaults */
  for (int i = 0; i < net->n_layers; i++)
    {
      const ae_layer_t *layer = &net->layers[i];
      float *weight = params + layer->param_offset, *bias = weight + layer->n_weights;
      const float mean = layer->spec.kind == AE_LAYER_BATCH_NORM ? 1.0f : 0.0f;
      ae_rng_normal (rng, weight, (size_t) layer->n_weights);
      for (long k = 0; k < layer->n_weights; k++)
        weight[k] = mean + 0.02f * weight[k];
      memset (bias, 0, (size_t) layer->n_bias * sizeof (float));
    }
}
