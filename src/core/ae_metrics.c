#include "ae_metrics.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* LAPACK's symmetric eigensolver (OpenBLAS ships LAPACK); the trailing
   arguments are the lengths of the two character arguments (gfortran ABI). */
extern void dsyevd_ (const char *jobz, const char *uplo, const int *n, double *a,
                     const int *lda, double *w, double *work, const int *lwork, int *iwork,
                     const int *liwork, int *info, size_t jobz_len, size_t uplo_len);

void
ae_mse (double *mse, const double *a, const double *b, long n, long d)
{
  for (long k = 0; k < n; k++)
    {
      double sum = 0;
      for (long i = 0; i < d; i++)
        {
          double diff = a[k * d + i] - b[k * d + i];
          sum += diff * diff;
        }
      mse[k] = sum / d;
    }
}

/* ---- SSIM ---- */

/* out [(h-m+1) x (w-m+1)] = the m-tap window g applied along both axes of
   x [h x w] (h the fast index), 'valid' region only; tmp holds (h-m+1) x w. */
static void
filter_valid (double *out, double *tmp, const double *x, int h, int w, const double *g, int m)
{
  const int ho = h - m + 1, wo = w - m + 1;
  for (int j = 0; j < w; j++)
    for (int i = 0; i < ho; i++)
      {
        double s = 0;
        for (int u = 0; u < m; u++)
          s += g[u] * x[(long) j * h + i + u];
        tmp[(long) j * ho + i] = s;
      }
  for (int j = 0; j < wo; j++)
    for (int i = 0; i < ho; i++)
      {
        double s = 0;
        for (int v = 0; v < m; v++)
          s += g[v] * tmp[(long) (j + v) * ho + i];
        out[(long) j * ho + i] = s;
      }
}

/* g(u) ~ exp(-x^2 / (2 sigma^2)) over m taps, summing to 1 */
static void
gaussian_window (double *g, int m, double sigma)
{
  double total = 0;
  for (int u = 0; u < m; u++)
    {
      double x = u - (m - 1) / 2.0;
      g[u] = exp (-0.5 * x * x / (sigma * sigma));
      total += g[u];
    }
  for (int u = 0; u < m; u++)
    g[u] /= total;
}

/* The mean of the SSIM map of n values from the five filtered maps (means of
   x, y, x^2, y^2 and xy), written to map unless it is NULL. */
static double
ssim_map (double *map, const double *filt, long n, double c1, double c2)
{
  double sum = 0;
  for (long i = 0; i < n; i++)
    {
      double mx = filt[i], my = filt[n + i];
      /* population (not sample) variances and covariance, as Wang et al. */
      double vx = filt[2 * n + i] - mx * mx, vy = filt[3 * n + i] - my * my;
      double cxy = filt[4 * n + i] - mx * my;
      double s = ((2 * mx * my + c1) * (2 * cxy + c2))
                 / ((mx * mx + my * my + c1) * (vx + vy + c2));
      if (map)
        map[i] = s;
      sum += s;
    }
  return sum / n;
}

ae_status_t
ae_ssim (double *ssim, double *map, const double *a, const double *b, long n_planes,
         int h, int w, const ae_ssim_config_t *config, ae_error_t *err)
{
  const int m = config->window;
  if (m < 1 || h < m || w < m)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "images of %d-by-%d are smaller than the %d-by-%d window", h, w, m, m);
  const int ho = h - m + 1, wo = w - m + 1;
  const long n_in = (long) h * w, n_out = (long) ho * wo;
  /* window, 5 products, the horizontal pass, 5 filtered maps */
  double *scratch = malloc (((size_t) m + 5 * n_in + (size_t) ho * w + 5 * n_out)
                            * sizeof (double));
  if (!scratch)
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate SSIM scratch for %d-by-%d images", h, w);
  double *g = scratch, *prod = g + m, *tmp = prod + 5 * n_in, *filt = tmp + (long) ho * w;
  gaussian_window (g, m, config->sigma);
  const double c1 = pow (config->k1 * config->range, 2), c2 = pow (config->k2 * config->range, 2);
  for (long p = 0; p < n_planes; p++)
    {
      if (p % 64 == 0 && ae_interrupt_requested ())
        {
          free (scratch);
          return ae_fail (err, AE_INTERRUPTED, "SSIM stopped at image %ld of %ld", p, n_planes);
        }
      const double *x = a + p * n_in, *y = b + p * n_in;
      for (long i = 0; i < n_in; i++)
        {
          prod[i] = x[i];
          prod[n_in + i] = y[i];
          prod[2 * n_in + i] = x[i] * x[i];
          prod[3 * n_in + i] = y[i] * y[i];
          prod[4 * n_in + i] = x[i] * y[i];
        }
      for (int q = 0; q < 5; q++)
        filter_valid (filt + q * n_out, tmp, prod + q * n_in, h, w, g, m);
      ssim[p] = ssim_map (map ? map + p * n_out : NULL, filt, n_out, c1, c2);
    }
  free (scratch);
  return AE_OK;
}

/* ---- FID ---- */

