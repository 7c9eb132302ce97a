#include "ae_activation.h"

#include <math.h>
#include <string.h>

#include "ae_fastmath.h"

static const char *const names[] = {
  [AE_ACT_IDENTITY] = "identity", [AE_ACT_RELU] = "relu",
  [AE_ACT_LEAKY_RELU] = "leakyrelu", [AE_ACT_SIGMOID] = "sigmoid",
  [AE_ACT_TANH] = "tanh", [AE_ACT_SOFTPLUS] = "softplus",
  [AE_ACT_SATLIN] = "satlin"
};

int
ae_activation_parse (const char *name, ae_activation_t *kind)
{
  for (int k = 0; k < (int) (sizeof names / sizeof names[0]); k++)
    if (strcmp (name, names[k]) == 0)
      {
        *kind = (ae_activation_t) k;
        return 0;
      }
  return -1;
}

const char *
ae_activation_name (ae_activation_t kind)
{
  return names[kind];
}

/* Overflow-free sigmoid: exp is only taken of a non-positive number. */
AE_INLINE float
stable_sigmoid (float x)
{
  return ae_sigmoid_from (x, ae_expf (-fabsf (x)));
}

AE_VECTOR_LOOP void
ae_activation_forward (float *out, const float *in, size_t n,
                       ae_activation_t kind, float slope)
{
  switch (kind)
    {
    case AE_ACT_IDENTITY:
      if (out != in)
        memcpy (out, in, n * sizeof *out);
      break;
    case AE_ACT_RELU:            /* f(x) = max(x, 0) */
      for (size_t i = 0; i < n; i++)
        out[i] = in[i] > 0 ? in[i] : 0.0f;
      break;
    case AE_ACT_LEAKY_RELU:      /* f(x) = x if x > 0, else slope * x */
      for (size_t i = 0; i < n; i++)
        out[i] = in[i] > 0 ? in[i] : slope * in[i];
      break;
    case AE_ACT_SIGMOID:         /* f(x) = 1 / (1 + exp(-x)) */
      for (size_t i = 0; i < n; i++)
        out[i] = stable_sigmoid (in[i]);
      break;
    case AE_ACT_TANH:
      for (size_t i = 0; i < n; i++)
        out[i] = tanhf (in[i]);
      break;
    case AE_ACT_SOFTPLUS:        /* f(x) = log(1 + exp(x)) = max(x,0) + log1p(exp(-|x|)) */
      for (size_t i = 0; i < n; i++)
        out[i] = (in[i] > 0 ? in[i] : 0.0f) + ae_log1pf_unit (ae_expf (-fabsf (in[i])));
      break;
    case AE_ACT_SATLIN:          /* f(x) = min(max(x, 0), 1) */
      for (size_t i = 0; i < n; i++)
        out[i] = in[i] > 0 ? (in[i] < 1 ? in[i] : 1.0f) : 0.0f;
      break;
    }
}

AE_VECTOR_LOOP void
ae_activation_backward (float *d_in, const float *d_out, const float *in,
                        const float *out, size_t n, ae_activation_t kind,
                        float slope)
{
  switch (kind)
    {
    case AE_ACT_IDENTITY:
      if (d_in != d_out)
        memcpy (d_in, d_out, n * sizeof *d_in);
      break;
    case AE_ACT_RELU:
      for (size_t i = 0; i < n; i++)
        d_in[i] = in[i] > 0 ? d_out[i] : 0.0f;
      break;
    case AE_ACT_LEAKY_RELU:
      for (size_t i = 0; i < n; i++)
        d_in[i] = in[i] > 0 ? d_out[i] : slope * d_out[i];
      break;
    case AE_ACT_SIGMOID:         /* f' = f (1 - f) */
      for (size_t i = 0; i < n; i++)
        d_in[i] = d_out[i] * out[i] * (1.0f - out[i]);
      break;
    case AE_ACT_TANH:            /* f' = 1 - f^2 */
      for (size_t i = 0; i < n; i++)
        d_in[i] = d_out[i] * (1.0f - out[i] * out[i]);
      break;
    case AE_ACT_SOFTPLUS:        /* f' = sigmoid(x) */
      for (size_t i = 0; i < n; i++)
        d_in[i] = d_out[i] * stable_sigmoid (in[i]);
      break;
    case AE_ACT_SATLIN:          /* f' = 1 inside (0, 1), else 0 */
      for (size_t i = 0; i < n; i++)
        d_in[i] = in[i] > 0 && in[i] < 1 ? d_out[i] : 0.0f;
      break;
    }
}
