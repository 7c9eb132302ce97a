/* Data preparation: the user's array as the core's single-precision columns,
   one sample per column, converted, checked and (for N-by-D rows)
   transposed in one pass over the data, split over the package's threads;
   or, for single data already in column order, only checked, without a
   copy.

   A training call can keep its converted data here instead of taking it
   back to Octave ("kept" data): Octave copies every array a MEX function
   returns into memory of its own, which for 60,000 MNIST images took as long
   as the conversion itself (about 0.6 s, most of it page faults). Kept data
   live in huge pages where the kernel offers them, until "release" or until
   the gateway is unloaded. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "autoencoder.h"
#include "mex_args.h"
#include "mex_commands.h"
#include "mex_data.h"

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

/* One conversion, as the threads see it: samples [first, first + count). */
typedef struct {
  float *out;
  const void *data;
  mxClassID cls;
  size_t n, width;             /* samples, values per sample */
  int rows_are_samples;
  data_flags_t flags[AE_MAX_SLICES];   /* per slice, combined afterwards */
} conversion_t;

static void
convert_samples (void *arg, int slice, int first, int count)
{
  conversion_t *job = arg;
  data_flags_t *flags = &job->flags[slice];
  if (!job->rows_are_samples)
    {
      const size_t offset = (size_t) first * job->width;
      convert (job->out ? job->out + offset : NULL,
               (const char *) job->data + offset * class_size (job->cls), job->cls,
               (size_t) count * job->width, flags);
      return;
    }
  /* source rows [first, first + count) of the n-by-width matrix, transposed
     into output columns [first, first + count) of width-by-n */
  float tile[TILE][TILE];
  const size_t size = class_size (job->cls), n = job->n;
  for (size_t c0 = 0; c0 < job->width; c0 += TILE)
    for (size_t r0 = first; r0 < (size_t) first + count; r0 += TILE)
      {
        size_t nr = first + count - r0 < TILE ? first + count - r0 : TILE;
        size_t nc = job->width - c0 < TILE ? job->width - c0 : TILE;
        for (size_t c = 0; c < nc; c++)
          convert (tile[c], (const char *) job->data + ((c0 + c) * n + r0) * size, job->cls, nr,
                   flags);
        for (size_t r = 0; r < nr; r++)
          for (size_t c = 0; c < nc; c++)
            job->out[(r0 + r) * job->width + c0 + c] = tile[c][r];
      }
}

/* Converts (out NULL: checks) the samples of X over the package's threads. */
static data_flags_t
convert_data (float *out, const mxArray *x, size_t n, size_t width, int rows_are_samples)
{
  conversion_t job = { .out = out, .data = mxGetData (x), .cls = mxGetClassID (x), .n = n,
                       .width = width, .rows_are_samples = rows_are_samples };
  const int slices = ae_slices_for (ae_num_threads (), (int) n);   /* n <= INT32_MAX */
  for (int t = 0; t < slices; t++)
    job.flags[t] = (data_flags_t) { 1, 1 };
  ae_run_slices (slices, (int) n, convert_samples, &job);
  data_flags_t flags = { 1, 1 };
  for (int t = 0; t < slices; t++)
    {
      flags.finite &= job.flags[t].finite;
      flags.in_unit_range &= job.flags[t].in_unit_range;
    }
  return flags;
}

/* ---- kept data ---- */

enum { MAX_KEPT = 16 };
static struct {
  float *values;
  size_t rows, columns;
  double id;                   /* 0: a free slot */
} kept[MAX_KEPT];
static double last_id;

static void
release_all (void)
{
  for (int i = 0; i < MAX_KEPT; i++)
    free (kept[i].values);
  memset (kept, 0, sizeof kept);
}

/* A free slot with room for n floats in 2 MB-aligned memory the kernel may
   back with huge pages, or -1 (no slot or no memory: the caller returns
   the data to Octave instead). */
static int
keep_slot (size_t n)
{
  static int registered;
  if (!registered)
    {
      mexAtExit (release_all);
      registered = 1;
    }
  const size_t huge = (size_t) 2 << 20;
  const size_t bytes = ((n ? n : 1) * sizeof (float) + huge - 1) / huge * huge;
  for (int i = 0; i < MAX_KEPT; i++)
    if (kept[i].id == 0)
      {
        float *values = aligned_alloc (huge, bytes);
        if (!values)
          return -1;
        madvise (values, bytes, MADV_HUGEPAGE);   /* a hint: failing is harmless */
        kept[i].values = values;
        kept[i].id = ++last_id;
        return i;
      }
  return -1;
}

