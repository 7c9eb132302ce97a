#include "ae_scg_train.h"

#include <string.h>

/* The full-batch loss as SCG sees it, keeping the parts of the last value. */
static ae_status_t
trainer_loss (void *context, const float *w, float *grad, double *loss, ae_error_t *err)
{
  ae_scg_trainer_t *t = context;
  ae_status_t status = ae_full_batch_eval (&t->fb, w, grad, &t->trial, err);
  *loss = t->trial.loss;
  return status;
}

ae_status_t
ae_scg_trainer_init (ae_scg_trainer_t *t, const ae_net_t *net,
                     const ae_objective_t *objective,
                     const ae_regularization_t *regularization, const float *x,
                     const float *targets, long n, ae_error_t *err)
{
  memset (t, 0, sizeof *t);
  ae_status_t status = ae_full_batch_init (&t->fb, net, objective, regularization, x, targets,
                                           n, err);
  if (status != AE_OK)
    return status;
  if ((status = ae_scg_init (&t->scg, net->n_params, err)) != AE_OK)
    ae_full_batch_free (&t->fb);
  return status;
}

void
ae_scg_trainer_free (ae_scg_trainer_t *t)
{
  ae_scg_free (&t->scg);
  ae_full_batch_free (&t->fb);
}

ae_status_t
ae_scg_trainer_start (ae_scg_trainer_t *t, const float *params, ae_error_t *err)
{
  ae_status_t status = ae_scg_start (&t->scg, params, trainer_loss, t, err);
  t->current = t->trial;
  return status;
}

ae_scg_progress_t
ae_scg_trainer_progress (const ae_scg_trainer_t *t)
{
  const ae_scg_t *scg = &t->scg;
  return (ae_scg_progress_t) { .iteration = scg->iteration, .lambda = scg->lambda,
                               .lambda_bar = scg->lambda_bar, .delta = scg->delta,
                               .success = scg->success, .stalled = scg->stalled,
                               .current = t->current };
}

void
ae_scg_trainer_resume (ae_scg_trainer_t *t, const ae_scg_progress_t *progress,
                       const double *p, const double *r)
{
  ae_scg_t *scg = &t->scg;
  scg->iteration = progress->iteration;
  scg->loss = progress->current.loss;
  scg->lambda = progress->lambda;
  scg->lambda_bar = progress->lambda_bar;
  scg->delta = progress->delta;
  scg->success = progress->success;
  scg->stalled = progress->stalled;
  t->current = progress->current;
  memcpy (scg->p, p, (size_t) scg->n * sizeof *p);
  memcpy (scg->r, r, (size_t) scg->n * sizeof *r);
}

ae_status_t
ae_scg_trainer_run (ae_scg_trainer_t *t, float *params, int n_iterations,
                    double min_gradient, int (*should_stop) (void *context), void *context,
                    ae_scg_record_t *records, int *n_done, ae_scg_stop_t *why,
                    ae_error_t *err)
{
  *n_done = 0;
  *why = AE_SCG_ITERATIONS_DONE;
  for (;;)
    {
      if (t->scg.stalled)
        *why = AE_SCG_STALLED;
      else if (ae_scg_gradient_norm (&t->scg) <= min_gradient)
        *why = AE_SCG_MIN_GRADIENT;
      if (*why != AE_SCG_ITERATIONS_DONE || *n_done >= n_iterations)
        return AE_OK;
      int taken;
      ae_status_t status = ae_scg_iterate (&t->scg, params, trainer_loss, t, &taken, err);
      if (status != AE_OK)
        return status;
      if (taken)
        t->current = t->trial;
      records[(*n_done)++] = (ae_scg_record_t) {
        .loss = t->current.loss, .reconstruction = t->current.reconstruction,
        .penalty = t->current.penalty, .gradient_norm = ae_scg_gradient_norm (&t->scg),
        .taken = taken
      };
      if (should_stop && should_stop (context))
        return ae_fail (err, AE_INTERRUPTED, "training interrupted at iteration %ld",
                        t->scg.iteration);
    }
}

const char *
ae_scg_stop_reason (ae_scg_stop_t why)
{
  switch (why)
    {
    case AE_SCG_MIN_GRADIENT: return "minimum gradient reached";
    case AE_SCG_STALLED: return "no step lowers the loss at single precision";
    default: return "iterations done";
    }
}
