/* The metrics against scikit-image (SSIM, PSNR), SciPy (FID) and a NumPy
   precision/recall (tests/reference/make_metrics_reference.py wrote
   metrics.txt), and their edge cases. */
#include <math.h>

#include "test_util.h"

enum { h = 28, w = 24 };

static double
reference (const char *name)
{
  double v[1];
  reference_values ("metrics.txt", name, v, 1);
  return v[0];
}

static void
formula (double *out, long n, double a, double b, double scale, double offset)
{
  for (long k = 0; k < n; k++)
    out[k] = offset + scale * sin (a * k + b);
}

/* plane p of make_metrics_reference.py's image pairs, column-major */
static void
image_pair (double *x, double *y, int p)
{
  static double t1[h * w], t2[h * w];
  formula (t1, h * w, 0.37 + 0.01 * p, 0.3 * p, 0.5, 0.5);
  formula (t2, h * w, 0.011, p, 0.4, 0.6);
  formula (y, h * w, 1.91, 2.0 + p, 0.08, 0);
  for (int k = 0; k < h * w; k++)
    {
      x[k] = t1[k] * t2[k];
      y[k] = fmin (fmax (x[k] + y[k], 0), 1);
    }
}

static double *
features (long n, long d, double a, double b, double scale, double shift)
{
  double *f = malloc (n * d * sizeof *f), *g = malloc (n * d * sizeof *g);
  formula (f, n * d, a, b, 1.0, 0);
  formula (g, n * d, 0.013, b, 0.5, 0);
  for (long k = 0; k < n * d; k++)
    f[k] = (f[k] + g[k]) * scale + shift;
  free (g);
  return f;
}

/* PSNR as ae_psnr.m computes it from the core's MSE: 10 log10(range^2 / mse) */
static void
psnr_from_mse (double *psnr, const double *mse, long n, double range)
{
  for (long k = 0; k < n; k++)
    psnr[k] = mse[k] > 0 ? 10.0 * log10 (range * range / mse[k]) : INFINITY;
}

static const ae_ssim_config_t wang = { 11, 1.5, 0.01, 0.03, 1.0 };

START_TEST (ssim_psnr_and_mse_match_scikit_image)
{
  double x[3 * h * w], y[3 * h * w], ssim[3], mse[3], psnr[3];
  for (int p = 0; p < 3; p++)
    image_pair (x + p * h * w, y + p * h * w, p);
  ck_assert_int_eq (ae_ssim (ssim, NULL, x, y, 3, h, w, &wang, NULL), AE_OK);
  ae_mse (mse, x, y, 3, h * w);
  psnr_from_mse (psnr, mse, 3, 1.0);
  for (int p = 0; p < 3; p++)
    {
      char name[16];
      snprintf (name, sizeof name, "ssim_%d", p);
      printf ("  %s %.12f (skimage %.12f)\n", name, ssim[p], reference (name));
      ck_assert_double_eq_tol (ssim[p], reference (name), 1e-6);
      snprintf (name, sizeof name, "psnr_%d", p);
      ck_assert_double_le (fabs (psnr[p] - reference (name)) / reference (name), 1e-9);
      snprintf (name, sizeof name, "mse_%d", p);
      ck_assert_double_le (fabs (mse[p] - reference (name)) / reference (name), 1e-9);
    }
  /* 0-255 images */
  image_pair (x, y, 3);
  for (int k = 0; k < h * w; k++)
    {
      x[k] = round (255 * x[k]);
      y[k] = round (255 * y[k]);
    }
  ae_ssim_config_t range255 = wang;
  range255.range = 255;
  ck_assert_int_eq (ae_ssim (ssim, NULL, x, y, 1, h, w, &range255, NULL), AE_OK);
  ck_assert_double_eq_tol (ssim[0], reference ("ssim_uint8"), 1e-6);
  ae_mse (mse, x, y, 1, h * w);
  psnr_from_mse (psnr, mse, 1, 255);
  ck_assert_double_le (fabs (psnr[0] - reference ("psnr_uint8")) / psnr[0], 1e-9);
}
END_TEST

