/* File commands: IDX data sets, checkpoints, image headers. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autoencoder.h"
#include "mex_args.h"
#include "mex_commands.h"

static mxClassID
idx_class (ae_idx_type_t type)
{
  switch (type)
    {
    case AE_IDX_UINT8: return mxUINT8_CLASS;
    case AE_IDX_INT8: return mxINT8_CLASS;
    case AE_IDX_INT16: return mxINT16_CLASS;
    case AE_IDX_INT32: return mxINT32_CLASS;
    case AE_IDX_FLOAT32: return mxSINGLE_CLASS;
    case AE_IDX_FLOAT64: return mxDOUBLE_CLASS;
    }
  return mxUNKNOWN_CLASS;
}

/* The array's dimensions are the file's reversed, so the row-major data need no
   reordering; the caller permutes them back. */
void
mex_command_read_idx (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 2 || nlhs > 2)
    mx_fail ("invalidCall", "usage: [A, n_dims] = __autoencoder__ (\"read_idx\", filename)");
  char *path = mx_string (prhs[1], "the file name");
  ae_idx_t idx;
  ae_error_t err = { 0 };
  /* Fashion-MNIST's training images are 47 MB; 4 GiB is far beyond any IDX file in use */
  ae_status_t status = ae_idx_read (path, (size_t) 1 << 32, &idx, &err);
  mxFree (path);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  mwSize dims[AE_IDX_MAX_DIMS + 1] = { 0 };
  for (int d = 0; d < idx.n_dims; d++)
    dims[idx.n_dims - 1 - d] = idx.dims[d];
  int n_dims = idx.n_dims;
  if (n_dims == 1)
    dims[n_dims++] = 1;
  plhs[0] = mxCreateNumericArray ((mwSize) n_dims, dims, idx_class (idx.type), mxREAL);
  if (idx.n_elements)
    memcpy (mxGetData (plhs[0]), idx.data, idx.n_elements * ae_idx_element_size (idx.type));
  ae_idx_free (&idx);
  if (nlhs > 1)
    plhs[1] = mx_scalar_value (idx.n_dims);
}

void
mex_command_write_checkpoint (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  (void) plhs;
  if (nrhs != 3 || nlhs > 0)
    mx_fail ("invalidCall", "usage: __autoencoder__ (\"write_checkpoint\", filename, bytes)");
  if (!mxIsUint8 (prhs[2]) || mxIsComplex (prhs[2]))
    mx_fail ("invalidArgument", "the checkpoint payload must be uint8");
  char *path = mx_string (prhs[1], "the file name");
  ae_error_t err = { 0 };
  ae_status_t status = ae_checkpoint_write (path, mxGetData (prhs[2]),
                                            mxGetNumberOfElements (prhs[2]), &err);
  mxFree (path);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
}

void
mex_command_read_checkpoint (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 2 || nlhs > 1)
    mx_fail ("invalidCall", "usage: bytes = __autoencoder__ (\"read_checkpoint\", filename)");
  char *path = mx_string (prhs[1], "the file name");
  void *payload;
  size_t n;
  ae_error_t err = { 0 };
  /* the length is checked against the file's size, so this limit only bounds sane files */
  ae_status_t status = ae_checkpoint_read (path, (size_t) 1 << 40, &payload, &n, &err);
  mxFree (path);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  plhs[0] = mxCreateNumericMatrix ((mwSize) n, 1, mxUINT8_CLASS, mxREAL);
  memcpy (mxGetData (plhs[0]), payload, n);
  free (payload);
}

/* [hwc, message] = __autoencoder__ ("image_header", file): the [height
   width channels] an image file declares, read from its header alone; []
   and the reason for a file of no known format or a broken header. */
void
mex_command_image_header (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 2 || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [hwc, message] = __autoencoder__ (\"image_header\", file)");
  char *path = mx_string (prhs[1], "the file name");
  ae_image_header_t header;
  ae_error_t err = { 0 };
  const ae_status_t status = ae_image_header_read (path, &header, &err);
  mxFree (path);
  if (status == AE_OK)
    {
      plhs[0] = mxCreateDoubleMatrix (1, 3, mxREAL);
      double *hwc = mxGetPr (plhs[0]);
      hwc[0] = (double) header.height, hwc[1] = (double) header.width;
      hwc[2] = header.channels;
    }
  else
    plhs[0] = mxCreateDoubleMatrix (0, 0, mxREAL);
  if (nlhs > 1)
    plhs[1] = mxCreateString (status == AE_OK ? header.format : err.message);
}

