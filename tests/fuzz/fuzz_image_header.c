/* libFuzzer target for the image header reader: any bytes must give AE_OK
   with a positive size and channel count, or an error status; never a
   crash, a hang (a GIF or JPEG whose blocks loop) or a read of the pixels.
     clang -g -O1 -fsanitize=fuzzer,address,undefined -I src/core \
       tests/fuzz/fuzz_image_header.c src/core/ae_image_header.c src/core/ae_status.c \
       -o fuzz_image_header
     ./fuzz_image_header -max_total_time=60 -rss_limit_mb=512 tests/fuzz/corpus_image_header */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ae_image_header.h"
#include "fuzz_file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char path[] = "/tmp/fuzz_image_header_XXXXXX";
  if (!fuzz_file (data, size, path))
    return 0;
  ae_image_header_t header;
  ae_error_t err;
  if (ae_image_header_read (path, &header, &err) == AE_OK
      && (header.height < 1 || header.width < 1 || header.channels < 1 || !header.format))
    abort ();
  unlink (path);
  return 0;
}
