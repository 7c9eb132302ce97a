/* A VAE-GAN's training step (Larsen et al. 2016; the objective is in
   ae_gan.h): the VAE's passes on the batch and on prior codes, three
   discriminator passes, and the gradients each network's loss asks of
   them. */
#include "ae_gan.h"

#include <math.h>
#include <string.h>

#include "ae_gaussian.h"
#include "ae_loss.h"
#include "ae_train.h"

/* D's forward pass on in [n_batch][width]; returns the logits, and *mean_prob
   (unless NULL) gets the mean D(in) as a probability. */
static const float *
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
  return logits;
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
  disc_backward (t, disc_params, t->scratch_grads, in, d_features, n_batch, l, d_in);
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

ae_status_t
ae_vaegan_step (ae_gan_trainer_t *t, float *vae_params, float *disc_params, const float *real,
                const float *codes, int n_batch, ae_gan_stats_t *sums, ae_error_t *err)
{
  const ae_net_t *vae = t->gen, *disc = t->disc;
  const int n_latent = ae_net_n_latent (vae), n_encoder = vae->n_encoder;
  const int g = ae_net_gaussian_layer (vae), l = t->config.feature_layer;
  if (n_batch < 1 || n_batch > t->config.batch_size)
    return ae_fail (err, AE_ERR_ARGUMENT, "a step takes 1 to %d samples, not %d",
                    t->config.batch_size, n_batch);
  /* x -> z -> x~, and zp -> xp (the prior pass reads its codes where the
     Gaussian layer's output would be, as the decoder's backward pass does) */
  ae_rng_normal (&t->noise_rng, t->gen_ws.eps, (size_t) n_batch * n_latent);
  ae_net_forward (vae, vae_params, &t->gen_ws, real, n_batch, 0, vae->n_layers);
  const float *recon = t->gen_ws.outputs[vae->n_layers - 1];
  const float *stats = g > 0 ? t->gen_ws.outputs[g - 1] : real;
  float *prior_codes = t->prior_ws.outputs[n_encoder - 1];
  memcpy (prior_codes, codes, (size_t) n_batch * n_latent * sizeof (float));
  ae_net_forward (vae, vae_params, &t->prior_ws, prior_codes, n_batch, n_encoder,
                  vae->n_layers);
  const float *prior = t->prior_ws.outputs[vae->n_layers - 1];

  /* D: x towards 1, x~ and xp towards 0. On the same passes, the decoder's
     gradients: the GAN's (x~ and xp towards 1) and L_like's */
  double d_real, d_fake;
  memset (t->disc_grads, 0, (size_t) disc->n_params * sizeof (float));
  disc_forward (t, disc_params, real, n_batch, &d_real);
  memcpy (t->real_features, t->disc_ws.outputs[l - 1],
          (size_t) n_batch * ae_net_n_output (disc, l) * sizeof (float));
  double disc_loss = bce_backward (t, disc_params, t->disc_grads, real, n_batch, 1, NULL);
  ae_net_update_buffers (disc, disc_params, &t->disc_ws, n_batch);

  disc_forward (t, disc_params, recon, n_batch, NULL);
  disc_loss += bce_backward (t, disc_params, t->disc_grads, recon, n_batch, 0, NULL);
  double gen_loss = bce_backward (t, disc_params, t->scratch_grads, recon, n_batch, 1,
                                  t->d_recon_gan);
  const double like = feature_backward (t, disc_params, recon, n_batch, t->d_recon_like);
  ae_net_update_buffers (disc, disc_params, &t->disc_ws, n_batch);

  disc_forward (t, disc_params, prior, n_batch, &d_fake);
  disc_loss += bce_backward (t, disc_params, t->disc_grads, prior, n_batch, 0, NULL);
  gen_loss += bce_backward (t, disc_params, t->scratch_grads, prior, n_batch, 1, t->d_prior);
  ae_net_update_buffers (disc, disc_params, &t->disc_ws, n_batch);
  if (!isfinite (disc_loss) || !ae_all_finite (t->disc_grads, (size_t) disc->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the discriminator's loss or gradient became NaN or Inf at epoch %d",
                    t->epoch + 1);

  /* Enc: L_like back through the decoder, then beta L_prior with it */
  memset (t->gen_grads, 0, (size_t) vae->n_params * sizeof (float));
  float *d_code = decoder_backward (t, vae_params, &t->gen_ws, t->d_recon_like, n_batch);
  float *d_stats = ae_net_backward (vae, vae_params, t->gen_grads, &t->gen_ws, real, d_code,
                                    n_batch, g, n_encoder);
  const double kl = ae_gaussian_kl (d_stats, stats, n_batch, n_latent,
                                    t->config.beta / n_batch) / n_batch;
  if (g > 0)
    ae_net_backward (vae, vae_params, t->gen_grads, &t->gen_ws, real, d_stats, n_batch, 0, g);
  /* Dec: gamma L_like (the pass above gave it weight 1) and the GAN's */
  const long decoder_start = vae->layers[n_encoder].param_offset;
  for (long k = decoder_start; k < vae->n_params; k++)
    t->gen_grads[k] *= t->config.gamma;
  decoder_backward (t, vae_params, &t->gen_ws, t->d_recon_gan, n_batch);
  decoder_backward (t, vae_params, &t->prior_ws, t->d_prior, n_batch);
  if (!isfinite (gen_loss + like + kl) || !ae_all_finite (t->gen_grads, (size_t) vae->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the VAE's loss or gradient became NaN or Inf at epoch %d", t->epoch + 1);

  const long n_rejected = ae_optimizer_step (&t->disc_opt, disc_params, t->disc_grads);
  const ae_gan_stats_t step = { .disc_loss = disc_loss, .gen_loss = gen_loss,
                                .d_real = d_real, .d_fake = d_fake, .kl = kl,
                                .feature_loss = like };
  return ae_gan_finish_step (t, vae_params, n_batch, n_rejected, &step, sums, err);
}
