#include "ae_contractive.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* f'(x) and f''(x) of an activation, from its input x and output y. */
static void
derivatives (const ae_layer_t *layer, float x, float y, float *d1, float *d2)
{
  switch (layer->spec.activation)
    {
    case AE_ACT_IDENTITY: *d1 = 1; *d2 = 0; break;
    case AE_ACT_RELU: *d1 = x > 0; *d2 = 0; break;
    case AE_ACT_LEAKY_RELU: *d1 = x > 0 ? 1 : layer->spec.slope; *d2 = 0; break;
    case AE_ACT_SIGMOID: *d1 = y * (1 - y); *d2 = y * (1 - y) * (1 - 2 * y); break;
    case AE_ACT_TANH: *d1 = 1 - y * y; *d2 = -2 * y * (1 - y * y); break;
    case AE_ACT_SOFTPLUS:
      {
        float s = 1 / (1 + expf (-x));   /* softplus' = sigmoid */
        *d1 = s;
        *d2 = s * (1 - s);
        break;
      }
    case AE_ACT_SATLIN: *d1 = x > 0 && x < 1; *d2 = 0; break;
    }
}

ae_status_t
ae_contractive_init (ae_contractive_ws_t *cws, const ae_net_t *net, ae_error_t *err)
{
  memset (cws, 0, sizeof *cws);
  long widths = 0, widest = net->n_input;
  for (int l = 0; l < net->n_encoder; l++)
    {
      const ae_layer_t *layer = &net->layers[l];
      if (layer->spec.kind != AE_LAYER_DENSE && layer->spec.kind != AE_LAYER_ACTIVATION)
        return ae_fail (err, AE_ERR_ARGUMENT,
                        "the contractive penalty needs an encoder of dense and activation layers");
      widths += layer->n_out;
      if (layer->n_out > widest)
        widest = layer->n_out;
    }
  cws->n_floats = (widths + 2 * widest) * (long) net->n_input;
  cws->jacobians = malloc ((size_t) cws->n_floats * sizeof (float));
  if (!cws->jacobians)
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate %ld MB for the encoder's Jacobians",
                    cws->n_floats * 4 >> 20);
  cws->grad_a = cws->jacobians + widths * (long) net->n_input;
  cws->grad_b = cws->grad_a + widest * (long) net->n_input;
  return AE_OK;
}

void
ae_contractive_free (ae_contractive_ws_t *cws)
{
  free (cws->jacobians);
  memset (cws, 0, sizeof *cws);
}

/* Sample s's Jacobian of every encoder layer's output with respect to the
   input x, carried forward: jac[l] = d(output of layer l)/dx, [width][D]. */
static void
jacobian_forward (const ae_net_t *net, const float *params, const ae_workspace_t *ws,
                  const float *x, int s, float *const *jac)
{
  const int D = net->n_input;
  for (int l = 0; l < net->n_encoder; l++)
    {
      const ae_layer_t *layer = &net->layers[l];
      const int w = layer->n_out;
      if (layer->spec.kind == AE_LAYER_DENSE)
        {
          const float *W = params + layer->param_offset;   /* [n_in][n_out] */
          if (l == 0)             /* J = W^T */
            for (int o = 0; o < w; o++)
              for (int d = 0; d < D; d++)
                jac[0][(long) o * D + d] = W[(long) d * w + o];
          else
            cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, w, D, layer->n_in, 1.0f,
                         W, w, jac[l - 1], D, 0.0f, jac[l], D);
          continue;
        }
      const float *in = (l > 0 ? ws->outputs[l - 1] : x) + (long) s * w;
      const float *out = ws->outputs[l] + (long) s * w;
      for (int o = 0; o < w; o++)
        {
          float d1, d2;
          derivatives (layer, in[o], out[o], &d1, &d2);
          for (int d = 0; d < D; d++)   /* J_out = diag(f') J_in, J_in = I at l = 0 */
            jac[l][(long) o * D + d] = d1 * (l > 0 ? jac[l - 1][(long) o * D + d]
                                                   : (float) (o == d));
        }
    }
}

/* From g = dP/dJ of the code's Jacobian (cws->grad_a), back through the
   encoder: weight gradients into grads, and the penalty's gradient with
   respect to each activation layer's input into inject[l] (the part through
   f'', which the ordinary backward pass does not see). */
