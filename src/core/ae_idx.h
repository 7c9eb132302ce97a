/* Reader for the IDX format of MNIST and Fashion-MNIST, plain or gzipped. */
#ifndef AE_IDX_H
#define AE_IDX_H

#include <stddef.h>
#include <stdint.h>

#include "ae_status.h"

#define AE_IDX_MAX_DIMS 8

/* Element types, as the third byte of the magic number gives them. */
typedef enum {
  AE_IDX_UINT8 = 0x08, AE_IDX_INT8 = 0x09, AE_IDX_INT16 = 0x0B,
  AE_IDX_INT32 = 0x0C, AE_IDX_FLOAT32 = 0x0D, AE_IDX_FLOAT64 = 0x0E
} ae_idx_type_t;

typedef struct {
  ae_idx_type_t type;
  int n_dims;
  uint32_t dims[AE_IDX_MAX_DIMS];   /* slowest-varying first, as in the file */
  size_t n_elements;
  void *data;                       /* row-major, in this machine's byte order */
} ae_idx_t;

size_t ae_idx_element_size (ae_idx_type_t type);

/* Reads path (gzip is detected by zlib). A header that does not fit the format,
   a size above max_bytes or data shorter than the header promises returns
   AE_ERR_FORMAT; an unreadable file AE_ERR_IO. Memory grows with the data that
   actually arrives, so a lying header cannot force a huge allocation. */
ae_status_t ae_idx_read (const char *path, size_t max_bytes, ae_idx_t *idx,
                         ae_error_t *err);
void ae_idx_free (ae_idx_t *idx);

#endif
