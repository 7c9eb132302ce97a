/* Elementwise activation functions. */
#ifndef AE_ACTIVATION_H
#define AE_ACTIVATION_H

#include <stddef.h>

typedef enum {
  AE_ACT_IDENTITY,
  AE_ACT_RELU,
  AE_ACT_LEAKY_RELU,
  AE_ACT_SIGMOID,
  AE_ACT_TANH,
  AE_ACT_SOFTPLUS,
  AE_ACT_SATLIN              /* MATLAB's satlin: min(max(x, 0), 1) */
} ae_activation_t;

/* Parses "identity", "relu", "leakyrelu", "sigmoid", "tanh", "softplus", "satlin";
   returns 0 on success, -1 for an unknown name. */
int ae_activation_parse (const char *name, ae_activation_t *kind);
const char *ae_activation_name (ae_activation_t kind);

/* out[n] = f(in[n]); slope is the negative-side slope of leaky relu. */
void ae_activation_forward (float *out, const float *in, size_t n,
                            ae_activation_t kind, float slope);

/* d_in[n] = d_out[n] * f'(in[n]), reading whichever of in and out is cheaper. */
void ae_activation_backward (float *d_in, const float *d_out, const float *in,
                             const float *out, size_t n, ae_activation_t kind,
                             float slope);

#endif
