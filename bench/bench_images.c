/* The C image reader alone, as the datastore's reader uses it: the files
   given decoded, converted and resized in batches into one buffer reused
   from batch to batch (no page of it faulted in twice), on THREADS threads.
   Prints one JSON line with the seconds of a pass over all files, the
   median of ROUNDS passes (bench/run-image-bench, "batches").
     bench_images THREADS H W C BATCH ROUNDS FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ae_image_read.h"
#include "bench_util.h"

int
main (int argc, char **argv)
{
  if (argc < 8)
    {
      fprintf (stderr, "usage: bench_images THREADS H W C BATCH ROUNDS FILE...\n");
      return 2;
    }
  const int threads = atoi (argv[1]), batch = atoi (argv[5]), rounds = atoi (argv[6]);
  const ae_image_shape_t shape = { atoi (argv[2]), atoi (argv[3]), atoi (argv[4]), 178956970 };
  const char *const *files = (const char *const *) argv + 7;
  const int n = argc - 7;
  const size_t image = (size_t) shape.height * shape.width * shape.channels;
  float *buffer = calloc ((size_t) batch * image, sizeof *buffer);   /* touched once, here */
  ae_error_t *errors = calloc ((size_t) batch, sizeof *errors);
  memset (buffer, 0, (size_t) batch * image * sizeof *buffer);
  double *seconds = calloc ((size_t) rounds, sizeof *seconds), sum = 0;
  int failed = 0;
  for (int r = 0; r < rounds; r++)
    {
      const double start = now ();
      for (int first = 0; first < n; first += batch)
        {
          const int count = n - first < batch ? n - first : batch;
          ae_image_read_files (files + first, count, &shape, threads, buffer, errors);
          for (int k = 0; k < count; k++)
            failed += errors[k].status != AE_OK;
          sum += buffer[0];
        }
      seconds[r] = now () - start;
    }
  qsort (seconds, (size_t) rounds, sizeof *seconds, by_value);
  printf ("{\"reader\": \"c-batches\", \"threads\": %d, \"files\": %d, \"seconds\": %.6f, "
          "\"min\": %.6f, \"max\": %.6f, \"failed\": %d, \"check\": %g}\n", threads, n,
          seconds[rounds / 2], seconds[0], seconds[rounds - 1], failed, sum);
  free (buffer);
  free (errors);
  free (seconds);
  return failed != 0;
}