START_TEST (ssim_edge_cases)
{
  double x[h * w], y[h * w], ssim, psnr, mse, map[(h - 10) * (w - 10)];
  image_pair (x, y, 0);
  ck_assert_int_eq (ae_ssim (&ssim, map, x, x, 1, h, w, &wang, NULL), AE_OK);
  ck_assert_double_eq_tol (ssim, 1, 1e-12);
  ck_assert_double_eq_tol (map[17], 1, 1e-12);
  ae_mse (&mse, x, x, 1, h * w);
  psnr_from_mse (&psnr, &mse, 1, 1);
  ck_assert (isinf (psnr) && psnr > 0);
  /* constant images: SSIM is the luminance term alone */
  for (int k = 0; k < h * w; k++)
    x[k] = 0.25, y[k] = 0.75;
  ck_assert_int_eq (ae_ssim (&ssim, NULL, x, y, 1, h, w, &wang, NULL), AE_OK);
  double c1 = 1e-4;
  ck_assert_double_eq_tol (ssim, (2 * 0.25 * 0.75 + c1) / (0.25 * 0.25 + 0.75 * 0.75 + c1), 1e-12);
  ae_error_t err;
  ck_assert_int_eq (ae_ssim (&ssim, NULL, x, y, 1, 10, 30, &wang, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_nonnull (strstr (err.message, "smaller than the 11-by-11 window"));
}
END_TEST

START_TEST (fid_matches_scipy)
{
  double *f1 = features (200, 16, 0.77, 0.1, 1, 0), *f2 = features (150, 16, 0.77, 0.9, 1.1, 0.2);
  double fid;
  ck_assert_int_eq (ae_fid (&fid, f1, 200, f2, 150, 16, NULL), AE_OK);
  printf ("  fid %.12f (scipy %.12f)\n", fid, reference ("fid"));
  ck_assert_double_le (fabs (fid - reference ("fid")) / reference ("fid"), 1e-6);
  /* identical sets: 0 up to the rounding of the square roots of the small
     eigenvalues (3.5e-7 here; scipy's sqrtm leaves 2.8e-7) */
  ck_assert_int_eq (ae_fid (&fid, f1, 200, f1, 200, 16, NULL), AE_OK);
  ck_assert_double_le (fabs (fid), 1e-6);
  /* fewer samples than features: singular covariances still give a finite value */
  ck_assert_int_eq (ae_fid (&fid, f1, 5, f2, 7, 16, NULL), AE_OK);
  ck_assert (isfinite (fid) && fid > 0);
  ae_error_t err;
  ck_assert_int_eq (ae_fid (&fid, f1, 1, f2, 7, 16, &err), AE_ERR_ARGUMENT);
  free (f1);
  free (f2);
}
END_TEST

START_TEST (precision_and_recall_match_numpy)
{
  double *real = features (120, 8, 0.53, 0.2, 1, 0), *fake = features (100, 8, 0.61, 1.7, 0.9, 0);
  double precision, recall;
  ck_assert_int_eq (ae_precision_recall (&precision, &recall, real, 120, fake, 100, 8, 3, NULL),
                    AE_OK);
  printf ("  precision %.4f recall %.4f (numpy %.4f %.4f)\n", precision, recall,
          reference ("precision"), reference ("recall"));
  ck_assert_double_eq_tol (precision, reference ("precision"), 1e-12);
  ck_assert_double_eq_tol (recall, reference ("recall"), 1e-12);
  /* a set against itself covers itself */
  ck_assert_int_eq (ae_precision_recall (&precision, &recall, real, 120, real, 120, 8, 3, NULL),
                    AE_OK);
  ck_assert_double_eq (precision, 1);
  ck_assert_double_eq (recall, 1);
  ae_error_t err;
  ck_assert_int_eq (ae_precision_recall (&precision, &recall, real, 3, fake, 100, 8, 3, &err),
                    AE_ERR_ARGUMENT);
  free (real);
  free (fake);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("metrics");
  TCase *tc = tcase_create ("metrics");
  tcase_add_test (tc, ssim_psnr_and_mse_match_scikit_image);
  tcase_add_test (tc, ssim_edge_cases);
  tcase_add_test (tc, fid_matches_scipy);
  tcase_add_test (tc, precision_and_recall_match_numpy);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
