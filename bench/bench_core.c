/* Times training epochs of the core alone on the pytorch/examples VAE shape
   (784-400-20, batch 128) over synthetic data in [0, 1]: a profile target
   for perf, without Octave.
     bench_core [N_SAMPLES] [EPOCHS] [THREADS] */
#include <stdio.h>
#include <stdlib.h>

#include "autoencoder.h"

int
main (int argc, char **argv)
{
  long n = argc > 1 ? atol (argv[1]) : 60000;
  int epochs = argc > 2 ? atoi (argv[2]) : 2;
  ae_set_num_threads (argc > 3 ? atoi (argv[3]) : 2);
  ae_net_t net;
  ae_error_t err;
  ae_net_begin (&net, 784);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 400 }, &err);
  ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 40 }, &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err);
  ae_net_end_encoder (&net);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 400 }, &err);
  ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 784 }, &err);
  ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
              &err);
  float *params = malloc (net.n_params * sizeof (float));
  float *x = malloc ((size_t) n * 784 * sizeof (float));
  ae_rng_t rng;
  ae_rng_seed (&rng, 1, AE_STREAM_USER);
  ae_net_init_params (&net, params, &rng);
  for (long i = 0; i < n * 784; i++)   /* sparse-ish images: most pixels 0 */
    {
      float u = ae_rng_uniform (&rng);
      x[i] = u < 0.8f ? 0.0f : u;
    }
  ae_train_config_t config = {
    .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 1.0f },
    .optimizer = { AE_OPT_ADAM, 1e-3f, 0, 0.9f, 0.999f, 1e-8f },
    .batch_size = 128, .seed = 1
  };
  ae_epoch_stats_t *history = malloc (epochs * sizeof *history);
  int n_done;
  ae_status_t status = ae_train (&net, params, x, n, NULL, 0, &config, epochs, history,
                                 &n_done, &err);
  for (int e = 0; e < n_done; e++)
    printf ("epoch %d: loss %.3f, %.3f s\n", e + 1, history[e].loss, history[e].seconds);
  free (params); free (x); free (history);
  return status == AE_OK ? 0 : 1;
}
