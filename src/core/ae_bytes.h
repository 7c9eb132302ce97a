/* Unsigned integers as files store them, of n bytes (1 to 8): little-endian
   (the checkpoint container, BMP, GIF, TIFF "II") or big-endian (IDX, PNG,
   JPEG, TIFF "MM"), whatever the machine's own order. */
#ifndef AE_BYTES_H
#define AE_BYTES_H

#include <stdint.h>

static inline uint64_t
ae_get_le (const unsigned char *p, int n)
{
  uint64_t value = 0;
  for (int k = n - 1; k >= 0; k--)
    value = value << 8 | p[k];
  return value;
}

static inline uint64_t
ae_get_be (const unsigned char *p, int n)
{
  uint64_t value = 0;
  for (int k = 0; k < n; k++)
    value = value << 8 | p[k];
  return value;
}

#endif
