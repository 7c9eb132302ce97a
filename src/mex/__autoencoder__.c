/* The gateway between Octave and the core: it checks and converts arguments,
   calls the core and turns its statuses into Octave errors; nothing numeric.
   This file dispatches the commands and holds those that run a model; the
   rest are in mex_train.c, mex_files.c, mex_metrics.c and mex_data.c, options and
   training state in mex_options.c, the model struct in mex_model.c.

     model = __autoencoder__ ("init", model, seed)
     [model, state, stats, status, message] =
         __autoencoder__ ("train_epoch", model, state, Xt, Xvalt, opts [, Yt, Yvalt])
     Yt = __autoencoder__ ("forward", model, Xt, part [, Ct [, steps]])
         part: encode | decode | reconstruct; steps: decoding a code into sequences
     [reconstruction, kl] = __autoencoder__ ("evaluate", model, Xt, opts [, Yt])
   A conditional model (one with condition layers) needs each sample's
   conditions: Ct, or the field "conditions" of opts (train_epoch's
   validation data's: "val_conditions"), one sample per column.
     [A, n_dims] = __autoencoder__ ("read_idx", filename)
     __autoencoder__ ("write_checkpoint", filename, bytes)
     bytes = __autoencoder__ ("read_checkpoint", filename)
     [hwc, message] = __autoencoder__ ("image_header", file)  (the size it declares)
     [hwc, formats] = __autoencoder__ ("image_headers", files)  (the same, over a cell)
     formats = __autoencoder__ ("image_decoders")           (those read_images decodes)
     [X, read, why, ids] = __autoencoder__ ("read_images", files, [h w c], max_pixels, threads)
     [files, n_unreadable] = __autoencoder__ ("list_files", folder, recursive, extensions)
     mse = __autoencoder__ ("mse", A, B, n_samples)
     [ssim, map] = __autoencoder__ ("ssim", A, B, h, w, n_planes, window, sigma, k1, k2, range)
     fid = __autoencoder__ ("fid", X1t, X2t)
     [precision, recall] = __autoencoder__ ("precision_recall", Realt, Faket, k)
     log_w = __autoencoder__ ("importance_log_weights", loss, out, X, stats, eps)  (vae_loglik)
     norms2 = __autoencoder__ ("jacobian_norms2", model, Xt)
     [model, state, history, status, message] =
         __autoencoder__ ("train_scg", model, state, Xt, opts, n_iterations [, Yt])
     Z = __autoencoder__ ("normal", seed, rows, columns)   N(0, 1) from the seed's user stream
     [sizes, paddings, descriptions] = __autoencoder__ ("geometry", layers, [h w c])
     [c, sizes, padding, shapes, description] = __autoencoder__ ("layer", L, [h w c])
     [types, blank] = __autoencoder__ ("layer_types")      (the three: see mex_layers.c)
     model = __autoencoder__ ("gan_init", model, seed)
     [model, state, stats, status, message] =
         __autoencoder__ ("gan_train_epoch", model, state, Xt, opts)
     Yt = __autoencoder__ ("gan_forward", model, Xt, part)  part: generate | discriminate
     [Xt, all_finite, in_unit_range] = __autoencoder__ ("columns", X, rows_are_samples, keep)
     __autoencoder__ ("release", Xt)       frees data kept by "columns"
     n = __autoencoder__ ("kept")          how many data sets are kept
   Metrics take doubles: images as Octave holds them (planes of h-by-w,
   column-major), feature sets transposed (one sample per column).

   Data arrive transposed, one sample per column (Xt = single (X.')), which is
   the core's sample-major layout; a single Xt is used without a copy. A
   model over sequences (model.sequence true) takes and gives sequences as
   struct ("frames", F, "lengths", L) (see mex_data.h) wherever its data or
   a part's output are sequences. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "autoencoder.h"
#include "mex.h"
#include "mex_args.h"
#include "mex_data.h"
#include "mex_commands.h"
#include "mex_interrupt.h"
#include "mex_model.h"
#include "mex_options.h"

/* Layers [first, last) of a network over sequences, from sequences. */
static mxArray *
forward_sequences (const mex_model_t *m, const mxArray *input, const mxArray *ct, int first,
                   int last)
{
  const ae_net_t *net = &m->net;
  ae_sequences_t seq;
  mx_sequences (input, "the input", ae_net_n_output (net, first), &seq);
  const float *conditions = mex_model_conditions (ct, net, seq.n, "the labels");
  const int width = ae_net_n_output (net, last);
  float *y;
  mxArray *out;
  if (ae_net_grid (net, last).sequence)
    out = mx_sequences_value (width, &seq, &y);
  else
    {
      out = mxCreateUninitNumericMatrix ((mwSize) width, (mwSize) seq.n, mxSINGLE_CLASS, mxREAL);
      y = (float *) mxGetData (out);
    }
  ae_error_t err = { 0 };
  ae_status_t status = ae_net_apply_sequences (net, m->params, &seq, conditions, first, last, y,
                                               NULL, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, NULL);
  return out;
}

