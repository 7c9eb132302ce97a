#include "ae_checkpoint.h"

#include "ae_bytes.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static const char magic[8] = { 'A', 'E', 'C', 'K', 'P', 'T', '\r', '\n' };

static void
put_le (unsigned char *out, uint64_t value, int n_bytes)
{
  for (int k = 0; k < n_bytes; k++)
    out[k] = (unsigned char) (value >> (8 * k));
}

/* CRC-32 (zlib's) of n bytes, in pieces zlib's uInt can hold. */
static uint32_t
crc_of (const unsigned char *data, size_t n)
{
  uLong crc = crc32 (0L, Z_NULL, 0);
  for (size_t done = 0; done < n;)
    {
      uInt piece = n - done > (1u << 30) ? (1u << 30) : (uInt) (n - done);
      crc = crc32 (crc, data + done, piece);
      done += piece;
    }
  return (uint32_t) crc;
}

ae_status_t
ae_checkpoint_write (const char *path, const void *payload, size_t n, ae_error_t *err)
{
  unsigned char header[AE_CHECKPOINT_HEADER_BYTES];
  memcpy (header, magic, 8);
  put_le (header + 8, AE_CHECKPOINT_VERSION, 4);
  put_le (header + 12, crc_of (payload, n), 4);
  put_le (header + 16, n, 8);
  char partial[4096];
  if (snprintf (partial, sizeof partial, "%s.partial-%ld", path, (long) getpid ())
      >= (int) sizeof partial)
    return ae_fail (err, AE_ERR_IO, "%s: the file name is too long", path);
  FILE *file = fopen (partial, "wb");
  if (!file)
    return ae_fail (err, AE_ERR_IO, "%s: cannot create: %s", partial, strerror (errno));
  int ok = fwrite (header, 1, sizeof header, file) == sizeof header
           && fwrite (payload, 1, n, file) == n;
  ok = fflush (file) == 0 && ok;
  ok = fsync (fileno (file)) == 0 && ok;
  int saved_errno = errno;
  ok = fclose (file) == 0 && ok;
  if (!ok || rename (partial, path) != 0)
    {
      saved_errno = ok ? errno : saved_errno;
      remove (partial);
      return ae_fail (err, AE_ERR_IO, "%s: cannot write: %s", path, strerror (saved_errno));
    }
  return AE_OK;
}

ae_status_t
ae_checkpoint_read (const char *path, size_t max_bytes, void **payload, size_t *n,
                    ae_error_t *err)
{
  *payload = NULL;
  *n = 0;
  FILE *file = fopen (path, "rb");
  if (!file)
    return ae_fail (err, AE_ERR_IO, "%s: cannot open: %s", path, strerror (errno));
  struct stat info;
  unsigned char header[AE_CHECKPOINT_HEADER_BYTES];
  ae_status_t status = AE_OK;
  if (fstat (fileno (file), &info) != 0 || !S_ISREG (info.st_mode))
    status = ae_fail (err, AE_ERR_IO, "%s: not a regular file", path);
  else if (fread (header, 1, sizeof header, file) != sizeof header
           || memcmp (header, magic, 8) != 0)
    status = ae_fail (err, AE_ERR_FORMAT, "%s: not a checkpoint of this package", path);
  if (status != AE_OK)
    {
      fclose (file);
      return status;
    }
  uint64_t version = ae_get_le (header + 8, 4), crc = ae_get_le (header + 12, 4);
  uint64_t length = ae_get_le (header + 16, 8);
  uint64_t available = (uint64_t) info.st_size - sizeof header;
  if (version == 0)
    status = ae_fail (err, AE_ERR_FORMAT, "%s: corrupted: format version 0", path);
  else if (version > AE_CHECKPOINT_VERSION)
    status = ae_fail (err, AE_ERR_FORMAT,
                      "%s: written in checkpoint format %llu; this version reads up to %d",
                      path, (unsigned long long) version, AE_CHECKPOINT_VERSION);
  else if (length != available)
    status = ae_fail (err, AE_ERR_FORMAT,
                      "%s: truncated or padded: the header promises %llu bytes, the file has %llu",
                      path, (unsigned long long) length, (unsigned long long) available);
  else if (length > max_bytes)
    status = ae_fail (err, AE_ERR_FORMAT, "%s: %llu bytes, more than the limit of %zu",
                      path, (unsigned long long) length, max_bytes);
  unsigned char *data = NULL;
  if (status == AE_OK && !(data = malloc (length ? length : 1)))
    status = ae_fail (err, AE_ERR_MEMORY, "%s: cannot allocate %llu bytes", path,
                      (unsigned long long) length);
  if (status == AE_OK && fread (data, 1, length, file) != length)
    status = ae_fail (err, AE_ERR_FORMAT, "%s: shorter than its size", path);
  if (status == AE_OK && crc_of (data, length) != crc)
    status = ae_fail (err, AE_ERR_FORMAT, "%s: corrupted: its checksum does not match", path);
  fclose (file);
  if (status != AE_OK)
    {
      free (data);
      return status;
    }
  *payload = data;
  *n = length;
  return AE_OK;
}