static int
kept_slot (const mxArray *a, const char *what)
{
  const mxArray *id = mxGetField (a, 0, "kept");
  if (!id || !mxIsDouble (id) || mxGetNumberOfElements (id) != 1)
    mx_fail ("invalidArgument", "%s is a struct but not kept data", what);
  for (int i = 0; i < MAX_KEPT; i++)
    if (kept[i].id != 0 && kept[i].id == mxGetScalar (id))
      return i;
  mx_fail ("invalidArgument", "%s was released", what);
}

static const float *
kept_columns (const mxArray *a, const char *what, long rows, long *n_columns)
{
  const int i = kept_slot (a, what);
  if (rows >= 0 && (long) kept[i].rows != rows)
    mx_fail ("sizeMismatch", "%s has %ld values per sample, the model expects %ld", what,
             (long) kept[i].rows, rows);
  *n_columns = (long) kept[i].columns;
  return kept[i].values;
}

/* __autoencoder__ ("release", Xt): frees kept data (nothing for a matrix) */
const float *
mx_float_columns (const mxArray *a, const char *what, long rows, long *n_columns)
{
  if (mxIsStruct (a))
    return kept_columns (a, what, rows, n_columns);
  if (!(mxIsSingle (a) || mxIsDouble (a)) || mxIsComplex (a) || mxIsSparse (a)
      || mxGetNumberOfDimensions (a) != 2)
    mx_fail ("invalidArgument", "%s must be a real, full single or double matrix", what);
  if (rows >= 0 && (long) mxGetM (a) != rows)
    mx_fail ("sizeMismatch", "%s has %ld values per sample, the model expects %ld", what,
             (long) mxGetM (a), rows);
  *n_columns = (long) mxGetN (a);
  return mx_floats (a, what);
}

void
mex_command_release (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  (void) plhs;
  if (nrhs != 2 || nlhs > 0)
    mx_fail ("invalidCall", "usage: __autoencoder__ (\"release\", Xt)");
  if (!mxIsStruct (prhs[1]) || mx_is_sequences (prhs[1])
      || mxGetField (prhs[1], 0, "image_files"))   /* files: nothing kept */
    return;
  const int i = kept_slot (prhs[1], "the data");
  free (kept[i].values);
  memset (&kept[i], 0, sizeof kept[i]);
}

/* n = __autoencoder__ ("kept"): how many data sets are kept (for the tests:
   a training call releases its own) */
void
mex_command_kept (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  (void) prhs;
  if (nrhs != 1 || nlhs > 1)
    mx_fail ("invalidCall", "usage: n = __autoencoder__ (\"kept\")");
  int n = 0;
  for (int i = 0; i < MAX_KEPT; i++)
    n += kept[i].id != 0;
  plhs[0] = mx_scalar_value (n);
}

/* [Xt, all_finite, in_unit_range] = __autoencoder__ ("columns", X, rows_are_samples, keep)
   [~, all_finite, in_unit_range] = ... with X single and not rows_are_samples:
   X real, full, double, single, uint8 or logical; with rows_are_samples X is
   N-by-D and Xt its D-by-N transpose, otherwise Xt holds X's values in their
   order as numel/N-by-N, N the last dimension. For single data in column
   order Xt is [] and only the flags are computed: Octave reshapes X
   without a copy. With keep (default false), converted data stay in the
   gateway and Xt is struct ("kept", id, "rows", D, "columns", N), which the
   commands that read columns of data take in place of the matrix until
   "release". */
