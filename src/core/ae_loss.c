#include "ae_loss.h"

#include <math.h>
#include <string.h>

int
ae_loss_parse (const char *name, ae_loss_t *kind)
{
  if (strcmp (name, "mse") == 0)
    *kind = AE_LOSS_MSE;
  else if (strcmp (name, "bce") == 0)
    *kind = AE_LOSS_BCE_LOGITS;
  else if (strcmp (name, "l1") == 0)
    *kind = AE_LOSS_L1;
  else
    return -1;
  return 0;
}

double
ae_loss_forward (const float *pred, const float *target, size_t n, ae_loss_t kind)
{
  double sum = 0;
  switch (kind)
    {
    case AE_LOSS_MSE:
      for (size_t i = 0; i < n; i++)
        {
          double diff = (double) pred[i] - target[i];
          sum += diff * diff;
        }
      break;
    case AE_LOSS_BCE_LOGITS:
      /* -t log s(x) - (1-t) log(1-s(x)) = max(x,0) - x t + log(1 + exp(-|x|)),
         finite for every finite logit */
      for (size_t i = 0; i < n; i++)
        {
          float x = pred[i];
          sum += fmaxf (x, 0.0f) - x * target[i] + log1pf (expf (-fabsf (x)));
        }
      break;
    case AE_LOSS_L1:
      for (size_t i = 0; i < n; i++)
        sum += fabsf (pred[i] - target[i]);
      break;
    }
  return sum;
}

void
ae_loss_backward (float *d_pred, const float *pred, const float *target,
                  size_t n, ae_loss_t kind, float scale)
{
  switch (kind)
    {
    case AE_LOSS_MSE:               /* dl/dp = 2 (p - t) */
      for (size_t i = 0; i < n; i++)
        d_pred[i] = 2.0f * scale * (pred[i] - target[i]);
      break;
    case AE_LOSS_BCE_LOGITS:        /* dl/dx = s(x) - t */
      for (size_t i = 0; i < n; i++)
        {
          float x = pred[i];
          float s = x >= 0 ? 1.0f / (1.0f + expf (-x)) : expf (x) / (1.0f + expf (x));
          d_pred[i] = scale * (s - target[i]);
        }
      break;
    case AE_LOSS_L1:                /* dl/dp = sign(p - t), 0 where they agree */
      for (size_t i = 0; i < n; i++)
        {
          float diff = pred[i] - target[i];
          d_pred[i] = diff > 0 ? scale : (diff < 0 ? -scale : 0.0f);
        }
      break;
    }
}
