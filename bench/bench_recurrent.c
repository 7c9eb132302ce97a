/* The recurrent kernels' time per batch: one forward and one backward pass
   (input, weight and bias gradients) of the LSTM and the GRU kernels over a
   batch of sequences, on 1 and on 2 threads interleaved (A B A B), the
   median of 7 of each (bench/RESULTS.md, "Recurrent kernels").
     bench_recurrent [BATCH] [STEPS] [FEATURES] [UNITS] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ae_gru.h"
#include "ae_lstm.h"
#include "ae_threads.h"
#include "bench_util.h"

static float *
wave (long n, double a)
{
  float *v = malloc ((size_t) n * sizeof *v);
  for (long k = 0; k < n; k++)
    v[k] = (float) (0.1 * sin (a * (double) k));
  return v;
}

/* Seconds of one forward and backward pass of kernel 0 (LSTM) or 1 (GRU). */
static double
one_pass (int kernel, const ae_sequence_shape_t *s)
{
  const int G = (kernel ? 3 : 4) * s->n_hidden;
  const long rows = (long) s->n_batch * s->n_steps;
  float *x = wave (rows * s->n_in, 0.3), *h = wave (rows * s->n_hidden, 0.5);
  float *w_in = wave ((long) s->n_in * G, 0.7), *w_rec = wave ((long) s->n_hidden * G, 1.1);
  float *bias = wave (G, 1.3), *d_x = wave (rows * s->n_in, 0.1);
  float *d_w_in = wave ((long) s->n_in * G, 0.1), *d_w_rec = wave ((long) s->n_hidden * G, 0.1);
  float *d_bias = wave (G, 0.1), *d_h = wave (rows * s->n_hidden, 0.9);
  const long state_size = kernel ? ae_gru_state_size (s) : ae_lstm_state_size (s);
  const long scratch_size = kernel ? ae_gru_scratch_size (s) : ae_lstm_scratch_size (s);
  float *state = wave (state_size, 0.2), *scratch = wave (scratch_size, 0.2);
  const double start = now ();
  if (kernel)
    {
      ae_gru_forward (h, state, x, w_in, w_rec, bias, NULL, s);
      ae_gru_backward (d_x, d_w_in, d_w_rec, d_bias, NULL, scratch, d_h, x, h, state, w_in,
                       w_rec, s);
    }
  else
    {
      ae_lstm_forward (h, state, x, w_in, w_rec, bias, s);
      ae_lstm_backward (d_x, d_w_in, d_w_rec, d_bias, scratch, d_h, x, h, state, w_in, w_rec,
                        s);
    }
  const double seconds = now () - start;
  free (x), free (h), free (w_in), free (w_rec), free (bias), free (d_x), free (d_w_in);
  free (d_w_rec), free (d_bias), free (d_h), free (state), free (scratch);
  return seconds;
}

int
main (int argc, char **argv)
{
  const ae_sequence_shape_t s = { .n_batch = argc > 1 ? atoi (argv[1]) : 64,
                                  .n_steps = argc > 2 ? atoi (argv[2]) : 100,
                                  .n_in = argc > 3 ? atoi (argv[3]) : 64,
                                  .n_hidden = argc > 4 ? atoi (argv[4]) : 128 };
  enum { REPEATS = 7 };
  printf ("# batch %d, %d steps, %d features, %d units: ms per forward + backward, median"
          " of %d\n", s.n_batch, s.n_steps, s.n_in, s.n_hidden, REPEATS);
  for (int kernel = 0; kernel < 2; kernel++)
    {
      double times[2][REPEATS];
      for (int r = 0; r < REPEATS; r++)
        for (int threads = 1; threads <= 2; threads++)
          {
            ae_set_num_threads (threads);
            times[threads - 1][r] = one_pass (kernel, &s);
          }
      for (int t = 0; t < 2; t++)
        qsort (times[t], REPEATS, sizeof (double), by_value);
      printf ("%s: 1 thread %.1f ms, 2 threads %.1f ms (%.2fx)\n", kernel ? "GRU " : "LSTM",
              1e3 * times[0][REPEATS / 2], 1e3 * times[1][REPEATS / 2],
              times[0][REPEATS / 2] / times[1][REPEATS / 2]);
    }
  return 0;
}
