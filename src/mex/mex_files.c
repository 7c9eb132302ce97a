/* File commands: IDX data sets, checkpoints, image headers. */
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