/* The file names of a cell of strings, mxMalloc'd (freed with the call). */
static char **
file_names (const mxArray *a, int *n)
{
  if (!mxIsCell (a))
    mx_fail ("invalidArgument", "the files must be a cell of file names");
  const size_t count = mxGetNumberOfElements (a);
  if (count > (size_t) 1 << 30)
    mx_fail ("invalidArgument", "%zu files are too many for one call", count);
  char **names = mxMalloc ((count ? count : 1) * sizeof *names);
  for (size_t k = 0; k < count; k++)
    names[k] = mx_string (mxGetCell (a, (mwIndex) k), "a file name");
  *n = (int) count;
  return names;
}

/* [hwc, formats] = __autoencoder__ ("image_headers", files): image_header
   over a cell of files, one row of hwc each (NaN for a file whose header
   cannot be read, its reason then in formats{k}). */
void
mex_command_image_headers (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 2 || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [hwc, formats] = __autoencoder__ (\"image_headers\", files)");
  int n;
  char **paths = file_names (prhs[1], &n);
  plhs[0] = mxCreateDoubleMatrix ((mwSize) n, 3, mxREAL);
  mxArray *formats = mxCreateCellMatrix ((mwSize) n, 1);
  double *hwc = mxGetPr (plhs[0]);
  for (int k = 0; k < n; k++)
    {
      ae_image_header_t header;
      ae_error_t err = { 0 };
      const int ok = ae_image_header_read (paths[k], &header, &err) == AE_OK;
      hwc[k] = ok ? (double) header.height : NAN;
      hwc[k + n] = ok ? (double) header.width : NAN;
      hwc[k + 2 * n] = ok ? header.channels : NAN;
      mxSetCell (formats, (mwIndex) k, mxCreateString (ok ? header.format : err.message));
    }
  if (nlhs > 1)
    plhs[1] = formats;
  else
    mxDestroyArray (formats);
}

/* The formats this build decodes in C ("image_decoders"), so that the
   Octave side reads the others with imread. */
void
mex_command_image_decoders (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  (void) prhs;
  if (nrhs != 1 || nlhs > 1)
    mx_fail ("invalidCall", "usage: formats = __autoencoder__ (\"image_decoders\")");
  static const char *const formats[] = { "png", "jpeg" };
  int n = 0;
  const char *taken[2];
  for (int k = 0; k < 2; k++)
    if (ae_image_decodes (formats[k]))
      taken[n++] = formats[k];
  plhs[0] = mxCreateCellMatrix (1, (mwSize) n);
  for (int k = 0; k < n; k++)
    mxSetCell (plhs[0], (mwIndex) k, mxCreateString (taken[k]));
}

/* Files a call reads at a time: their reasons are kept a chunk at a time. */
enum { READ_CHUNK = 1024 };

/* [X, read, why, ids] = __autoencoder__ ("read_images", files, [h w c], max_pixels,
   threads): the PNG and JPEG files decoded in C into X, h-by-w-by-c-by-n
   single in [0, 1] (resized, made grey or colour) on that many threads; n is
   nnz (read), the files read in order; why and ids the reason and the
   error identifier's last part of each file not read, in order. */
