/* The contractive penalty: lambda times the mean over a batch of the squared
   Frobenius norm of the encoder's Jacobian, ||dz/dx||_F^2, exact for an
   encoder of dense and activation layers of any depth.

   How: per sample, the Jacobian of each layer's output with respect to the
   input is carried forward (a dense layer multiplies it by W^T, an activation
   scales its rows by f'(pre)), then the penalty is back-propagated through
   that chain, which needs f''(pre) where f' depends on pre. Cost per sample:
   D * sum over dense layers of n_in * n_out multiply-adds each way (D the
   input width), about D times a forward pass, and D * sum of widths floats. */
#ifndef AE_CONTRACTIVE_H
#define AE_CONTRACTIVE_H

#include "ae_net.h"
#include "ae_status.h"

typedef struct {
  float *jacobians;   /* per layer l < n_encoder: [width_l][n_input], for one sample */
  float *grad_a, *grad_b;   /* [widest][n_input] */
  long n_floats;
} ae_contractive_ws_t;

/* Returns AE_ERR_ARGUMENT when the encoder holds other layers than dense and
   activation ones, AE_ERR_MEMORY when the buffers cannot be had. */
ae_status_t ae_contractive_init (ae_contractive_ws_t *cws, const ae_net_t *net,
                                 ae_error_t *err);
void ae_contractive_free (ae_contractive_ws_t *cws);

/* After a forward pass (ws holds the encoder's outputs for the batch x),
   returns lambda / n_batch * sum over samples of ||J||_F^2. With grads not
   NULL it adds the penalty's gradient: into grads for the weights it reads
   directly, and into inject [n_encoder] (each [n_batch][layer width], or NULL
   for layers that need none) the gradient with respect to each activation
   layer's input, which the caller back-propagates with the network's. */
double ae_contractive (const ae_net_t *net, const float *params, const ae_workspace_t *ws,
                       const float *x, int n_batch, float lambda, float *grads,
                       float **inject, ae_contractive_ws_t *cws);

/* norms2[k] = ||J_f(x_k)||_F^2 for the n samples of x [n][n_input], in
   batches; the encoder must be of dense and activation layers. AE_INTERRUPTED
   when ae_interrupt_requested. */
ae_status_t ae_jacobian_norms2 (const ae_net_t *net, const float *params, const float *x,
                                long n, double *norms2, ae_error_t *err);

#endif
