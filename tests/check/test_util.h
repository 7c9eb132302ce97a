/* Helpers shared by the check suites. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoencoder.h"

/* buf[n] ~ U(lo, hi) from a fixed stream. */
static inline void
fill_uniform (ae_rng_t *rng, float *buf, size_t n, float lo, float hi)
{
  for (size_t i = 0; i < n; i++)
    buf[i] = lo + (hi - lo) * ae_rng_uniform (rng);
}

/* Keeps values at least margin away from zero, where relu-like kinks sit. */
static inline void
push_off_zero (float *buf, size_t n, float margin)
{
  for (size_t i = 0; i < n; i++)
    if (buf[i] > -margin && buf[i] < margin)
      buf[i] = buf[i] < 0 ? buf[i] - margin : buf[i] + margin;
}

/* sum_i a[i] b[i] in double: the probe objective <out, r> of a gradient check. */
static inline double
dot (const float *a, const float *b, size_t n)
{
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += (double) a[i] * b[i];
  return s;
}

static inline float *
alloc_floats (size_t n)
{
  float *p = calloc (n ? n : 1, sizeof (float));
  ck_assert_ptr_nonnull (p);
  return p;
}

/* Reads the values stored under name in a reference file of
   tests/reference (lines "name count v1 v2 ..."; # starts a comment) into
   values [max]; returns their count. Fails the test when absent. The folder
   is $REFERENCE_DIR, else tests/reference. */
static inline int
reference_values (const char *file, const char *name, double *values, int max)
{
  const char *dir = getenv ("REFERENCE_DIR");
  char path[512], line_name[64];
  snprintf (path, sizeof path, "%s/%s", dir ? dir : "tests/reference", file);
  FILE *f = fopen (path, "r");
  ck_assert_msg (f != NULL, "cannot open %s (set REFERENCE_DIR)", path);
  int found = -1;
  while (found < 0 && fscanf (f, "%63s", line_name) == 1)
    {
      if (line_name[0] == '#')
        {
          ck_assert_int_ge (fscanf (f, "%*[^\n]"), 0);
          continue;
        }
      int n;
      double skipped;
      ck_assert_int_eq (fscanf (f, "%d", &n), 1);
      ck_assert_int_le (n, max);
      int match = strcmp (line_name, name) == 0;
      for (int i = 0; i < n; i++)
        ck_assert_int_eq (fscanf (f, "%lf", match ? &values[i] : &skipped), 1);
      if (match)
        found = n;
    }
  fclose (f);
  ck_assert_msg (found >= 0, "%s is not in %s", name, path);
  return found;
}

/* The reference scripts' closed-form inputs: value k = offset + scale
   sin(a k + b), k from 0, for n values (allocated). */
/* The largest |a - b| / max(1, |b|) over n values. */
static inline double
largest_difference (const float *a, const float *b, long n)
{
  double worst = 0;
  for (long i = 0; i < n; i++)
    worst = fmax (worst, fabs (a[i] - b[i]) / fmax (1, fabs (b[i])));
  return worst;
}

static inline float *
sine_floats (long n, double a, double b, double scale, double offset)
{
  float *v = alloc_floats ((size_t) n);
  for (long k = 0; k < n; k++)
    v[k] = (float) (offset + scale * sin (a * k + b));
  return v;
}

/* The largest |got - want| / max(1, |want|) of got [n] against the array
   name of a reference file, which must have n values. */
static inline double
reference_difference (const char *file, const char *name, const float *got, long n)
{
  enum { max_values = 8192 };
  static double want[max_values];
  int n_want = reference_values (file, name, want, max_values);
  ck_assert_int_eq (n_want, n);
  double worst = 0;
  for (long k = 0; k < n; k++)
    worst = fmax (worst, fabs (got[k] - want[k]) / fmax (1.0, fabs (want[k])));
  return worst;
}

/* Runs one suite; the exit code says whether anything failed. */
static inline int
run_suite (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  srunner_run_all (runner, CK_NORMAL);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
