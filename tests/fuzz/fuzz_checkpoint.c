/* libFuzzer target for the checkpoint container reader: any bytes must give
   AE_OK with the payload the header describes, or an error status; never a
   crash, a leak or an allocation the file cannot back.
     make fuzz (builds and runs this and fuzz_idx) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ae_checkpoint.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char path[] = "/tmp/fuzz_checkpoint_XXXXXX";
  int fd = mkstemp (path);
  if (fd < 0)
    return 0;
  int written = write (fd, data, size) == (ssize_t) size;
  close (fd);
  if (written)
    {
      void *payload;
      size_t n;
      ae_error_t err;
      if (ae_checkpoint_read (path, (size_t) 64 << 20, &payload, &n, &err) == AE_OK)
        {
          if (n + AE_CHECKPOINT_HEADER_BYTES != size)
            abort ();
          free (payload);
        }
    }
  unlink (path);
  return 0;
}
