/* Full-batch training by scaled conjugate gradient (ae_scg.h) on the loss of
   a whole data set (ae_full_batch_t): the loop MATLAB's trainAutoencoder
   runs (trainscg), with its stop rules, a record per iteration and a
   should-stop callback, as ae_trainer_epoch has. Runs can be resumed: a run
   of k iterations followed by one of m is the run of k + m. */
#ifndef AE_SCG_TRAIN_H
#define AE_SCG_TRAIN_H

#include "ae_scg.h"
#include "ae_train.h"

typedef enum {
  AE_SCG_ITERATIONS_DONE,   /* the iterations asked for are done */
  AE_SCG_MIN_GRADIENT,      /* the gradient's norm fell to the minimum */
  AE_SCG_STALLED            /* no step lowers the loss at single precision */
} ae_scg_stop_t;

typedef struct {
  double loss, reconstruction, penalty;   /* at the current point after the iteration */
  double gradient_norm;
  int taken;                              /* whether the iteration's step was taken */
} ae_scg_record_t;

typedef struct {
  ae_full_batch_t fb;
  ae_scg_t scg;
  ae_full_batch_value_t current;   /* the loss's parts at the current point */
  ae_full_batch_value_t trial;     /* at the last point evaluated */
} ae_scg_trainer_t;

/* As ae_full_batch_init, with the optimizer for the network's parameters;
   nothing to free on failure. */
ae_status_t ae_scg_trainer_init (ae_scg_trainer_t *t, const ae_net_t *net,
                                 const ae_objective_t *objective,
                                 const ae_regularization_t *regularization, const float *x,
                                 const float *targets, long n, ae_error_t *err);
void ae_scg_trainer_free (ae_scg_trainer_t *t);

/* A new run from params: evaluates the loss and gradient there. */
ae_status_t ae_scg_trainer_start (ae_scg_trainer_t *t, const float *params, ae_error_t *err);

/* What a run leaves for the next to go on from, besides the search direction
   and minus the gradient (t->scg.p and t->scg.r, [n_params] each). */
typedef struct {
  long iteration;
  double lambda, lambda_bar, delta;
  int success, stalled;
  ae_full_batch_value_t current;   /* the loss and its parts at the current point */
} ae_scg_progress_t;

ae_scg_progress_t ae_scg_trainer_progress (const ae_scg_trainer_t *t);

/* Instead of ae_scg_trainer_start: go on from a run's progress, p and r. */
void ae_scg_trainer_resume (ae_scg_trainer_t *t, const ae_scg_progress_t *progress,
                            const double *p, const double *r);

/* Up to n_iterations iterations from params (updated in place), each
   recorded in records[0 .. *n_done); stops early, saying why in *why, when
   the gradient's norm is at most min_gradient or no step lowers the loss.
   AE_INTERRUPTED when should_stop (context) asks, after a whole iteration;
   any other failure leaves params at the last point taken. */
ae_status_t ae_scg_trainer_run (ae_scg_trainer_t *t, float *params, int n_iterations,
                                double min_gradient, int (*should_stop) (void *context),
                                void *context, ae_scg_record_t *records, int *n_done,
                                ae_scg_stop_t *why, ae_error_t *err);

/* "iterations done", "minimum gradient reached", "no step lowers the loss at
   single precision" */
const char *ae_scg_stop_reason (ae_scg_stop_t why);

#endif