void
mex_command_forward (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs < 4 || nrhs > 6 || nlhs > 1)
    mx_fail ("invalidCall",
             "usage: Yt = __autoencoder__ (\"forward\", model, Xt, part [, Ct [, steps]])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  char *part = mx_string (prhs[3], "the part");
  const ae_net_t *net = &m.net;
  int first, last;
  if (strcmp (part, "encode") == 0)
    {
      /* a VAE's code is the Gaussian's (mu, logvar), read before sampling */
      first = 0;
      last = ae_net_is_variational (net) ? net->n_encoder - 1 : net->n_encoder;
    }
  else if (strcmp (part, "decode") == 0)
    first = net->n_encoder, last = net->n_layers;
  else if (strcmp (part, "reconstruct") == 0)
    first = 0, last = net->n_layers;
  else
    mx_fail ("invalidArgument", "unknown part \"%s\"", part);
  const mxArray *ct = nrhs >= 5 ? prhs[4] : NULL;
  if (ae_net_grid (net, first).sequence)
    {
      plhs[0] = forward_sequences (&m, prhs[2], ct, first, last);
      return;
    }
  /* a code decoded into a sequence: every sample gets the steps asked for */
  int steps = 1;
  if (ae_net_grid (net, last).sequence)
    {
      if (nrhs < 6)
        mx_fail ("invalidArgument", "decoding into sequences needs the number of steps");
      steps = (int) mx_scalar (prhs[5], "the number of steps", 1, 1 << 30);
    }
  long n;
  const float *x = mx_float_columns (prhs[2], "the input", ae_net_n_output (net, first), &n);
  const float *conditions = mex_model_conditions (ct, net, n, "the labels");
  const double width = (double) ae_net_n_output (net, last) * steps;
  if (width * (double) n > 4e18 / sizeof (float))
    mx_fail ("outOfMemory", "%g steps of %ld samples do not fit in memory", (double) steps, n);
  plhs[0] = mxCreateUninitNumericMatrix ((mwSize) width, (mwSize) n, mxSINGLE_CLASS, mxREAL);
  ae_error_t err = { 0 };
  ae_status_t status = ae_net_apply_steps (net, m.params, x, conditions, n, first, last, steps,
                                           (float *) mxGetData (plhs[0]), NULL, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, NULL);
}

void
mex_command_evaluate (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if ((nrhs != 4 && nrhs != 5) || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [reconstruction, kl] = __autoencoder__ (\"evaluate\", model, Xt, opts [, Yt])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  ae_sequences_t seq;
  const float *x;
  const long n = mex_model_data (prhs[2], "the data", &m.net, &x, &seq);
  ae_objective_t objective = mex_read_objective (prhs[3]);
  /* seed < 0: the Gaussian layer's mean; otherwise samples from that seed */
  double seed = mex_option_scalar (prhs[3], "seed", -1, 9007199254740992.0);
  ae_rng_t rng;
  ae_rng_seed (&rng, (uint64_t) (seed < 0 ? 0 : seed), AE_STREAM_VALIDATION);
  double recon, kl;
  ae_error_t err = { 0 };
  const float *y = NULL;
  if (nrhs == 5)
    y = mex_model_targets (prhs[4], &m.net, n, "the targets");
  const float *conditions = mex_model_conditions (mxGetField (prhs[3], 0, "conditions"),
                                                  &m.net, n, "the labels");
  ae_status_t status = x ? ae_evaluate (&m.net, m.params, x, conditions, y, n, &objective,
                                        seed < 0 ? NULL : &rng, &recon, &kl, &err)
                         : ae_evaluate_sequences (&m.net, m.params, &seq, conditions, y,
                                                  &objective, seed < 0 ? NULL : &rng, &recon,
                                                  &kl, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, NULL);
  plhs[0] = mx_scalar_value (recon);
  if (nlhs > 1)
    plhs[1] = mx_scalar_value (kl);
}

void
mex_command_jacobian_norms2 (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 1)
    mx_fail ("invalidCall", "usage: norms2 = __autoencoder__ (\"jacobian_norms2\", model, Xt)");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  long n;
  const float *x = mx_float_columns (prhs[2], "the input", m.net.n_input, &n);
  plhs[0] = mxCreateDoubleMatrix ((mwSize) n, 1, mxREAL);
  ae_error_t err = { 0 };
  ae_status_t status = ae_jacobian_norms2 (&m.net, m.params, x, n, mxGetPr (plhs[0]), &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, NULL);
}

/* Standard normal draws from the core's seeded user stream, so sampling in
   Octave is reproducible from a seed as training is. Single precision, as
   the decoder reads it; rows-by-columns. */
void
mex_command_normal (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 1)
    mx_fail ("invalidCall", "usage: Z = __autoencoder__ (\"normal\", seed, rows, columns)");
  double seed = mx_scalar (prhs[1], "the seed", 0, 9007199254740992.0);
  double rows = mx_scalar (prhs[2], "the rows", 0, 2147483647.0);
  double columns = mx_scalar (prhs[3], "the columns", 0, 9007199254740992.0);
  if (seed != floor (seed) || rows != floor (rows) || columns != floor (columns))
    mx_fail ("invalidArgument", "the seed and the sizes must be integers");
  plhs[0] = mxCreateUninitNumericMatrix ((mwSize) rows, (mwSize) columns, mxSINGLE_CLASS,
                                         mxREAL);
  ae_rng_t rng;
  ae_rng_seed (&rng, (uint64_t) seed, AE_STREAM_USER);
  ae_rng_normal (&rng, (float *) mxGetData (plhs[0]), (size_t) (rows * columns));
}

