/* libFuzzer target for the checkpoint container reader: any bytes must give
   AE_OK with the payload the header describes, or an error status; never a
   crash, a leak or an allocation the file cannot back.
     make fuzz (builds and runs the three fuzz targets) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ae_checkpoint.h"
#include "fuzz_file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char path[] = "/tmp/fuzz_checkpoint_XXXXXX";
  if (!fuzz_file (data, size, path))
    return 0;
  void *payload;
  size_t n;
  ae_error_t err;
  if (ae_checkpoint_read (path, (size_t) 64 << 20, &payload, &n, &err) == AE_OK)
    {
      if (n + AE_CHECKPOINT_HEADER_BYTES != size)
        abort ();
      free (payload);
    }
  unlink (path);
  return 0;
}
