#include "ae_idx.h"

#include "ae_bytes.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

size_t
ae_idx_element_size (ae_idx_type_t type)
{
  switch (type)
    {
    case AE_IDX_UINT8: case AE_IDX_INT8: return 1;
    case AE_IDX_INT16: return 2;
    case AE_IDX_INT32: case AE_IDX_FLOAT32: return 4;
    case AE_IDX_FLOAT64: return 8;
    }
  return 0;
}

/* IDX stores multi-byte elements big-endian. */
static void
to_native_order (unsigned char *data, size_t n, size_t size)
{
  const uint16_t probe = 1;
  if (size == 1 || *(const unsigned char *) &probe == 0)
    return;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < size / 2; k++)
      {
        unsigned char t = data[i * size + k];
        data[i * size + k] = data[i * size + size - 1 - k];
        data[i * size + size - 1 - k] = t;
      }
}

static ae_status_t
read_header (gzFile file, const char *path, size_t max_bytes, ae_idx_t *idx,
             size_t *n_bytes, ae_error_t *err)
{
  unsigned char magic[4];
  if (gzread (file, magic, 4) != 4)
    return ae_fail (err, AE_ERR_FORMAT, "%s: shorter than an IDX header", path);
  idx->type = (ae_idx_type_t) magic[2];
  idx->n_dims = magic[3];
  size_t element_size = ae_idx_element_size (idx->type);
  if (magic[0] != 0 || magic[1] != 0 || element_size == 0
      || idx->n_dims < 1 || idx->n_dims > AE_IDX_MAX_DIMS)
    return ae_fail (err, AE_ERR_FORMAT,
                    "%s: not an IDX file (magic bytes %02x %02x %02x %02x)",
                    path, magic[0], magic[1], magic[2], magic[3]);
  unsigned char dims[4 * AE_IDX_MAX_DIMS];
  if (gzread (file, dims, 4 * idx->n_dims) != 4 * idx->n_dims)
    return ae_fail (err, AE_ERR_FORMAT, "%s: truncated IDX header", path);
  idx->n_elements = 1;
  for (int d = 0; d < idx->n_dims; d++)
    {
      idx->dims[d] = (uint32_t) ae_get_be (dims + 4 * d, 4);
      /* n_elements stays below max_bytes, so this product cannot overflow */
      if (idx->dims[d] != 0 && idx->n_elements > max_bytes / element_size / idx->dims[d])
        return ae_fail (err, AE_ERR_FORMAT,
                        "%s: the header claims more than %zu bytes of data", path,
                        max_bytes);
      idx->n_elements *= idx->dims[d];
    }
  *n_bytes = idx->n_elements * element_size;
  return AE_OK;
}

static ae_status_t
read_data (gzFile file, const char *path, size_t n_bytes, ae_idx_t *idx, ae_error_t *err)
{
  size_t capacity = 0, n_read = 0;
  unsigned char *data = NULL;
  while (n_read < n_bytes)
    {
      if (n_read == capacity)
        {
          size_t grown = capacity ? 2 * capacity : (size_t) 1 << 20;
          capacity = grown < n_bytes ? grown : n_bytes;
          unsigned char *bigger = realloc (data, capacity);
          if (!bigger)
            {
              free (data);
              return ae_fail (err, AE_ERR_MEMORY, "%s: cannot allocate %zu bytes",
                              path, capacity);
            }
          data = bigger;
        }
      size_t want = capacity - n_read;
      unsigned chunk = want > (1u << 30) ? (1u << 30) : (unsigned) want;
      int got = gzread (file, data + n_read, chunk);
      if (got <= 0)
        {
          free (data);
          int zerr;
          const char *why = got < 0 ? gzerror (file, &zerr) : "end of file";
          return ae_fail (err, AE_ERR_FORMAT,
                          "%s: truncated: the header promises %zu bytes of data, "
                          "found %zu (%s)", path, n_bytes, n_read, why);
        }
      n_read += (size_t) got;
    }
  to_native_order (data, idx->n_elements, ae_idx_element_size (idx->type));
  idx->data = data ? data : malloc (1);
  return idx->data ? AE_OK : ae_fail (err, AE_ERR_MEMORY, "%s: out of memory", path);
}

ae_status_t
ae_idx_read (const char *path, size_t max_bytes, ae_idx_t *idx, ae_error_t *err)
{
  memset (idx, 0, sizeof *idx);
  gzFile file = gzopen (path, "rb");
  if (!file)
    return ae_fail (err, AE_ERR_IO, "%s: cannot open", path);
  size_t n_bytes = 0;
  ae_status_t status = read_header (file, path, max_bytes, idx, &n_bytes, err);
  if (status == AE_OK)
    status = read_data (file, path, n_bytes, idx, err);
  gzclose (file);
  return status;
}

void
ae_idx_free (ae_idx_t *idx)
{
  free (idx->data);
  idx->data = NULL;
}