/* mean [d] and covariance cov [d][d] (normalised by n - 1) of x [n][d];
   centred [n][d] is scratch. */
static void
mean_and_covariance (double *mean, double *cov, double *centred, const double *x, long n, long d)
{
  memset (mean, 0, d * sizeof *mean);
  for (long k = 0; k < n; k++)
    for (long j = 0; j < d; j++)
      mean[j] += x[k * d + j];
  for (long j = 0; j < d; j++)
    mean[j] /= n;
  for (long k = 0; k < n; k++)
    for (long j = 0; j < d; j++)
      centred[k * d + j] = x[k * d + j] - mean[j];
  cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, (int) d, (int) n, 1.0 / (n - 1),
               centred, (int) d, 0.0, cov, (int) d);
  for (long i = 0; i < d; i++)
    for (long j = 0; j < i; j++)
      cov[i * d + j] = cov[j * d + i];
}

/* Eigenvalues w [d] (ascending) and, in a [d][d], the eigenvectors as columns
   (column-major; a symmetric input reads the same either way). */
static int
symmetric_eigen (double *a, double *w, long d)
{
  int n = (int) d, info, lwork = -1, liwork = -1, iwork_query;
  double work_query;
  dsyevd_ ("V", "U", &n, a, &n, w, &work_query, &lwork, &iwork_query, &liwork, &info, 1, 1);
  if (info != 0)
    return info;
  lwork = (int) work_query;
  liwork = iwork_query;
  double *work = malloc ((size_t) lwork * sizeof *work);
  int *iwork = malloc ((size_t) liwork * sizeof *iwork);
  if (!work || !iwork)
    info = -1000;
  else
    dsyevd_ ("V", "U", &n, a, &n, w, work, &lwork, iwork, &liwork, &info, 1, 1);
  free (work);
  free (iwork);
  return info;
}

/* Tr((c1 c2)^(1/2)) = sum of sqrt(eig(c1^(1/2) c2 c1^(1/2))); c1 is overwritten. */
static int
trace_sqrt_product (double *result, double *c1, const double *c2, long d, double *s,
                    double *t, double *w)
{
  int info = symmetric_eigen (c1, w, d);   /* c1 now holds V, column j an eigenvector */
  if (info != 0)
    return info;
  /* t = V diag(sqrt(w)), then s = t V^T = c1^(1/2) (all column-major) */
  for (long j = 0; j < d; j++)
    {
      double root = sqrt (fmax (w[j], 0.0));
      for (long i = 0; i < d; i++)
        t[j * d + i] = c1[j * d + i] * root;
    }
  cblas_dgemm (CblasColMajor, CblasNoTrans, CblasTrans, (int) d, (int) d, (int) d, 1.0, t,
               (int) d, c1, (int) d, 0.0, s, (int) d);
  /* m = s c2 s, into c1's storage */
  cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans, (int) d, (int) d, (int) d, 1.0, s,
               (int) d, c2, (int) d, 0.0, t, (int) d);
  cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans, (int) d, (int) d, (int) d, 1.0, t,
               (int) d, s, (int) d, 0.0, c1, (int) d);
  for (long i = 0; i < d; i++)          /* symmetric up to rounding: make it exactly so */
    for (long j = 0; j < i; j++)
      c1[j * d + i] = c1[i * d + j] = 0.5 * (c1[j * d + i] + c1[i * d + j]);
  if ((info = symmetric_eigen (c1, w, d)) != 0)
    return info;
  double sum = 0;
  for (long j = 0; j < d; j++)
    sum += sqrt (fmax (w[j], 0.0));
  *result = sum;
  return 0;
}

ae_status_t
ae_fid (double *fid, const double *x1, long n1, const double *x2, long n2, long d,
        ae_error_t *err)
{
  if (n1 < 2 || n2 < 2 || d < 1)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "FID needs at least 2 samples in each set (got %ld and %ld)", n1, n2);
  long n_max = n1 > n2 ? n1 : n2;
  double *block = malloc (((size_t) 2 * d + 5 * (size_t) d * d + (size_t) n_max * d + d)
                          * sizeof (double));
  if (!block)
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate FID scratch for %ld features", d);
  double *mean1 = block, *mean2 = mean1 + d, *cov1 = mean2 + d, *cov2 = cov1 + d * d;
  double *work = cov2 + d * d, *s = work + d * d, *t = s + d * d;
  double *centred = t + d * d, *w = centred + n_max * d;
  mean_and_covariance (mean1, cov1, centred, x1, n1, d);
  mean_and_covariance (mean2, cov2, centred, x2, n2, d);
  double dist = 0, trace = 0;
  for (long j = 0; j < d; j++)
    {
      dist += (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]);
      trace += cov1[j * d + j] + cov2[j * d + j];
    }
  double root_trace = 0;
  memcpy (work, cov1, (size_t) d * d * sizeof (double));   /* the eigensolver overwrites it */
  int info = trace_sqrt_product (&root_trace, work, cov2, d, s, t, w);
  if (info == 0 && !isfinite (root_trace))
    {
      /* pytorch-fid's fallback for a singular product: offset both diagonals */
      for (long j = 0; j < d; j++)
        {
          cov1[j * d + j] += 1e-6;
          cov2[j * d + j] += 1e-6;
        }
      memcpy (work, cov1, (size_t) d * d * sizeof (double));
      info = trace_sqrt_product (&root_trace, work, cov2, d, s, t, w);
    }
  free (block);
  if (info != 0)
    return ae_fail (err, AE_ERR_NUMERIC, "the eigensolver failed (LAPACK dsyevd info %d)", info);
  *fid = dist + trace - 2 * root_trace;
  return AE_OK;
}

