/* Data preparation: the user's array as the core's single-precision columns,
   one sample per column, converted, checked and (for N-by-D rows)
   transposed in one pass over the data; or, for single data already in
   column order, only checked, without a copy. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mex_args.h"
#include "mex_commands.h"

enum { TILE = 32 };   /* transposed in TILE x TILE blocks, so both sides stay in cache */

typedef struct {
  int finite, in_unit_range;
} data_flags_t;

/* One loop per source class, branch-free, so that it vectorizes: out[k] (or
   out[transposed k]) = the value as float, uint8 scaled to [0, 1]; the flags
   collect whether every float is finite and in [0, 1]. */
#define CONVERT_LOOP(TYPE, SCALE)                                             \
  {                                                                           \
    const TYPE *src = data;                                                   \
    int finite = 1, unit = 1;                                                 \
    for (size_t k = 0; k < n; k++)                                            \
      {                                                                       \
        float v = (float) src[k] SCALE;                                       \
        finite &= fabsf (v) <= FLT_MAX;                                       \
        unit &= (v >= 0.0f) & (v <= 1.0f);                                    \
        if (out)                                                              \
          out[k] = v;                                                         \
      }                                                                       \
    flags->finite &= finite;                                                  \
    flags->in_unit_range &= unit;                                             \
  }

/* n values from data, into out (unless NULL, to check only) */
static void
convert (float *out, const void *data, mxClassID cls, size_t n, data_flags_t *flags)
{
  switch (cls)
    {
    case mxDOUBLE_CLASS: CONVERT_LOOP (double, ) break;
    case mxSINGLE_CLASS: CONVERT_LOOP (float, ) break;
    case mxUINT8_CLASS: CONVERT_LOOP (uint8_t, * (1.0f / 255.0f)) break;
    default: CONVERT_LOOP (mxLogical, ) break;
    }
}

static size_t
class_size (mxClassID cls)
{
  return cls == mxDOUBLE_CLASS ? 8 : cls == mxSINGLE_CLASS ? 4 : 1;
}

/* out [cols][rows] = the rows-by-cols column-major source, transposed: each
   tile is converted column by column into a buffer, then written across */
static void
transpose_into (float *out, const void *data, mxClassID cls, size_t rows, size_t cols,
                data_flags_t *flags)
{
  float tile[TILE][TILE];
  const size_t size = class_size (cls);
  for (size_t c0 = 0; c0 < cols; c0 += TILE)
    for (size_t r0 = 0; r0 < rows; r0 += TILE)
      {
        size_t nr = rows - r0 < TILE ? rows - r0 : TILE, nc = cols - c0 < TILE ? cols - c0 : TILE;
        for (size_t c = 0; c < nc; c++)
          convert (tile[c], (const char *) data + ((c0 + c) * rows + r0) * size, cls, nr, flags);
        for (size_t r = 0; r < nr; r++)
          for (size_t c = 0; c < nc; c++)
            out[(r0 + r) * cols + c0 + c] = tile[c][r];
      }
}

/* [Xt, all_finite, in_unit_range] = __autoencoder__ ("columns", X, rows_are_samples)
   [~, all_finite, in_unit_range] = ... with X single and not rows_are_samples:
   X real, full, double, single, uint8 or logical; with rows_are_samples X is
   N-by-D and Xt its D-by-N transpose, otherwise Xt holds X's values in their
   order as numel/N-by-N, N the last dimension. For single data in column
   order Xt is [] and only the flags are computed: Octave reshapes X
   without a copy. */
void
mex_command_columns (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 3)
    mx_fail ("invalidCall", "usage: [Xt, all_finite, in_unit_range] = "
             "__autoencoder__ (\"columns\", X, rows_are_samples)");
  const mxArray *x = prhs[1];
  mxClassID cls = mxGetClassID (x);
  if (!(cls == mxDOUBLE_CLASS || cls == mxSINGLE_CLASS || cls == mxUINT8_CLASS
        || cls == mxLOGICAL_CLASS) || mxIsComplex (x) || mxIsSparse (x))
    mx_fail ("invalidArgument", "X must be a real, full double, single, uint8 or logical array");
  int rows_are_samples = mx_scalar (prhs[2], "rows_are_samples", 0, 1) != 0;
  const mwSize n_dims = mxGetNumberOfDimensions (x);
  const mwSize *dims = mxGetDimensions (x);
  size_t n_values = mxGetNumberOfElements (x);
  size_t n = rows_are_samples ? dims[0] : dims[n_dims - 1];
  if (rows_are_samples && n_dims != 2)
    mx_fail ("invalidArgument", "rows as samples need an N-by-D matrix");
  size_t width = n ? n_values / n : 0;
  data_flags_t flags = { 1, 1 };
  const void *data = mxGetData (x);
  if (cls == mxSINGLE_CLASS && !rows_are_samples)
    {
      plhs[0] = mxCreateNumericMatrix (0, 0, mxSINGLE_CLASS, mxREAL);
      convert (NULL, data, cls, n_values, &flags);
    }
  else
    {
      plhs[0] = mxCreateUninitNumericMatrix (width, n, mxSINGLE_CLASS, mxREAL);
      float *out = (float *) mxGetData (plhs[0]);
      if (rows_are_samples)
        transpose_into (out, data, cls, n, width, &flags);
      else
        convert (out, data, cls, n_values, &flags);
    }
  if (nlhs > 1)
    plhs[1] = mxCreateLogicalScalar (flags.finite);
  if (nlhs > 2)
    plhs[2] = mxCreateLogicalScalar (flags.finite && flags.in_unit_range);
}
