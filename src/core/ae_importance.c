/* Importance weights of a VAE's codes; see ae_importance.h. */
#include "ae_importance.h"

#include <math.h>

/* log p(x | decoder output) of one code: the negative training loss (the
   vectorized loops of ae_loss.c) plus the likelihood's normalizing constant */
static double
decoder_log_likelihood (const float *out, const float *x, int D, ae_loss_t loss)
{
  const double minus_loss = -ae_loss_forward (out, x, (size_t) D, loss);
  switch (loss)
    {
    case AE_LOSS_MSE:
      return minus_loss - 0.5 * D * log (M_PI);   /* Gaussian of variance 1/2 */
    case AE_LOSS_L1:
      return minus_loss - D * M_LN2;              /* Laplace of scale 1 */
    default:
      return minus_loss;                          /* Bernoulli: no constant */
    }
}

int
ae_importance_log_weights (double *log_w, const float *out, const float *x,
                           const float *stats, const float *eps, long n, long K,
                           int D, int L, ae_loss_t loss)
{
  if (loss != AE_LOSS_BCE_LOGITS && loss != AE_LOSS_MSE && loss != AE_LOSS_L1)
    return -1;
  const long n_codes = n * K;
#pragma omp parallel for schedule(static) if (n_codes * (long) D > 100000)
  for (long c = 0; c < n_codes; c++)
    {
      const long j = c % n;
      const float *mu = stats + j * 2 * L, *logvar = mu + L, *e = eps + c * L;
      /* log p(z) - log q(z|x): z = mu + sd e, so (z - mu) / sd = e */
      double log_prior_ratio = 0;
      for (int l = 0; l < L; l++)
        {
          const double z = mu[l] + exp (0.5 * (double) logvar[l]) * e[l];
          log_prior_ratio += -0.5 * z * z + 0.5 * (double) e[l] * e[l] + 0.5 * logvar[l];
        }
      log_w[c] = decoder_log_likelihood (out + c * D, x + j * D, D, loss) + log_prior_ratio;
    }
  return 0;
}
