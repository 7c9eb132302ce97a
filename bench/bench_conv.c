/* The im2col-versus-FFT crossover of the convolution layers: seconds for a
   forward and a backward pass (input, weight and bias gradients) of one
   batch, by both paths, for square filters of growing size on "same"
   stride-1 convolutions. Interleaves the paths (A B A B) and prints the
   median of each, one line per filter size; ae_conv_fft_pays() encodes the
   crossover it shows (bench/RESULTS.md).
     bench_conv [IMAGE] [CHANNELS_IN] [CHANNELS_OUT] [BATCH] [THREADS] */
#include <stdio.h>
#include <stdlib.h>

#include "autoencoder.h"
#include "bench_util.h"

int
main (int argc, char **argv)
{
  const int size = argc > 1 ? atoi (argv[1]) : 28, c_in = argc > 2 ? atoi (argv[2]) : 16;
  const int c_out = argc > 3 ? atoi (argv[3]) : 16, batch = argc > 4 ? atoi (argv[4]) : 32;
  ae_set_num_threads (argc > 5 ? atoi (argv[5]) : 2);
  const int threads = ae_num_threads ();
  enum { REPEATS = 7 };
  ae_rng_t rng;
  ae_rng_seed (&rng, 1, AE_STREAM_USER);
  printf ("# %dx%d images, %d -> %d channels, batch %d: seconds forward + backward\n", size,
          size, c_in, c_out, batch);
  printf ("# filter  im2col     fft        fft/im2col\n");
  for (int k = 3; k <= 15; k += 2)
    {
      ae_conv_shape_t s;
      ae_error_t err;
      if (ae_conv_shape_same (&s, c_in, size, size, c_out, k, k, 1, &err) != AE_OK)
        return fprintf (stderr, "%s\n", err.message), 1;
      const long n_in = (long) batch * c_in * size * size, n_out = (long) batch * c_out * size * size;
      const long n_w = (long) c_out * c_in * k * k;
      float *in = malloc (n_in * sizeof (float)), *d_in = malloc (n_in * sizeof (float));
      float *out = malloc (n_out * sizeof (float)), *d_out = malloc (n_out * sizeof (float));
      float *w = malloc (n_w * sizeof (float)), *d_w = calloc (n_w, sizeof (float));
      float *b = calloc (c_out, sizeof (float)), *d_b = calloc (c_out, sizeof (float));
      float *col = malloc (ae_conv_col_size (&s, batch, threads) * sizeof (float));
      ae_rng_normal (&rng, in, n_in);
      ae_rng_normal (&rng, d_out, n_out);
      ae_rng_normal (&rng, w, n_w);
      ae_conv_fft_t *fft = ae_conv_fft_new (&s, &err);
      double seconds[2][REPEATS];
      for (int r = 0; r < REPEATS; r++)
        for (int path = 0; path < 2; path++)
          {
            double start = now ();
            if (path == 0)
              {
                ae_conv_forward (out, in, w, b, batch, &s, col, threads);
                ae_conv_backward (d_in, d_w, d_b, d_out, in, w, batch, &s, col, threads);
              }
            else
              {
                ae_conv_fft_forward (fft, out, in, w, b, batch);
                ae_conv_fft_backward (fft, d_in, d_w, d_b, d_out, in, w, batch);
              }
            seconds[path][r] = now () - start;
          }
      qsort (seconds[0], REPEATS, sizeof (double), by_value);
      qsort (seconds[1], REPEATS, sizeof (double), by_value);
      double a = seconds[0][REPEATS / 2], f = seconds[1][REPEATS / 2];
      printf ("%2dx%-2d    %.5f    %.5f    %.2f%s\n", k, k, a, f, f / a,
              ae_conv_fft_pays (&s) ? "   (the layer takes the FFT path)" : "");
      ae_conv_fft_free (fft);
      free (in); free (d_in); free (out); free (d_out); free (w); free (d_w); free (b);
      free (d_b); free (col);
    }
  return 0;
}