/* A GAN's generator on codes Zt (one per column), or its discriminator's
   logits of samples Xt: inference, with batch normalization's running
   statistics. */
void
mex_command_gan_forward (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 1)
    mx_fail ("invalidCall",
             "usage: Yt = __autoencoder__ (\"gan_forward\", model, Xt, part)  part:"
             " generate | discriminate");
  mex_gan_t g;
  mex_gan_read (prhs[1], &g);
  char *part = mx_string (prhs[3], "the part");
  const int generate = strcmp (part, "generate") == 0;
  if (!generate && strcmp (part, "discriminate") != 0)
    mx_fail ("invalidArgument", "unknown part \"%s\"", part);
  const mex_model_t *m = generate ? &g.gen : &g.disc;
  /* a VAE-GAN generates with its decoder */
  const int first = generate && ae_net_is_variational (&m->net) ? m->net.n_encoder : 0;
  long n;
  const float *x = mx_float_columns (prhs[2], generate ? "the codes" : "the samples",
                                     ae_net_n_output (&m->net, first), &n);
  const int width = ae_net_n_output (&m->net, m->net.n_layers);
  plhs[0] = mxCreateUninitNumericMatrix ((mwSize) width, (mwSize) n, mxSINGLE_CLASS, mxREAL);
  ae_error_t err = { 0 };
  ae_status_t status = ae_net_apply (&m->net, m->params, x, NULL, n, first, m->net.n_layers,
                                     (float *) mxGetData (plhs[0]), NULL, &err);
  if (status != AE_OK)
    mx_raise_failure (status, &err, NULL);
}

/* Called by mexFunction (mex_interrupt.cc), which answers a signal that
   stopped a command. */
void
mex_dispatch (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs < 1)
    mx_fail ("invalidCall", "__autoencoder__: a command name is required");
  char *command = mx_string (prhs[0], "the command");
  ae_set_interrupt_check (mx_interrupt_requested, NULL);
  static const struct {
    const char *name;
    mex_command_t *run;
  } commands[] = {  /* by file: model commands, training, files, metrics */
    { "forward", mex_command_forward }, { "evaluate", mex_command_evaluate },
    { "jacobian_norms2", mex_command_jacobian_norms2 }, { "normal", mex_command_normal },
    { "geometry", mex_command_geometry }, { "layer", mex_command_layer },
    { "layer_types", mex_command_layer_types },
    { "init", mex_command_init }, { "train_epoch", mex_command_train_epoch },
    { "train_scg", mex_command_train_scg }, { "gan_init", mex_command_gan_init },
    { "gan_train_epoch", mex_command_gan_train_epoch }, { "gan_forward", mex_command_gan_forward },
    { "read_idx", mex_command_read_idx }, { "write_checkpoint", mex_command_write_checkpoint },
    { "read_checkpoint", mex_command_read_checkpoint },
    { "image_header", mex_command_image_header },
    { "image_headers", mex_command_image_headers },
    { "image_decoders", mex_command_image_decoders }, { "read_images", mex_command_read_images },
    { "list_files", mex_command_list_files },
    { "mse", mex_command_mse }, { "ssim", mex_command_ssim }, { "fid", mex_command_fid },
    { "precision_recall", mex_command_precision_recall },
    { "importance_log_weights", mex_command_importance_log_weights },
    { "columns", mex_command_columns },
    { "release", mex_command_release }, { "kept", mex_command_kept }
  };
  for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
    if (strcmp (command, commands[c].name) == 0)
      {
        mxFree (command);
        commands[c].run (nlhs, plhs, nrhs, prhs);
        return;
      }
  mx_fail ("invalidCall", "__autoencoder__: unknown command \"%s\"", command);
}