void
mex_command_columns (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs < 3 || nrhs > 4 || nlhs > 3)
    mx_fail ("invalidCall", "usage: [Xt, all_finite, in_unit_range] = "
             "__autoencoder__ (\"columns\", X, rows_are_samples, keep)");
  const mxArray *x = prhs[1];
  mxClassID cls = mxGetClassID (x);
  if (!(cls == mxDOUBLE_CLASS || cls == mxSINGLE_CLASS || cls == mxUINT8_CLASS
        || cls == mxLOGICAL_CLASS) || mxIsComplex (x) || mxIsSparse (x))
    mx_fail ("invalidArgument", "X must be a real, full double, single, uint8 or logical array");
  int rows_are_samples = mx_scalar (prhs[2], "rows_are_samples", 0, 1) != 0;
  int keep = nrhs > 3 && mx_scalar (prhs[3], "keep", 0, 1) != 0;
  const mwSize n_dims = mxGetNumberOfDimensions (x);
  const mwSize *dims = mxGetDimensions (x);
  size_t n_values = mxGetNumberOfElements (x);
  size_t n = rows_are_samples ? dims[0] : dims[n_dims - 1];
  if (rows_are_samples && n_dims != 2)
    mx_fail ("invalidArgument", "rows as samples need an N-by-D matrix");
  if (n > INT32_MAX)
    mx_fail ("outOfRange", "X has %zu samples; at most %d are supported", n, INT32_MAX);
  size_t width = n ? n_values / n : 0;
  data_flags_t flags;
  const int slot = keep && !(cls == mxSINGLE_CLASS && !rows_are_samples) ? keep_slot (n_values)
                                                                        : -1;
  if (cls == mxSINGLE_CLASS && !rows_are_samples)
    {
      plhs[0] = mxCreateNumericMatrix (0, 0, mxSINGLE_CLASS, mxREAL);
      flags = convert_data (NULL, x, n, width, 0);
    }
  else if (slot >= 0)
    {
      flags = convert_data (kept[slot].values, x, n, width, rows_are_samples);
      kept[slot].rows = width, kept[slot].columns = n;
      const char *fields[] = { "kept", "rows", "columns" };
      plhs[0] = mxCreateStructMatrix (1, 1, 3, fields);
      mxSetField (plhs[0], 0, "kept", mx_scalar_value (kept[slot].id));
      mxSetField (plhs[0], 0, "rows", mx_scalar_value ((double) width));
      mxSetField (plhs[0], 0, "columns", mx_scalar_value ((double) n));
    }
  else
    {
      plhs[0] = mxCreateUninitNumericMatrix (width, n, mxSINGLE_CLASS, mxREAL);
      flags = convert_data ((float *) mxGetData (plhs[0]), x, n, width, rows_are_samples);
    }
  if (nlhs > 1)
    plhs[1] = mxCreateLogicalScalar (flags.finite);
  if (nlhs > 2)
    plhs[2] = mxCreateLogicalScalar (flags.finite && flags.in_unit_range);
}

/* ---- sequences ---- */

int
mx_is_sequences (const mxArray *a)
{
  return mxIsStruct (a) && mxGetNumberOfElements (a) == 1 && mxGetField (a, 0, "frames")
         && mxGetField (a, 0, "lengths");
}

void
mx_sequences (const mxArray *a, const char *what, int frame, ae_sequences_t *seq)
{
  if (!mx_is_sequences (a))
    mx_fail ("invalidArgument", "%s must be sequences (a cell array of C-by-T matrices)", what);
  long total, n;
  seq->frames = mx_float_columns (mxGetField (a, 0, "frames"), what, frame, &total);
  const double *lengths = mx_doubles (mxGetField (a, 0, "lengths"), "the sequences' lengths",
                                      &n);
  if (n < 1)
    mx_fail ("invalidArgument", "%s has no sequences", what);
  long *offsets = mxMalloc ((size_t) n * sizeof *offsets);
  int *steps = mxMalloc ((size_t) n * sizeof *steps);
  long at = 0;
  int longest = 1;
  for (long k = 0; k < n; k++)
    {
      if (!(lengths[k] >= 1 && lengths[k] <= INT32_MAX && lengths[k] == floor (lengths[k])))
        mx_fail ("invalidArgument", "%s: sequence %ld has %g steps; each needs at least one",
                 what, k + 1, lengths[k]);
      offsets[k] = at;
      steps[k] = (int) lengths[k];
      longest = steps[k] > longest ? steps[k] : longest;
      at += steps[k];
    }
  if (at != total)
    mx_fail ("sizeMismatch", "%s: the lengths add up to %ld steps, the frames are %ld", what,
             at, total);
  *seq = (ae_sequences_t) { .frames = seq->frames, .offsets = offsets, .lengths = steps,
                            .n = n, .frame = frame, .max_length = longest };
}

mxArray *
mx_sequences_value (int frame, const ae_sequences_t *seq, float **frames)
{
  const long total = seq->offsets[seq->n - 1] + seq->lengths[seq->n - 1];
  const char *fields[] = { "frames", "lengths" };
  mxArray *value = mxCreateStructMatrix (1, 1, 2, fields);
  mxArray *f = mxCreateUninitNumericMatrix ((mwSize) frame, (mwSize) total, mxSINGLE_CLASS,
                                            mxREAL);
  *frames = (float *) mxGetData (f);
  mxArray *l = mxCreateDoubleMatrix (1, (mwSize) seq->n, mxREAL);
  for (long k = 0; k < seq->n; k++)
    mxGetPr (l)[k] = seq->lengths[k];
  mxSetField (value, 0, "frames", f);
  mxSetField (value, 0, "lengths", l);
  return value;
}
