#include "ae_gradcheck.h"

#include <math.h>

double
ae_check_grad (ae_objective_fn f, void *ctx, float *x, const float *grad, size_t n,
               float h, double scale, size_t n_probe, size_t *worst)
{
  double worst_error = 0;
  size_t stride = n_probe >= n || n_probe == 0 ? 1 : n / n_probe;
  if (worst)
    *worst = 0;
  for (size_t i = 0; i < n; i += stride)
    {
      float saved = x[i];
      x[i] = saved + h;
      double up = f (ctx);
      x[i] = saved - h;
      double down = f (ctx);
      x[i] = saved;
      /* the step actually taken, after rounding to float */
      double step = (double) (saved + h) - (double) (saved - h);
      double numeric = (up - down) / step;
      double denom = fmax (scale, fmax (fabs (grad[i]), fabs (numeric)));
      double error = fabs (grad[i] - numeric) / denom;
      if (error > worst_error || isnan (error))
        {
          worst_error = isnan (error) ? INFINITY : error;
          if (worst)
            *worst = i;
        }
    }
  return worst_error;
}
