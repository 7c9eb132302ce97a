/* libFuzzer target for the IDX reader: any bytes, plain or gzipped, must give
   AE_OK with a consistent result or an error status, never a crash, a leak or
   an allocation beyond the limit.
     clang -g -O1 -fsanitize=fuzzer,address,undefined -I src/core \
       tests/fuzz/fuzz_idx.c src/core/ae_idx.c src/core/ae_status.c -lz -o fuzz_idx
     ./fuzz_idx -max_total_time=60 -rss_limit_mb=512 tests/fuzz/corpus_idx */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ae_idx.h"
#include "fuzz_file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char path[] = "/tmp/fuzz_idx_XXXXXX";
  if (!fuzz_file (data, size, path))
    return 0;
  ae_idx_t idx;
  ae_error_t err;
  /* 64 MB: below the fuzzer's memory limit, so an over-allocation would show */
  ae_status_t status = ae_idx_read (path, (size_t) 64 << 20, &idx, &err);
  if (status == AE_OK)
    {
      size_t n = 1;
      for (int d = 0; d < idx.n_dims; d++)
        n *= idx.dims[d];
      if (n != idx.n_elements || (n > 0 && idx.data == NULL))
        abort ();
      volatile unsigned char sink = 0;
      for (size_t i = 0; i < n * ae_idx_element_size (idx.type); i++)
        sink ^= ((unsigned char *) idx.data)[i];
      ae_idx_free (&idx);
    }
  unlink (path);
  return 0;
}
