#include "ae_loss.h"

#include <math.h>
#include <string.h>

#include "ae_fastmath.h"

int
ae_loss_parse (const char *name, ae_loss_t *kind)
{
  if (strcmp (name, "mse") == 0)
    *kind = AE_LOSS_MSE;
  else if (strcmp (name, "bce") == 0)
    *kind = AE_LOSS_BCE_LOGITS;
  else if (strcmp (name, "l1") == 0)
    *kind = AE_LOSS_L1;
  else if (strcmp (name, "crossentropy") == 0)
    *kind = AE_LOSS_SOFTMAX_CE;
  else
    return -1;
  return 0;
}

/* One element of each loss: *loss = l(p, t) and *grad = dl/dp, the single
   definition that the loops below inline. */
AE_INLINE void
mse_element (float p, float t, float *loss, float *grad)
{
  *loss = (p - t) * (p - t);     /* (p - t)^2 */
  *grad = 2.0f * (p - t);
}

AE_INLINE void
bce_element (float p, float t, float *loss, float *grad)
{
  /* -t log s(p) - (1-t) log(1-s(p)) = max(p,0) - p t + log(1 + exp(-|p|)),
     finite for every finite logit; the gradient is s(p) - t */
  float e = ae_expf (-fabsf (p));
  *loss = (p > 0 ? p : 0.0f) - p * t + ae_log1pf_unit (e);
  *grad = ae_sigmoid_from (p, e) - t;
}

AE_INLINE void
l1_element (float p, float t, float *loss, float *grad)
{
  float d = p - t;               /* |p - t|, sign(p - t), 0 where they agree */
  *loss = fabsf (d);
  *grad = (float) (d > 0) - (float) (d < 0);
}

/* The loops work in chunks: a plain elementwise pass that vectorizes, then
   the chunk's losses summed in double, in order, so results never depend on
   how the pass was compiled. */
enum { chunk = 256 };

#define CHUNKED(element, store_grad)                                        \
  for (size_t start = 0; start < n; start += chunk)                         \
    {                                                                       \
      size_t m = n - start < chunk ? n - start : chunk;                     \
      float losses[chunk], grads[chunk];                                    \
      const float *p = pred + start, *t = target + start;                   \
      for (size_t i = 0; i < m; i++)                                        \
        element (p[i], t[i], &losses[i], &grads[i]);                        \
      if (store_grad)                                                       \
        for (size_t i = 0; i < m; i++)                                      \
          d_pred[start + i] = scale * grads[i];                             \
      for (size_t i = 0; i < m; i++)                                        \
        sum += losses[i];                                                   \
    }

/* Forward, backward or both: d_pred NULL skips the gradient. */
AE_INLINE double
loss_pass (float *d_pred, const float *pred, const float *target, size_t n,
           ae_loss_t kind, float scale)
{
  double sum = 0;
  switch (kind)
    {
    case AE_LOSS_MSE: CHUNKED (mse_element, d_pred) break;
    case AE_LOSS_BCE_LOGITS: CHUNKED (bce_element, d_pred) break;
    case AE_LOSS_L1: CHUNKED (l1_element, d_pred) break;
    case AE_LOSS_SOFTMAX_CE: break;   /* row-wise: ae_softmax_ce */
    }
  return sum;
}

AE_VECTOR_LOOP double
ae_loss_forward (const float *pred, const float *target, size_t n, ae_loss_t kind)
{
  return loss_pass (NULL, pred, target, n, kind, 0);
}

AE_VECTOR_LOOP void
ae_loss_backward (float *d_pred, const float *pred, const float *target,
                  size_t n, ae_loss_t kind, float scale)
{
  loss_pass (d_pred, pred, target, n, kind, scale);
}

AE_VECTOR_LOOP double
ae_loss_forward_backward (float *d_pred, const float *pred, const float *target,
                          size_t n, ae_loss_t kind, float scale)
{
  return loss_pass (d_pred, pred, target, n, kind, scale);
}

/* One softmax of n_classes logits `stride` apart against its targets: the
   cross-entropy, and its gradient times scale into d (unless NULL). */
static double
softmax_ce_row (float *d, const float *z, const float *t, int n_classes, long stride,
                float scale)
{
  float top = z[0];
  for (int c = 1; c < n_classes; c++)
    top = z[c * stride] > top ? z[c * stride] : top;
  double sum_exp = 0, mass = 0, dot = 0;
  for (int c = 0; c < n_classes; c++)
    {
      sum_exp += exp ((double) z[c * stride] - top);
      mass += t[c * stride];
      dot += (double) t[c * stride] * z[c * stride];
    }
  double log_sum_exp = top + log (sum_exp);   /* computed from the largest logit: no overflow */
  if (d)
    for (int c = 0; c < n_classes; c++)
      d[c * stride] = scale * (float) (exp ((double) z[c * stride] - log_sum_exp) * mass
                                       - t[c * stride]);
  return mass * log_sum_exp - dot;
}

double
ae_softmax_ce (float *d_logits, const float *logits, const float *targets, long n_batch,
               int n_classes, float scale)
{
  return ae_softmax_ce_positions (d_logits, logits, targets, n_batch, n_classes, 1, scale);
}

double
ae_softmax_ce_positions (float *d_logits, const float *logits, const float *targets,
                         long n_batch, int n_classes, long n_positions, float scale)
{
  double total = 0;
  const long per = (long) n_classes * n_positions;
  for (long b = 0; b < n_batch; b++)
    for (long p = 0; p < n_positions; p++)
      {
        const long at = b * per + p;
        total += softmax_ce_row (d_logits ? d_logits + at : NULL, logits + at, targets + at,
                                 n_classes, n_positions, scale);
      }
  return total;
}
