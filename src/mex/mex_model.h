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

/* A copy of model whose W and b hold params. */
mxArray *mex_model_write (const mxArray *model, const mex_model_t *m);

#endif
