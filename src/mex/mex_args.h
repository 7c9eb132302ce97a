/* Checking and converting Octave values for the gateway: every failure is an
   Octave error with an "autoencoder:..." identifier, never a crash. */
#ifndef MEX_ARGS_H
#define MEX_ARGS_H

#include <stdint.h>

#include "ae_status.h"
#include "mex.h"

/* Raises the error autoencoder:<id>; does not return. */
void mx_fail (const char *id, const char *fmt, ...)
  __attribute__ ((noreturn, format (printf, 2, 3)));

/* Field name of struct s; raises autoencoder:invalidArgument when absent. */
const mxArray *mx_field (const mxArray *s, mwIndex index, const char *name, const char *what);

/* A character row vector, as a mxMalloc'd C string. */
char *mx_string (const mxArray *a, const char *what);

/* A real, finite, non-empty scalar in [lo, hi]. */
double mx_scalar (const mxArray *a, const char *what, double lo, double hi);

/* A real, full, finite single or double array of any size, read as float:
   its values in column order (the array's own data when it is single,
   otherwise a mxMalloc'd copy). */
const float *mx_floats (const mxArray *a, const char *what);

/* Exactly n integers in [lo, hi] into values (autoencoder:invalidModel otherwise). */
void mx_integers (const mxArray *a, const char *what, int n, int lo, int hi, int *values);

/* A real, full, finite double array, used in place; *n gets its element count. */
const double *mx_doubles (const mxArray *a, const char *what, long *n);

/* A rows-by-columns single matrix holding data[rows * columns] column by column. */
mxArray *mx_single_matrix (const float *data, long rows, long columns);

/* A single array of the given dimensions holding data in column order. */
mxArray *mx_single_array (const float *data, int n_dims, const mwSize *dims);

mxArray *mx_scalar_value (double value);

/* Whether Octave has a Ctrl-C (or another signal) pending: the core's
   should-stop and interrupt checks. */
int mx_interrupt_requested (void *context);

/* Raises a core failure as an Octave error (identifier id, or the status's
   name). A computation the core stopped on a signal is handed back to
   Octave, which answers it as it answers one in a built-in function: a
   Ctrl-C returns to the prompt, SIGTERM ends the session. The caller has
   freed what the core allocated. */
void mx_raise_failure (ae_status_t status, const ae_error_t *err, const char *id)
  __attribute__ ((noreturn));

#endif
