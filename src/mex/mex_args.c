#include "mex_args.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mex_interrupt.h"

void
mx_fail (const char *id, const char *fmt, ...)
{
  char identifier[128], message[512];
  va_list args;
  va_start (args, fmt);
  vsnprintf (message, sizeof message, fmt, args);
  va_end (args);
  snprintf (identifier, sizeof identifier, "autoencoder:%s", id);
  mexErrMsgIdAndTxt (identifier, "%s", message);
  for (;;)   /* mexErrMsgIdAndTxt does not return */
    ;
}

const mxArray *
mx_field (const mxArray *s, mwIndex index, const char *name, const char *what)
{
  if (!mxIsStruct (s) || index >= mxGetNumberOfElements (s))
    mx_fail ("invalidArgument", "%s must be a struct", what);
  const mxArray *field = mxGetField (s, index, name);
  if (!field)
    mx_fail ("invalidArgument", "%s has no field '%s'", what, name);
  return field;
}

char *
mx_string (const mxArray *a, const char *what)
{
  if (!mxIsChar (a) || mxGetM (a) > 1)
    mx_fail ("invalidArgument", "%s must be a character string", what);
  return mxArrayToString (a);
}

double
mx_scalar (const mxArray *a, const char *what, double lo, double hi)
{
  if (!(mxIsNumeric (a) || mxIsLogical (a)) || mxIsComplex (a) || mxIsSparse (a)
      || mxGetNumberOfElements (a) != 1)
    mx_fail ("invalidArgument", "%s must be a real scalar", what);
  double value = mxGetScalar (a);
  if (!isfinite (value) || value < lo || value > hi)
    mx_fail ("outOfRange", "%s must be finite and in [%g, %g], got %g", what, lo, hi, value);
  return value;
}

const float *
mx_floats (const mxArray *a, const char *what)
{
  if (!(mxIsSingle (a) || mxIsDouble (a)) || mxIsComplex (a) || mxIsSparse (a))
    mx_fail ("invalidArgument", "%s must be a real, full single or double array", what);
  long n = (long) mxGetNumberOfElements (a);
  const float *values;
  if (mxIsSingle (a))
    values = (const float *) mxGetData (a);
  else
    {
      const double *source = mxGetPr (a);
      float *copy = mxMalloc ((size_t) (n ? n : 1) * sizeof (float));
      for (long i = 0; i < n; i++)
        copy[i] = (float) source[i];
      values = copy;
    }
  for (long i = 0; i < n; i++)
    if (!isfinite (values[i]))
      mx_fail ("nonFinite", "%s contains NaN or Inf (element %ld)", what, i + 1);
  return values;
}

const double *
mx_doubles (const mxArray *a, const char *what, long *n)
{
  if (!mxIsDouble (a) || mxIsComplex (a) || mxIsSparse (a))
    mx_fail ("invalidArgument", "%s must be a real, full double array", what);
  *n = (long) mxGetNumberOfElements (a);
  const double *values = mxGetPr (a);
  for (long i = 0; i < *n; i++)
    if (!isfinite (values[i]))
      mx_fail ("nonFinite", "%s contains NaN or Inf (element %ld)", what, i + 1);
  return values;
}

mxArray *
mx_single_matrix (const float *data, long rows, long columns)
{
  mxArray *a = mxCreateNumericMatrix ((mwSize) rows, (mwSize) columns, mxSINGLE_CLASS, mxREAL);
  if (rows * columns > 0)
    memcpy (mxGetData (a), data, (size_t) rows * columns * sizeof (float));
  return a;
}

void
mx_integers (const mxArray *a, const char *what, int n, int lo, int hi, int *values)
{
  if (!mxIsDouble (a) || mxIsComplex (a) || mxIsSparse (a)
      || mxGetNumberOfElements (a) != (size_t) n)
    mx_fail ("invalidModel", "%s must be %d real double value%s", what, n, n > 1 ? "s" : "");
  for (int k = 0; k < n; k++)
    {
      double v = mxGetPr (a)[k];
      if (!(v >= lo && v <= hi && v == floor (v)))
        mx_fail ("invalidModel", "%s must hold integers in [%d, %d]", what, lo, hi);
      values[k] = (int) v;
    }
}

mxArray *
mx_single_array (const float *data, int n_dims, const mwSize *dims)
{
  mxArray *a = mxCreateNumericArray ((mwSize) n_dims, dims, mxSINGLE_CLASS, mxREAL);
  size_t n = mxGetNumberOfElements (a);
  if (n)
    memcpy (mxGetData (a), data, n * sizeof (float));
  return a;
}

mxArray *
mx_scalar_value (double value)
{
  return mxCreateDoubleScalar (value);
}

/* The core polls Octave's pending signals between batches (mex_interrupt.cc). */
int
mx_interrupt_requested (void *context)
{
  (void) context;
  return mex_signal_pending ();
}

/* A computation stopped on a signal leaves the signal pending: mexFunction
   hands it to Octave, which answers it as in a built-in function. */
void
mx_raise_failure (ae_status_t status, const ae_error_t *err, const char *id)
{
  if (status == AE_INTERRUPTED)
    mx_fail ("interrupted", "%s", err->message);
  mx_fail (id ? id : ae_status_name (status), "%s", err->message);
}
