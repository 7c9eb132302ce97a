/* Reconstruction losses, summed over elements; callers choose the scaling. */
#ifndef AE_LOSS_H
#define AE_LOSS_H

#include <stddef.h>

typedef enum {
  AE_LOSS_MSE,          /* l = (p - t)^2 */
  AE_LOSS_BCE_LOGITS,   /* l = -t log s(p) - (1 - t) log(1 - s(p)), s the sigmoid, p a logit */
  AE_LOSS_L1,           /* l = |p - t| */
  AE_LOSS_SOFTMAX_CE    /* per sample: -sum_c t_c log softmax(p)_c, p the logits of a row;
                           of an image, the sum of that over its positions, the
                           channels of each position a softmax */
} ae_loss_t;

/* Parses "mse", "bce", "l1", "crossentropy"; returns 0 on success, -1 for an
   unknown name. */
int ae_loss_parse (const char *name, ae_loss_t *kind);

/* Returns the sum over n elements of l(pred[i], target[i]), accumulated in double. */
double ae_loss_forward (const float *pred, const float *target, size_t n,
                        ae_loss_t kind);

/* d_pred[n] = scale * dl/dpred. */
void ae_loss_backward (float *d_pred, const float *pred, const float *target,
                       size_t n, ae_loss_t kind, float scale);

/* The softmax cross-entropy of n_batch rows of n_classes logits against target
   distributions (one-hot for labels): returns the sum over rows of
   logsumexp(p) sum_c t_c - sum_c t_c p_c; d_logits (may be NULL) receives
   scale * (softmax(p) sum_c t_c - t). */
double ae_softmax_ce (float *d_logits, const float *logits, const float *targets,
                      long n_batch, int n_classes, float scale);

/* The same over the positions of images: a sample is [n_classes][n_positions]
   and each position's channels are one softmax (PyTorch's cross_entropy on
   N x C x H x W); returns the sum over samples and positions. */
double ae_softmax_ce_positions (float *d_logits, const float *logits, const float *targets,
                                long n_batch, int n_classes, long n_positions, float scale);

/* Both in one pass (the training step's): returns the sum, writes d_pred. */
double ae_loss_forward_backward (float *d_pred, const float *pred, const float *target,
                                 size_t n, ae_loss_t kind, float scale);

#endif
