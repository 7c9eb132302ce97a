/* Metric commands: MSE, SSIM, FID, precision and recall. Metrics take
   doubles: images as Octave holds them (planes of h-by-w, column-major),
   feature sets transposed (one sample per column). */
#include "autoencoder.h"
#include "mex_args.h"
#include "mex_commands.h"

void
mex_command_mse (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 1)
    mx_fail ("invalidCall", "usage: mse = __autoencoder__ (\"mse\", A, B, n_samples)");
  long n_a, n_b;
  const double *a = mx_doubles (prhs[1], "A", &n_a), *b = mx_doubles (prhs[2], "B", &n_b);
  long n = (long) mx_scalar (prhs[3], "the sample count", 1, 1e15);
  if (n_a != n_b || n_a % n != 0 || n_a == 0)
    mx_fail ("sizeMismatch", "A and B must have the same, non-zero number of values, "
             "a multiple of the sample count");
  plhs[0] = mxCreateDoubleMatrix ((mwSize) n, 1, mxREAL);
  ae_mse (mxGetPr (plhs[0]), a, b, n, n_a / n);
}

void
mex_command_ssim (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 11 || nlhs > 2)
    mx_fail ("invalidCall", "usage: [ssim, map] = __autoencoder__ (\"ssim\", A, B, h, w, "
             "n_planes, window, sigma, k1, k2, range)");
  long n_a, n_b;
  const double *a = mx_doubles (prhs[1], "A", &n_a), *b = mx_doubles (prhs[2], "B", &n_b);
  int h = (int) mx_scalar (prhs[3], "the height", 1, 1 << 30);
  int w = (int) mx_scalar (prhs[4], "the width", 1, 1 << 30);
  long n_planes = (long) mx_scalar (prhs[5], "the plane count", 1, 1e15);
  ae_ssim_config_t config = {
    (int) mx_scalar (prhs[6], "the window size", 1, 1 << 20),
    mx_scalar (prhs[7], "sigma", 1e-300, 1e300), mx_scalar (prhs[8], "K1", 0, 1e300),
    mx_scalar (prhs[9], "K2", 0, 1e300), mx_scalar (prhs[10], "the data range", 1e-300, 1e300)
  };
  if (n_a != n_b || n_a != (long) h * w * n_planes)
    mx_fail ("sizeMismatch", "A and B must hold %ld planes of %d-by-%d", n_planes, h, w);
  long n_map = h >= config.window && w >= config.window
               ? (long) (h - config.window + 1) * (w - config.window + 1) * n_planes : 0;
  plhs[0] = mxCreateDoubleMatrix ((mwSize) n_planes, 1, mxREAL);
  double *map = NULL;
  if (nlhs > 1)
    {
      plhs[1] = mxCreateDoubleMatrix ((mwSize) n_map, 1, mxREAL);
      map = mxGetPr (plhs[1]);
    }
  ae_error_t err = { 0 };
  ae_status_t status = ae_ssim (mxGetPr (plhs[0]), map, a, b, n_planes, h, w, &config, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, status == AE_ERR_ARGUMENT ? "imageTooSmall" : NULL);
}

/* Two sets of feature vectors, one sample per column, with equal lengths. */
static void
read_feature_sets (const mxArray *a, const mxArray *b, const char *what_a, const char *what_b,
                   const double **x1, long *n1, const double **x2, long *n2, long *d)
{
  long count;
  *x1 = mx_doubles (a, what_a, &count);
  *x2 = mx_doubles (b, what_b, &count);
  if (mxGetNumberOfDimensions (a) != 2 || mxGetNumberOfDimensions (b) != 2
      || mxGetM (a) != mxGetM (b) || mxGetM (a) == 0)
    mx_fail ("sizeMismatch", "%s and %s must have the same number of features", what_a, what_b);
  *d = (long) mxGetM (a);
  *n1 = (long) mxGetN (a);
  *n2 = (long) mxGetN (b);
}

void
mex_command_fid (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 1)
    mx_fail ("invalidCall", "usage: fid = __autoencoder__ (\"fid\", X1t, X2t)");
  const double *x1, *x2;
  long n1, n2, d;
  read_feature_sets (prhs[1], prhs[2], "the first feature set", "the second feature set",
                     &x1, &n1, &x2, &n2, &d);
  double fid;
  ae_error_t err = { 0 };
  ae_status_t status = ae_fid (&fid, x1, n1, x2, n2, d, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, status == AE_ERR_ARGUMENT ? "tooFewSamples" : NULL);
  plhs[0] = mx_scalar_value (fid);
}

void
mex_command_precision_recall (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [precision, recall] = __autoencoder__ (\"precision_recall\", Rt, Ft, k)");
  const double *real, *fake;
  long n_real, n_fake, d;
  read_feature_sets (prhs[1], prhs[2], "the real features", "the generated features", &real,
                     &n_real, &fake, &n_fake, &d);
  int k = (int) mx_scalar (prhs[3], "k", 1, 1 << 20);
  double precision, recall;
  ae_error_t err = { 0 };
  ae_status_t status = ae_precision_recall (&precision, &recall, real, n_real, fake, n_fake,
                                            d, k, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, status == AE_ERR_ARGUMENT ? "tooFewSamples" : NULL);
  plhs[0] = mx_scalar_value (precision);
  if (nlhs > 1)
    plhs[1] = mx_scalar_value (recall);
}

/* The importance weights of a VAE's codes (vae_loglik): out the decoder's
   output for the n K codes, X the n samples, stats their [mu; logvar], eps the
   draws behind the codes, code k of sample j in column (k - 1) n + j. */
void
mex_command_importance_log_weights (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 6 || nlhs > 1)
    mx_fail ("invalidCall", "usage: log_w = __autoencoder__ (\"importance_log_weights\", loss, "
             "out, X, stats, eps)");
  char *name = mx_string (prhs[1], "the loss");
  ae_loss_t loss;
  if (ae_loss_parse (name, &loss) != 0)
    mx_fail ("invalidArgument", "unknown loss \"%s\"", name);
  const mwSize D = mxGetM (prhs[3]), n = mxGetN (prhs[3]);
  const mwSize L2 = mxGetM (prhs[4]), n_codes = mxGetN (prhs[2]);
  if (n == 0 || D == 0 || L2 == 0 || L2 % 2 != 0 || mxGetN (prhs[4]) != n
      || mxGetM (prhs[2]) != D || n_codes % n != 0 || mxGetM (prhs[5]) != L2 / 2
      || mxGetN (prhs[5]) != n_codes || D > INT32_MAX || L2 > INT32_MAX)
    mx_fail ("sizeMismatch", "out (D-by-nK), X (D-by-n), stats (2L-by-n) and eps (L-by-nK) "
             "must agree");
  const float *out = mx_floats (prhs[2], "out"), *x = mx_floats (prhs[3], "X");
  const float *stats = mx_floats (prhs[4], "stats"), *eps = mx_floats (prhs[5], "eps");
  plhs[0] = mxCreateDoubleMatrix (1, n_codes, mxREAL);
  if (ae_importance_log_weights (mxGetPr (plhs[0]), out, x, stats, eps, (long) n,
                                 (long) (n_codes / n), (int) D, (int) (L2 / 2), loss) != 0)
    mx_fail ("invalidArgument", "the loss \"%s\" has no likelihood", name);
}