void
mex_command_read_images (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 5 || nlhs > 4)
    mx_fail ("invalidCall", "usage: [X, read, why, ids] = __autoencoder__ (\"read_images\", "
             "files, [h w c], max_pixels, threads)");
  int n;
  char **paths = file_names (prhs[1], &n);
  if (!mxIsDouble (prhs[2]) || mxGetNumberOfElements (prhs[2]) != 3)
    mx_fail ("invalidArgument", "the shape must be [h w c]");
  const double *hwc = mxGetPr (prhs[2]);
  if (!(hwc[0] >= 1 && hwc[0] <= 65536 && hwc[1] >= 1 && hwc[1] <= 65536
        && (hwc[2] == 1 || hwc[2] == 3) && hwc[0] == floor (hwc[0]) && hwc[1] == floor (hwc[1])))
    mx_fail ("invalidArgument", "the shape must be [h w c]: sizes from 1 to 65536, c 1 or 3");
  /* Inf: no limit but the memory's */
  const double max_pixels = mxIsDouble (prhs[3]) && mxGetNumberOfElements (prhs[3]) == 1
                            && isinf (mxGetScalar (prhs[3])) && mxGetScalar (prhs[3]) > 0
                            ? INFINITY : mx_scalar (prhs[3], "the pixel limit", 1, 9e18);
  const int threads = (int) mx_scalar (prhs[4], "the threads", 1, 1024);
  const ae_image_shape_t shape = {
    .height = (int) hwc[0], .width = (int) hwc[1], .channels = (int) hwc[2],
    .max_pixels = max_pixels >= 9e18 ? LONG_MAX : (long) max_pixels,
  };
  const size_t image_size = (size_t) shape.height * shape.width * shape.channels;
  const mwSize dims[4] = { (mwSize) shape.height, (mwSize) shape.width, (mwSize) shape.channels,
                           (mwSize) n };
  plhs[0] = mxCreateUninitNumericArray (4, (mwSize *) dims, mxSINGLE_CLASS, mxREAL);
  float *images = (float *) mxGetData (plhs[0]);
  mxArray *read = mxCreateLogicalMatrix ((mwSize) n, 1);
  mxLogical *was_read = mxGetLogicals (read);
  ae_error_t *errors = mxMalloc (READ_CHUNK * sizeof *errors);
  ae_error_t *failures = NULL;   /* the reasons of the files not read, in order */
  int n_read = 0, n_failed = 0;
  ae_status_t status = AE_OK;
  for (int first = 0; first < n && status == AE_OK; first += READ_CHUNK)
    {
      const int count = n - first < READ_CHUNK ? n - first : READ_CHUNK;
      /* each file goes to its place among those read so far; a file not
         read leaves a gap the next ones close */
      status = ae_image_read_files ((const char *const *) paths + first, count, &shape,
                                    threads, images + image_size * (size_t) first,
                                    errors);
      for (int k = 0; k < count; k++)
        if (errors[k].status == AE_OK)
          {
            if (n_read != first + k)
              memmove (images + image_size * (size_t) n_read,
                       images + image_size * (size_t) (first + k), image_size * sizeof *images);
            was_read[first + k] = 1;
            n_read++;
          }
        else if (errors[k].status != AE_INTERRUPTED)
          {
            failures = mxRealloc (failures, ((size_t) n_failed + 1) * sizeof *failures);
            failures[n_failed++] = errors[k];
          }
    }
  if (status == AE_INTERRUPTED)
    mx_fail ("interrupted", "reading the images was interrupted");
  if (n_read < n)
    {
      mxSetData (plhs[0], mxRealloc (images, (image_size * (size_t) n_read + 1) * sizeof *images));
      mxSetDimensions (plhs[0], (mwSize[]) { dims[0], dims[1], dims[2], (mwSize) n_read }, 4);
    }
  mxArray *why = mxCreateCellMatrix ((mwSize) n_failed, 1);
  mxArray *ids = mxCreateCellMatrix ((mwSize) n_failed, 1);
  for (int k = 0; k < n_failed; k++)
    {
      mxSetCell (why, (mwIndex) k, mxCreateString (failures[k].message));
      mxSetCell (ids, (mwIndex) k, mxCreateString (ae_status_name (failures[k].status)));
    }
  mxArray *outputs[3] = { read, why, ids };
  for (int k = 0; k < 3; k++)
    if (nlhs > k + 1)
      plhs[k + 1] = outputs[k];
    else
      mxDestroyArray (outputs[k]);
}

/* [files, n_unreadable] = __autoencoder__ ("list_files", folder, recursive,
   extensions): the files of folder (and of its sub-folders, at any depth,
   when recursive) whose names end in one of extensions (a cell such as
   {".png", ".jpg"}, any case), sorted by path; n_unreadable sub-folders
   could not be opened. */
void
mex_command_list_files (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 2)
    mx_fail ("invalidCall", "usage: [files, n_unreadable] = __autoencoder__ (\"list_files\", "
             "folder, recursive, extensions)");
  char *folder = mx_string (prhs[1], "the folder");
  const int recursive = mx_scalar (prhs[2], "recursive", 0, 1) != 0;
  int n_extensions;
  char **extensions = file_names (prhs[3], &n_extensions);
  ae_file_list_t list;
  ae_error_t err = { 0 };
  const ae_status_t status = ae_file_list (folder, recursive, (const char *const *) extensions,
                                           n_extensions, &list, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, NULL);
  plhs[0] = mxCreateCellMatrix ((mwSize) list.n_paths, 1);
  for (long k = 0; k < list.n_paths; k++)
    mxSetCell (plhs[0], (mwIndex) k, mxCreateString (list.paths[k]));
  if (nlhs > 1)
    plhs[1] = mx_scalar_value ((double) list.n_unreadable);
  ae_file_list_free (&list);
}
