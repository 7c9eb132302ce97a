/* libFuzzer target for the PNG and JPEG decoders and the conversion after
   them: any bytes must decode to a positive size with values in [0, 1] and
   convert (grey and colour, resized) without error, or fail with a status;
   never a crash, a hang, a read past a buffer or an allocation beyond the
   pixel limit (4 million pixels here, so a bomb is refused, not decoded).
     clang -g -O1 -fsanitize=fuzzer,address,undefined -I src/core \
       tests/fuzz/fuzz_image_decode.c src/core/ae_image_read.c src/core/ae_image_header.c \
       src/core/ae_status.c -fopenmp -lpng -ljpeg -lm -o fuzz_image_decode
     ./fuzz_image_decode -max_total_time=60 -rss_limit_mb=1024 tests/fuzz/corpus_image_decode */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ae_image_read.h"
#include "fuzz_file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char path[] = "/tmp/fuzz_image_decode_XXXXXX";
  if (!fuzz_file (data, size, path))
    return 0;
  ae_image_t image;
  ae_error_t err;
  const ae_status_t status = ae_image_decode (path, 4000000, &image, &err);
  unlink (path);
  if (status != AE_OK)
    {
      if (image.pixels)
        abort ();   /* a failure frees what it allocated */
      return 0;
    }
  if (image.height < 1 || image.width < 1 || (long) image.height * image.width > 4000000
      || (image.channels != 1 && image.channels != 3) || (image.bits != 8 && image.bits != 16))
    abort ();
  static float out[7 * 5 * 3];
  for (int channels = 1; channels <= 3; channels += 2)
    {
      const ae_image_shape_t shape = { 7, 5, channels, 4000000 };
      if (ae_image_convert (&image, &shape, out, &err) != AE_OK)
        abort ();
      for (int k = 0; k < 7 * 5 * channels; k++)
        if (!(out[k] >= 0 && out[k] <= 1))
          abort ();
    }
  ae_image_free (&image);
  return 0;
}
