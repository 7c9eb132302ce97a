/* Scaled conjugate gradient (Moller 1993, Neural Networks 6:525-533), the
   full-batch optimizer MATLAB's trainAutoencoder uses (trainscg). Each
   iteration estimates the curvature along the search direction p from two
   gradients, sigma apart, and takes the step a quadratic model predicts; a
   Levenberg-Marquardt-like lambda keeps that model honest. A step that does
   not lower the loss is refused, so the loss never rises. Two evaluations of
   the loss and gradient per iteration. */
#ifndef AE_SCG_H
#define AE_SCG_H

#include "ae_status.h"

/* The loss at w [n] and, when grad [n] is not NULL, its gradient. A status
   other than AE_OK stops the optimizer, except AE_ERR_NUMERIC at a trial
   point, which counts as a failed step. */
typedef ae_status_t (*ae_loss_fn_t) (void *context, const float *w, float *grad,
                                     double *loss, ae_error_t *err);

typedef struct {
  long n;
  double sigma;       /* curvature step, divided by |p| (MATLAB: 5e-5) */
  double lambda;      /* the scale, Moller's lambda_k (MATLAB starts at 5e-7) */
  double lambda_bar;
  double delta;       /* curvature along p, kept while steps fail */
  int success;        /* whether the last step was taken */
  int stalled;        /* the scale grew past 1e20: no step along p lowers the
                         loss at float precision, so iterating is pointless */
  long iteration;     /* iterations done */
  double loss;        /* at the current point */
  double *p;          /* [n] search direction */
  double *r;          /* [n] minus the gradient at the current point */
  float *trial;       /* [n] scratch: a point along p */
  float *grad;        /* [n] scratch: the gradient there */
} ae_scg_t;

/* Allocates for n parameters with MATLAB's sigma and lambda. Returns
   AE_ERR_MEMORY on failure, with nothing to free. */
ae_status_t ae_scg_init (ae_scg_t *scg, long n, ae_error_t *err);
void ae_scg_free (ae_scg_t *scg);

/* Evaluates the loss and gradient at w and points p down the gradient. */
ae_status_t ae_scg_start (ae_scg_t *scg, const float *w, ae_loss_fn_t loss_fn,
                          void *context, ae_error_t *err);

/* One iteration from w, updated in place when the step is taken (*taken
   says whether). The loss at w never rises. */
ae_status_t ae_scg_iterate (ae_scg_t *scg, float *w, ae_loss_fn_t loss_fn, void *context,
                            int *taken, ae_error_t *err);

/* |gradient| at the current point: MATLAB stops below 1e-6. */
double ae_scg_gradient_norm (const ae_scg_t *scg);

#endif
