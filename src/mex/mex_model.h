/* The one place where an Octave model struct meets the core's network:
   model.kind ("ae" | "vae" | "classifier"), model.input_size, and the struct arrays
   model.encoder and model.decoder, whose elements have the fields
   type, W, b and scale. A dense layer's W is n_out-by-n_in (y = W*x + b),
   which is exactly the core's weight [n_in][n_out] in memory. */
#ifndef MEX_MODEL_H
#define MEX_MODEL_H

#include "autoencoder.h"
#include "mex.h"

typedef struct {
  ae_net_t net;
  float *params;      /* [net.n_params], mxMalloc'd */
} mex_model_t;

/* Builds the network of model and copies its weights; raises an
   autoencoder:invalidModel error naming the layer for any inconsistency. */
void mex_model_read (const mxArray *model, mex_model_t *m);

/* A conditional network's conditions ct (one sample per column,
   net->n_condition rows) of n_samples samples; NULL for a network without
   condition layers. Raises autoencoder:invalidArgument when they are
   missing, or given to a network without condition layers, and
   autoencoder:sizeMismatch when their count is not n_samples. */
const float *mex_model_conditions (const mxArray *ct, const ae_net_t *net, long n_samples,
                                   const char *what);

/* A model's data a: sequences (mx_sequences) into *seq, with *x NULL, for a
   network over sequences; otherwise columns of the input's width into *x.
   Returns the number of samples. */
long mex_model_data (const mxArray *a, const char *what, const ae_net_t *net, const float **x,
                     ae_sequences_t *seq);

/* The targets yt (one sample per column, as wide as the network's output)
   of n samples, or n_samples <= 0 for any count; raises
   autoencoder:sizeMismatch unless they match the samples one for one. */
const float *mex_model_targets (const mxArray *yt, const ae_net_t *net, long n_samples,
                                const char *what);

/* A copy of model whose W and b (and buffers) hold params. */
mxArray *mex_model_write (const mxArray *model, const mex_model_t *m);

/* A GAN: model.kind "gan", model.input_size (the samples'), model.latent_dim,
   and the layer struct arrays model.generator (from the code to a sample)
   and model.discriminator (from a sample to one logit). A VAE-GAN (kind
   "vaegan") has model.encoder and model.decoder instead of the generator:
   gen is then that VAE, the one variational generator. */
typedef struct {
  mex_model_t gen, disc;
} mex_gan_t;

void mex_gan_read (const mxArray *model, mex_gan_t *g);
mxArray *mex_gan_write (const mxArray *model, const mex_gan_t *g);

#endif
