/* The pytorch/examples MNIST VAE (784-400-20) on fixed weights, inputs and
   noise, forward and backward, against the values PyTorch computed
   (tests/reference/make_vae_reference.py wrote vae_784_400_20.txt). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test_util.h"

enum { n_batch = 8, n_in = 784, n_hidden = 400, n_latent = 20, max_values = 4096 };

typedef struct {
  int n;
  double values[max_values];
} entry_t;

static void
read_entry (const char *name, entry_t *e)
{
  e->n = reference_values ("vae_784_400_20.txt", name, e->values, max_values);
}

/* The closed formulas of make_vae_reference.py. */
static void
formula_weights (float *block, int n_in_, int n_out, int layer, double gain)
{
  double bound = gain / sqrt ((double) n_in_);
  long n = (long) n_in_ * n_out + n_out;
  for (long k = 0; k < n; k++)
    block[k] = (float) (bound * sin (12.9898 * k + 78.233 * layer));
}

static void
formula_values (float *out, long n, double a, double b, double scale, double offset)
{
  for (long k = 0; k < n; k++)
    out[k] = (float) (offset + scale * sin (a * k + b));
}

/* Largest |got - want| over the entry, relative to the entry's largest |want|. */
static double
relative_difference (const float *got, long stride, const entry_t *want)
{
  double worst = 0, scale = 0;
  for (int i = 0; i < want->n; i++)
    {
      worst = fmax (worst, fabs (got[i * stride] - want->values[i]));
      scale = fmax (scale, fabs (want->values[i]));
    }
  return worst / fmax (scale, 1e-30);
}

static entry_t entry;

static void
expect_close (const char *name, const float *got, long stride, double tol)
{
  read_entry (name, &entry);
  double diff = relative_difference (got, stride, &entry);
  printf ("  %-16s %5d values, largest relative difference %.2e\n", name, entry.n, diff);
  ck_assert_msg (diff <= tol, "%s differs from PyTorch by %g (relative)", name, diff);
}

START_TEST (vae_784_400_20_matches_pytorch)
{
  ae_net_t net;
  ae_error_t err;
  ae_net_begin (&net, n_in);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = n_hidden }, &err);
  ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 2 * n_latent }, &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err);
  ae_net_end_encoder (&net);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = n_hidden }, &err);
  ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (&net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = n_in }, &err);
  ck_assert_int_eq (
      ae_net_add (&net,
                  &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
                  &err),
      AE_OK);

  float *params = alloc_floats (net.n_params), *grads = alloc_floats (net.n_params);
  const int dense[4] = { 0, 2, 4, 6 };
  const double gain[4] = { 1, 8, 1, 1 };
  for (int d = 0; d < 4; d++)
    {
      const ae_layer_t *l = &net.layers[dense[d]];
      formula_weights (params + l->param_offset, l->n_in, l->n_out, d + 1, gain[d]);
    }
  float *x = alloc_floats (n_batch * n_in);
  formula_values (x, n_batch * n_in, 0.7, 1.3, 0.5, 0.5);
  ae_workspace_t ws;
  ck_assert_int_eq (ae_workspace_init (&ws, &net, n_batch, &err), AE_OK);
  formula_values (ws.eps, n_batch * n_latent, 1.7, 0.1, 1.5, 0.0);

  /* the training step's computation, as ae_trainer_epoch does it */
  const int last = net.n_layers - 1;   /* the loss reads the logits */
  ae_net_forward (&net, params, &ws, x, n_batch, 0, net.n_layers);
  const float *stats = ws.outputs[2];
  float recon = (float) (ae_loss_forward (ws.outputs[last - 1], x, n_batch * n_in,
                                          AE_LOSS_BCE_LOGITS) / n_batch);
  float kl = (float) (ae_gaussian_kl (NULL, stats, n_batch, n_latent, 0) / n_batch);
  float loss = recon + kl;
  ae_loss_backward (ws.grad_a, ws.outputs[last - 1], x, n_batch * n_in, AE_LOSS_BCE_LOGITS,
                    1.0f / n_batch);
  float *d_stats = ae_net_backward (&net, params, grads, &ws, x, ws.grad_a, n_batch, 3, last);
  ae_gaussian_kl (d_stats, stats, n_batch, n_latent, 1.0f / n_batch);
  ae_net_backward (&net, params, grads, &ws, x, d_stats, n_batch, 0, 3);

  printf ("784-400-20 VAE against PyTorch:\n");
  expect_close ("loss", &loss, 1, 1e-6);
  expect_close ("reconstruction", &recon, 1, 1e-6);
  expect_close ("kl", &kl, 1, 1e-5);
  /* the Gaussian layer's input rows hold mu then logvar */
  float mu[n_batch * n_latent], logvar[n_batch * n_latent];
  for (int b = 0; b < n_batch; b++)
    for (int j = 0; j < n_latent; j++)
      {
        mu[b * n_latent + j] = stats[b * 2 * n_latent + j];
        logvar[b * n_latent + j] = stats[b * 2 * n_latent + n_latent + j];
      }
  expect_close ("mu", mu, 1, 1e-5);
  expect_close ("logvar", logvar, 1, 1e-5);
  expect_close ("output", ws.outputs[net.n_layers - 1], 1, 1e-5);
  for (int d = 0; d < 4; d++)
    {
      const ae_layer_t *l = &net.layers[dense[d]];
      long n_w = (long) l->n_in * l->n_out;
      const float *g = grads + l->param_offset;
      char name[32];
      double norm = 0;
      for (long k = 0; k < n_w; k++)
        norm += (double) g[k] * g[k];
      float norm_f = (float) sqrt (norm);
      snprintf (name, sizeof name, "grad_w%d_norm", d + 1);
      expect_close (name, &norm_f, 1, 1e-5);
      snprintf (name, sizeof name, "grad_w%d_probe", d + 1);
      expect_close (name, g, n_w / 2000, 1e-5);
      snprintf (name, sizeof name, "grad_b%d", d + 1);
      expect_close (name, g + n_w, 1, 1e-5);
    }
  ae_workspace_free (&ws);
  free (params); free (grads); free (x);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("torch_reference");
  TCase *tc = tcase_create ("784-400-20 VAE");
  tcase_add_test (tc, vae_784_400_20_matches_pytorch);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
