/* Generative adversarial training (Goodfellow et al. 2014) as DCGAN does it
   (Radford et al. 2016; pytorch/examples' dcgan): a generator G maps codes
   z ~ N(0, I) to samples, a discriminator D maps a sample to one logit, the
   probability that it is real. Each step, on a batch of real samples x and
   as many codes z:

     D: minimize BCE(D(x), 1) + BCE(D(G(z)), 0)          (one Adam step on D)
     G: minimize BCE(D(G(z)), 1), the non-saturating loss (one step on G,
        through the updated D)

   with BCE the binary cross-entropy of the logit, averaged over the batch.
   Batch normalization layers run in training mode in every pass and keep
   running statistics (D's move three times a step, G's once), as PyTorch's.

   A generator with a Gaussian layer is a VAE (encoder, then decoder), and
   the trainer runs a VAE-GAN (Larsen et al. 2016) instead: each step, on x,
   its codes z ~ q(z|x) = N(mu(x), sigma(x)^2), reconstructions x~ = Dec(z),
   and prior samples xp = Dec(zp), zp ~ N(0, I), with D_l the output of
   discriminator layer l (config.feature_layer) and per-sample means:

     L_prior = KL(q(z|x) || N(0, I))
     L_like  = 1/2 |D_l(x~) - D_l(x)|^2          (a Gaussian in D_l's features)
     D:   minimize BCE(D(x), 1) + BCE(D(x~), 0) + BCE(D(xp), 0)
     Enc: minimize beta * L_prior + L_like
     Dec: minimize gamma * L_like + BCE(D(x~), 1) + BCE(D(xp), 1)

   all gradients from the same passes, with D's before its step (the paper's
   simultaneous updates); L_like's gradient does not reach D (the paper's
   choice). One optimizer steps the encoder and the decoder together: Adam
   is per parameter, so that is two optimizers of the same settings. */
#ifndef AE_GAN_H
#define AE_GAN_H

#include "ae_net.h"
#include "ae_optim.h"
#include "ae_train.h"

typedef struct {
  ae_optimizer_config_t gen_optimizer, disc_optimizer;   /* DCGAN: Adam 2e-4, beta1 0.5 */
  float gamma, beta;         /* VAE-GAN: L_like's weight for the decoder, L_prior's */
  int feature_layer;         /* VAE-GAN: D_l is the output of D's layers [0, feature_layer) */
  int batch_size;
  uint64_t seed;             /* the shuffle and code streams */
  ae_after_batch_t after_batch;   /* after each step; may be NULL */
  void *context;
} ae_gan_config_t;

typedef struct {
  int epoch;                 /* 1-based */
  double gen_loss;           /* mean over the epoch's steps of BCE(D(G(z)), 1) */
  double disc_loss;          /* of BCE(D(x), 1) + BCE(D(G(z)), 0) */
  double d_real, d_fake;     /* mean D(x) and D(G(z)) (probabilities) before D's step */
  double kl, feature_loss;   /* VAE-GAN: means of L_prior and L_like (0 for a GAN) */
  double seconds;
} ae_gan_stats_t;

typedef struct {
  const ae_net_t *gen, *disc;
  ae_gan_config_t config;
  long n;
  int epoch;                 /* epochs done */
  ae_workspace_t gen_ws, disc_ws;
  ae_optimizer_t gen_opt, disc_opt;
  ae_rng_t shuffle_rng, noise_rng;
  float *gen_grads, *disc_grads;
  float *batch, *codes, *labels;
  size_t *order;
  ae_sample_source_t *source;   /* the real samples when x is not given, or NULL */
  /* VAE-GAN only: the prior samples' decoder pass, D's parameter gradients
     that are thrown away, D_l(x), and the decoder's output gradients */
  ae_workspace_t prior_ws;
  float *scratch_grads, *real_features, *d_recon_gan, *d_recon_like, *d_prior;
} ae_gan_trainer_t;

/* The generator's input is its code (width n_latent), its output a sample
   of the discriminator's input width; the discriminator gives one value.
   A VAE-GAN's generator is the VAE, whose input is a sample; its
   feature_layer is in [1, D's layers).
   AE_ERR_ARGUMENT or AE_ERR_MEMORY on failure, with nothing to free. */
ae_status_t ae_gan_trainer_init (ae_gan_trainer_t *t, const ae_net_t *gen, const ae_net_t *disc,
                                 const ae_gan_config_t *config, long n, ae_error_t *err);
void ae_gan_trainer_free (ae_gan_trainer_t *t);

/* Real samples from source instead of an array (ae_gan_trainer_epoch then
   gets no x); a sample it cannot read is left out of its batch. */
void ae_gan_trainer_set_source (ae_gan_trainer_t *t, ae_sample_source_t *source);

/* One epoch over x [n][sample width] in shuffled batches, updating both
   parameter arrays (parameters then buffers) in place. AE_ERR_NUMERIC when a
   loss or gradient is not finite (the network whose step failed keeps its
   parameters from before it; the other's step of that batch may be done);
   AE_INTERRUPTED when after_batch asked. */
ae_status_t ae_gan_trainer_epoch (ae_gan_trainer_t *t, float *gen_params, float *disc_params,
                                  const float *x, ae_gan_stats_t *stats, ae_error_t *err);

/* One step on real [n_batch][sample width] with codes [n_batch][n_latent]
   (n_batch up to the batch size), adding the step's losses and mean D
   outputs to sums; the epoch's steps are these on shuffled batches and codes
   drawn from N(0, I). A VAE-GAN's step (the generator is a VAE) takes the
   prior's codes zp. Failures as ae_gan_trainer_epoch's. */
ae_status_t ae_gan_trainer_step (ae_gan_trainer_t *t, float *gen_params, float *disc_params,
                                 const float *real, const float *codes, int n_batch,
                                 ae_gan_stats_t *sums, ae_error_t *err);

/* The counters a trainer needs to go on where another stopped (with the
   optimizers' moments, t->gen_opt and t->disc_opt). */
typedef struct {
  int epoch;
  long gen_steps, disc_steps;
  uint64_t shuffle_counter, noise_counter;
} ae_gan_progress_t;

ae_gan_progress_t ae_gan_trainer_progress (const ae_gan_trainer_t *t);
void ae_gan_trainer_resume (ae_gan_trainer_t *t, const ae_gan_progress_t *progress);

/* DCGAN's initialisation: weights ~ N(0, 0.02), biases 0; batch
   normalization's scale ~ N(1, 0.02), offset 0, running mean 0, variance 1. */
void ae_gan_init_params (const ae_net_t *net, float *params, ae_rng_t *rng);

#endif
