/* The checkpoint container: a header that names the format and guards the
   payload (a serialized model, opaque here) with its length and CRC-32, so a
   truncated or corrupted file is refused before anything trusts its contents.

   Layout (integers little-endian):
     magic "AECKPT\r\n" (8 bytes; the CR LF catches text-mode mangling)
     u32 format version, u32 CRC-32 of the payload, u64 payload length, payload */
#ifndef AE_CHECKPOINT_H
#define AE_CHECKPOINT_H

#include <stddef.h>

#include "ae_status.h"

#define AE_CHECKPOINT_VERSION 1
#define AE_CHECKPOINT_HEADER_BYTES 24

/* Writes the container to path atomically: to "path.partial-PID" first, then
   renamed over path, so a crash mid-write leaves the previous file whole.
   Returns AE_ERR_IO (with the system's reason) when it cannot. */
ae_status_t ae_checkpoint_write (const char *path, const void *payload, size_t n,
                                 ae_error_t *err);

/* Reads and verifies a container; *payload (malloc'd, to be freed by the
   caller) and *n receive its contents. The length is checked against the
   file's size before any allocation. Returns AE_ERR_IO for an unreadable file,
   AE_ERR_FORMAT for a foreign, newer, truncated or corrupted one or one
   larger than max_bytes. */
ae_status_t ae_checkpoint_read (const char *path, size_t max_bytes, void **payload,
                                size_t *n, ae_error_t *err);

#endif