/* ---- precision and recall ---- */

enum { distance_block = 256 };

/* squared norms of the rows of x [n][d] */
static void
row_norms (double *norms, const double *x, long n, long d)
{
  for (long k = 0; k < n; k++)
    {
      double s = 0;
      for (long j = 0; j < d; j++)
        s += x[k * d + j] * x[k * d + j];
      norms[k] = s;
    }
}

/* dist [rows][n_p] = squared distances of q [rows][d] (norms nq) to p [n_p][d] (norms np) */
static void
block_distances (double *dist, const double *q, const double *nq, long rows, const double *p,
                 const double *np, long n_p, long d)
{
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) rows, (int) n_p, (int) d, -2.0,
               q, (int) d, p, (int) d, 0.0, dist, (int) n_p);
  for (long r = 0; r < rows; r++)
    for (long c = 0; c < n_p; c++)
      dist[r * n_p + c] = fmax (dist[r * n_p + c] + nq[r] + np[c], 0.0);
}

/* radius2[i] = squared distance from x[i] to its k-th nearest other point of x;
   returns non-zero when stopped by ae_interrupt_requested */
static int
knn_radii (double *radius2, const double *x, const double *norms, long n, long d, int k,
           double *dist, double *best)
{
  for (long start = 0; start < n; start += distance_block)
    {
      if (ae_interrupt_requested ())
        return 1;
      long rows = n - start < distance_block ? n - start : distance_block;
      block_distances (dist, x + start * d, norms + start, rows, x, norms, n, d);
      for (long r = 0; r < rows; r++)
        {
          /* the k smallest, ascending, by insertion */
          int n_best = 0;
          for (long c = 0; c < n; c++)
            {
              if (c == start + r)
                continue;
              double v = dist[r * n + c];
              if (n_best == k && v >= best[k - 1])
                continue;
              int at = n_best < k ? n_best++ : k - 1;
              while (at > 0 && best[at - 1] > v)
                {
                  best[at] = best[at - 1];
                  at--;
                }
              best[at] = v;
            }
          radius2[start + r] = best[k - 1];
        }
    }
  return 0;
}

/* *fraction = the fraction of q points within the radius of some p point
   (inclusive); returns non-zero when stopped by ae_interrupt_requested */
static int
coverage (double *fraction, const double *q, const double *nq, long n_q, const double *p,
          const double *np, const double *radius2, long n_p, long d, double *dist)
{
  long inside = 0;
  for (long start = 0; start < n_q; start += distance_block)
    {
      if (ae_interrupt_requested ())
        return 1;
      long rows = n_q - start < distance_block ? n_q - start : distance_block;
      block_distances (dist, q + start * d, nq + start, rows, p, np, n_p, d);
      for (long r = 0; r < rows; r++)
        for (long c = 0; c < n_p; c++)
          if (dist[r * n_p + c] <= radius2[c])
            {
              inside++;
              break;
            }
    }
  *fraction = (double) inside / n_q;
  return 0;
}

ae_status_t
ae_precision_recall (double *precision, double *recall, const double *real, long n_real,
                     const double *fake, long n_fake, long d, int k, ae_error_t *err)
{
  if (k < 1 || n_real <= k || n_fake <= k)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "k = %d needs more than k samples in each set (got %ld and %ld)", k,
                    n_real, n_fake);
  long n_max = n_real > n_fake ? n_real : n_fake;
  double *block = malloc (((size_t) 4 * n_max + (size_t) distance_block * n_max + k)
                          * sizeof (double));
  if (!block)
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate %ld-by-%ld distances",
                    (long) distance_block, n_max);
  double *norm_real = block, *norm_fake = norm_real + n_max, *radius_real = norm_fake + n_max;
  double *radius_fake = radius_real + n_max, *dist = radius_fake + n_max;
  double *best = dist + (size_t) distance_block * n_max;
  row_norms (norm_real, real, n_real, d);
  row_norms (norm_fake, fake, n_fake, d);
  int stopped = knn_radii (radius_real, real, norm_real, n_real, d, k, dist, best)
                || knn_radii (radius_fake, fake, norm_fake, n_fake, d, k, dist, best)
                || coverage (precision, fake, norm_fake, n_fake, real, norm_real, radius_real,
                             n_real, d, dist)
                || coverage (recall, real, norm_real, n_real, fake, norm_fake, radius_fake,
                             n_fake, d, dist);
  free (block);
  return stopped ? ae_fail (err, AE_INTERRUPTED, "precision and recall stopped") : AE_OK;
}