static void
jacobian_backward (const ae_net_t *net, const float *params, const ae_workspace_t *ws,
                   const float *x, int s, float *const *jac, float *grads, float **inject,
                   ae_contractive_ws_t *cws)
{
  const int D = net->n_input;
  float *g = cws->grad_a, *g_prev = cws->grad_b;
  for (int l = net->n_encoder - 1; l >= 0; l--)
    {
      const ae_layer_t *layer = &net->layers[l];
      const int w = layer->n_out;
      if (layer->spec.kind == AE_LAYER_DENSE)
        {
          const float *W = params + layer->param_offset;
          float *dW = grads + layer->param_offset;
          if (l == 0)             /* dW[d][o] += G[o][d] */
            {
              for (int o = 0; o < w; o++)
                for (int d = 0; d < D; d++)
                  dW[(long) d * w + o] += g[(long) o * D + d];
              return;
            }
          /* dW += J_in G^T; G_in = W G */
          cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, layer->n_in, w, D, 1.0f,
                       jac[l - 1], D, g, D, 1.0f, dW, w);
          cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, layer->n_in, D, w, 1.0f,
                       W, w, g, D, 0.0f, g_prev, D);
        }
      else
        {
          const float *in = (l > 0 ? ws->outputs[l - 1] : x) + (long) s * w;
          const float *out = ws->outputs[l] + (long) s * w;
          for (int o = 0; o < w; o++)
            {
              float d1, d2;
              derivatives (layer, in[o], out[o], &d1, &d2);
              double d_prime = 0;   /* dP/df'(pre_o) = sum_d G[o][d] J_in[o][d] */
              for (int d = 0; d < D; d++)
                {
                  float j_in = l > 0 ? jac[l - 1][(long) o * D + d] : (float) (o == d);
                  d_prime += (double) g[(long) o * D + d] * j_in;
                  g_prev[(long) o * D + d] = d1 * g[(long) o * D + d];
                }
              if (l > 0 && d2 != 0 && inject[l])
                inject[l][(long) s * w + o] += (float) d_prime * d2;
            }
          if (l == 0)
            return;
        }
      float *t = g;
      g = g_prev;
      g_prev = t;
    }
}

double
ae_contractive (const ae_net_t *net, const float *params, const ae_workspace_t *ws,
                const float *x, int n_batch, float lambda, float *grads, float **inject,
                ae_contractive_ws_t *cws)
{
  const int D = net->n_input, L = net->n_encoder;
  float *jac[AE_MAX_LAYERS];
  float *next = cws->jacobians;
  for (int l = 0; l < L; l++)
    {
      jac[l] = next;
      next += (long) net->layers[l].n_out * D;
    }
  const long n_code = (long) net->layers[L - 1].n_out * D;
  double total = 0;
  for (int s = 0; s < n_batch; s++)
    {
      jacobian_forward (net, params, ws, x, s, jac);
      double norm2 = 0;
      for (long k = 0; k < n_code; k++)
        norm2 += (double) jac[L - 1][k] * jac[L - 1][k];
      total += norm2;
      if (!grads)
        continue;
      /* G = dP/dJ of the code's Jacobian, P = lambda |J|^2 / n_batch */
      const float scale = 2.0f * lambda / n_batch;
      for (long k = 0; k < n_code; k++)
        cws->grad_a[k] = scale * jac[L - 1][k];
      jacobian_backward (net, params, ws, x, s, jac, grads, inject, cws);
    }
  return lambda * total / n_batch;
}

ae_status_t
ae_jacobian_norms2 (const ae_net_t *net, const float *params, const float *x, long n,
                    double *norms2, ae_error_t *err)
{
  ae_contractive_ws_t cws;
  ae_workspace_t ws;
  ae_status_t status = ae_contractive_init (&cws, net, err);
  if (status != AE_OK)
    return status;
  if ((status = ae_workspace_init (&ws, net, 1, err)) != AE_OK)
    {
      ae_contractive_free (&cws);
      return status;
    }
  /* one sample at a time: the penalty of a batch of one is that sample's norm */
  for (long k = 0; k < n; k++)
    {
      if (k % 64 == 0 && ae_interrupt_requested ())
        {
          status = ae_fail (err, AE_INTERRUPTED, "stopped at sample %ld of %ld", k, n);
          break;
        }
      const float *sample = x + k * net->n_input;
      ae_net_forward (net, params, &ws, sample, 1, 0, net->n_encoder);
      norms2[k] = ae_contractive (net, params, &ws, sample, 1, 1.0f, NULL, NULL, &cws);
    }
  ae_workspace_free (&ws);
  ae_contractive_free (&cws);
  return status;
}
