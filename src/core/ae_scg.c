#include "ae_scg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

ae_status_t
ae_scg_init (ae_scg_t *scg, long n, ae_error_t *err)
{
  memset (scg, 0, sizeof *scg);
  if (n < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "nothing to optimize");
  scg->n = n;
  scg->sigma = 5e-5;
  scg->lambda = 5e-7;
  scg->success = 1;
  scg->p = malloc ((size_t) n * sizeof *scg->p);
  scg->r = malloc ((size_t) n * sizeof *scg->r);
  scg->trial = malloc ((size_t) n * sizeof *scg->trial);
  scg->grad = malloc ((size_t) n * sizeof *scg->grad);
  if (!scg->p || !scg->r || !scg->trial || !scg->grad)
    {
      ae_scg_free (scg);
      return ae_fail (err, AE_ERR_MEMORY, "cannot allocate the optimizer for %ld parameters", n);
    }
  return AE_OK;
}

void
ae_scg_free (ae_scg_t *scg)
{
  free (scg->p);
  free (scg->r);
  free (scg->trial);
  free (scg->grad);
  scg->p = scg->r = NULL;
  scg->trial = scg->grad = NULL;
}

ae_status_t
ae_scg_start (ae_scg_t *scg, const float *w, ae_loss_fn_t loss_fn, void *context,
              ae_error_t *err)
{
  ae_status_t status = loss_fn (context, w, scg->grad, &scg->loss, err);
  if (status != AE_OK)
    return status;
  for (long i = 0; i < scg->n; i++)
    scg->p[i] = scg->r[i] = -(double) scg->grad[i];
  scg->success = 1;
  scg->stalled = 0;
  scg->lambda_bar = 0;
  return AE_OK;
}

static double
dot (const double *a, const double *b, long n)
{
  double s = 0;
  for (long i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

/* trial = w + step * p */
static void
move_along (float *trial, const float *w, const double *p, double step, long n)
{
  for (long i = 0; i < n; i++)
    trial[i] = (float) (w[i] + step * p[i]);
}

/* Moller's steps 2 to 4: the curvature p' H p along p, from gradients
   sigma / |p| apart, raised by the scale until it is positive. */
static ae_status_t
scaled_curvature (ae_scg_t *scg, const float *w, double p2, ae_loss_fn_t loss_fn,
                  void *context, ae_error_t *err)
{
  if (scg->success)
    {
      const double sigma_k = scg->sigma / sqrt (p2);
      double loss_there;
      move_along (scg->trial, w, scg->p, sigma_k, scg->n);
      ae_status_t status = loss_fn (context, scg->trial, scg->grad, &loss_there, err);
      if (status != AE_OK)
        return status;
      /* s = (g(w + sigma_k p) - g(w)) / sigma_k, and g(w) = -r */
      double delta = 0;
      for (long i = 0; i < scg->n; i++)
        delta += scg->p[i] * ((scg->grad[i] + scg->r[i]) / sigma_k);
      scg->delta = delta;
    }
  scg->delta += (scg->lambda - scg->lambda_bar) * p2;
  if (scg->delta <= 0)
    {
      /* make the Hessian estimate positive definite */
      scg->lambda_bar = 2 * (scg->lambda - scg->delta / p2);
      scg->delta = -scg->delta + scg->lambda * p2;
      scg->lambda = scg->lambda_bar;
    }
  return AE_OK;
}

/* The residual at the point just taken (minus its gradient), and the next
   direction, conjugate to p, or the gradient again every n iterations; mu is
   the step's p'r. */
static void
next_direction (ae_scg_t *scg, double mu)
{
  const long n = scg->n;
  double r_new_r = 0, r_new2 = 0;
  for (long i = 0; i < n; i++)
    {
      double r_new = -(double) scg->grad[i];
      r_new_r += r_new * scg->r[i];
      r_new2 += r_new * r_new;
      scg->r[i] = r_new;
    }
  const int restart = (scg->iteration + 1) % n == 0;
  const double beta = restart ? 0 : (r_new2 - r_new_r) / mu;
  for (long i = 0; i < n; i++)
    scg->p[i] = scg->r[i] + beta * scg->p[i];
}

ae_status_t
ae_scg_iterate (ae_scg_t *scg, float *w, ae_loss_fn_t loss_fn, void *context, int *taken,
                ae_error_t *err)
{
  const long n = scg->n;
  const double p2 = dot (scg->p, scg->p, n);
  *taken = 0;
  if (p2 == 0 || scg->stalled)
    return AE_OK;            /* at a stationary point: nothing to do */
  /* a loss that fails or is interrupted leaves the iteration undone: its
     scalars are put back (w, p and r change only when a step is taken) */
  const ae_scg_t before = *scg;
  ae_status_t status = scaled_curvature (scg, w, p2, loss_fn, context, err);
  if (status != AE_OK)
    {
      *scg = before;
      return status;
    }

  /* step 5: the step size the quadratic model predicts, alpha = p'r / delta */
  const double mu = dot (scg->p, scg->r, n), alpha = mu / scg->delta;
  double new_loss;
  move_along (scg->trial, w, scg->p, alpha, n);
  status = loss_fn (context, scg->trial, scg->grad, &new_loss, err);
  if (status == AE_ERR_NUMERIC)
    new_loss = INFINITY;
  else if (status != AE_OK)
    {
      *scg = before;
      return status;
    }

  /* step 6: how well the model predicted the decrease */
  const double comparison = 2 * scg->delta * (scg->loss - new_loss) / (mu * mu);
  if (comparison >= 0 && isfinite (new_loss))
    {
      /* step 7: take the step */
      memcpy (w, scg->trial, (size_t) n * sizeof *w);
      next_direction (scg, mu);
      scg->loss = new_loss;
      scg->lambda_bar = 0;
      scg->success = 1;
      *taken = 1;
      if (comparison >= 0.75)
        scg->lambda *= 0.25;
    }
  else
    {
      scg->lambda_bar = scg->lambda;
      scg->success = 0;
    }
  /* step 8: a poor prediction raises the scale */
  if (comparison < 0.25 || !isfinite (new_loss))
    scg->lambda += scg->delta * (1 - (isfinite (comparison) ? comparison : -1)) / p2;
  scg->stalled = !(scg->lambda <= 1e20);
  scg->iteration++;
  return AE_OK;
}

double
ae_scg_gradient_norm (const ae_scg_t *scg)
{
  return sqrt (dot (scg->r, scg->r, scg->n));
}
