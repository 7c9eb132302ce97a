/* The gateway between Octave and the core: it checks and converts arguments,
   calls the core and turns its statuses into Octave errors; nothing numeric.

     model = __autoencoder__ ("init", model, seed)
     [model, state, stats, status, message] =
         __autoencoder__ ("train_epoch", model, state, Xt, Xvalt, opts [, Yt, Yvalt])
     Yt = __autoencoder__ ("forward", model, Xt, part)  part: encode | decode | reconstruct
     [reconstruction, kl] = __autoencoder__ ("evaluate", model, Xt, opts [, Yt])
     [A, n_dims] = __autoencoder__ ("read_idx", filename)
     __autoencoder__ ("write_checkpoint", filename, bytes)
     bytes = __autoencoder__ ("read_checkpoint", filename)
     mse = __autoencoder__ ("mse", A, B, n_samples)
     [ssim, map] = __autoencoder__ ("ssim", A, B, h, w, n_planes, window, sigma, k1, k2, range)
     fid = __autoencoder__ ("fid", X1t, X2t)
     [precision, recall] = __autoencoder__ ("precision_recall", Realt, Faket, k)
     norms2 = __autoencoder__ ("jacobian_norms2", model, Xt)
     [model, state, history, status, message] =
         __autoencoder__ ("train_scg", model, state, Xt, opts, n_iterations [, Yt])
     Z = __autoencoder__ ("normal", seed, rows, columns)   N(0, 1) from the seed's user stream
     [sizes, paddings] = __autoencoder__ ("geometry", layers, [h w c])   (see mex_model.h)
   Metrics take doubles: images as Octave holds them (planes of h-by-w,
   column-major), feature sets transposed (one sample per column).

   Data arrive transposed, one sample per column (Xt = single (X.')), which is
   the core's sample-major layout; a single Xt is used without a copy. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "autoencoder.h"
#include "mex.h"
#include "mex_args.h"
#include "mex_model.h"
#include "quit.h"

/* ---- options ---- */

static double
option_scalar (const mxArray *opts, const char *name, double lo, double hi)
{
  char what[64];
  snprintf (what, sizeof what, "option %s", name);
  return mx_scalar (mx_field (opts, 0, name, "the options"), what, lo, hi);
}

static char *
option_string (const mxArray *opts, const char *name)
{
  char what[64];
  snprintf (what, sizeof what, "option %s", name);
  return mx_string (mx_field (opts, 0, name, "the options"), what);
}

/* An option that older callers may leave out. */
static double
optional_scalar (const mxArray *opts, const char *name, double fallback, double lo, double hi)
{
  return mxGetField (opts, 0, name) ? option_scalar (opts, name, lo, hi) : fallback;
}

static ae_regularization_t
read_regularization (const mxArray *opts)
{
  ae_regularization_t reg = {
    .sparsity_target = (float) optional_scalar (opts, "sparsity_target", 0.05, 1e-6, 1 - 1e-6),
    .sparsity_weight = (float) optional_scalar (opts, "sparsity_weight", 0, 0, 1e30),
    .l1_weight = (float) optional_scalar (opts, "l1_weight", 0, 0, 1e30),
    .weight_decay = (float) optional_scalar (opts, "weight_decay", 0, 0, 1e30),
    .contractive_weight = (float) optional_scalar (opts, "contractive_weight", 0, 0, 1e30),
    .noise = AE_NOISE_NONE,
    .noise_level = (float) optional_scalar (opts, "noise_level", 0, 0, 1e30)
  };
  if (mxGetField (opts, 0, "noise"))
    {
      char *noise = option_string (opts, "noise");
      if (ae_noise_parse (noise, &reg.noise) != 0)
        mx_fail ("invalidOption", "unknown noise \"%s\" (use \"none\", \"gaussian\", "
                 "\"masking\" or \"saltpepper\")", noise);
      mxFree (noise);
    }
  return reg;
}

static ae_objective_t
read_objective (const mxArray *opts)
{
  ae_objective_t objective;
  char *loss = option_string (opts, "loss"), *reduction = option_string (opts, "reduction");
  if (ae_loss_parse (loss, &objective.loss) != 0)
    mx_fail ("invalidOption",
             "unknown loss \"%s\" (use \"bce\", \"mse\", \"l1\" or \"crossentropy\")", loss);
  if (strcmp (reduction, "sum") != 0 && strcmp (reduction, "mean") != 0)
    mx_fail ("invalidOption", "unknown reduction \"%s\" (use \"sum\" or \"mean\")", reduction);
  objective.reduction = strcmp (reduction, "sum") == 0 ? AE_REDUCE_SUM : AE_REDUCE_MEAN;
  objective.beta = (float) option_scalar (opts, "beta", 0, 1e30);
  mxFree (loss);
  mxFree (reduction);
  return objective;
}

static ae_train_config_t
read_train_config (const mxArray *opts)
{
  ae_train_config_t config = { 0 };
  config.objective = read_objective (opts);
  config.regularization = read_regularization (opts);
  char *optimizer = option_string (opts, "optimizer");
  if (ae_optimizer_parse (optimizer, &config.optimizer.kind) != 0)
    mx_fail ("invalidOption", "unknown optimizer \"%s\" (use \"adam\" or \"sgd\")", optimizer);
  mxFree (optimizer);
  config.optimizer.learn_rate = (float) option_scalar (opts, "learn_rate", 1e-30, 1e30);
  config.optimizer.momentum = (float) option_scalar (opts, "momentum", 0, 1);
  config.optimizer.beta1 = 0.9f;
  config.optimizer.beta2 = 0.999f;
  config.optimizer.eps = 1e-8f;
  config.batch_size = (int) option_scalar (opts, "batch_size", 1, 1 << 30);
  config.kl_warmup_epochs = (int) option_scalar (opts, "kl_warmup_epochs", 0, 1 << 30);
  config.seed = (uint64_t) option_scalar (opts, "seed", 0, 9007199254740992.0);
  return config;
}

/* ---- training state between epochs ---- */

static const char *const state_fields[] = {
  "epoch", "n_steps", "shuffle_counter", "noise_counter", "moment1", "moment2"
};
enum { n_state_fields = sizeof state_fields / sizeof state_fields[0] };

static uint64_t
state_counter (const mxArray *state, const char *name)
{
  const mxArray *a = mx_field (state, 0, name, "the training state");
  if (!mxIsUint64 (a) || mxGetNumberOfElements (a) != 1)
    mx_fail ("invalidState", "training state field %s must be a uint64 scalar", name);
  return *(const uint64_t *) mxGetData (a);
}

static void
restore_moment (const mxArray *state, const char *name, float *moment, long n_params)
{
  if (!moment)
    return;
  const mxArray *a = mx_field (state, 0, name, "the training state");
  if (!mxIsSingle (a) || (long) mxGetNumberOfElements (a) != n_params)
    mx_fail ("invalidState",
             "training state field %s must hold %ld single values (was the model or the "
             "optimizer changed between epochs?)", name, n_params);
  memcpy (moment, mxGetData (a), (size_t) n_params * sizeof (float));
}

/* An empty state leaves the trainer fresh from its seed. Called before any
   core allocation could leak: it raises errors, so the trainer is restored after. */
static void
check_state (const mxArray *state, ae_optimizer_kind_t kind, long n_params)
{
  if (mxIsEmpty (state))
    return;
  float *scratch = mxMalloc ((size_t) (n_params ? n_params : 1) * sizeof (float));
  restore_moment (state, "moment1", scratch, n_params);
  if (kind == AE_OPT_ADAM)
    restore_moment (state, "moment2", scratch, n_params);
  for (int f = 0; f < 4; f++)
    state_counter (state, state_fields[f]);
  mxFree (scratch);
}

static void
restore_state (const mxArray *state, ae_trainer_t *t)
{
  if (mxIsEmpty (state))
    return;
  const ae_trainer_progress_t progress = {
    .epoch = (int) state_counter (state, "epoch"),
    .n_steps = (long) state_counter (state, "n_steps"),
    .shuffle_counter = state_counter (state, "shuffle_counter"),
    .noise_counter = state_counter (state, "noise_counter")
  };
  ae_trainer_resume (t, &progress);
  restore_moment (state, "moment1", t->opt.moment1, t->net->n_params);
  restore_moment (state, "moment2", t->opt.moment2, t->net->n_params);
}

static mxArray *
uint64_scalar (uint64_t value)
{
  mxArray *a = mxCreateNumericMatrix (1, 1, mxUINT64_CLASS, mxREAL);
  *(uint64_t *) mxGetData (a) = value;
  return a;
}

static mxArray *
save_state (const ae_trainer_t *t)
{
  mxArray *state = mxCreateStructMatrix (1, 1, n_state_fields, (const char **) state_fields);
  long n = t->net->n_params;
  const ae_trainer_progress_t progress = ae_trainer_progress (t);
  mxSetField (state, 0, "epoch", uint64_scalar ((uint64_t) progress.epoch));
  mxSetField (state, 0, "n_steps", uint64_scalar ((uint64_t) progress.n_steps));
  mxSetField (state, 0, "shuffle_counter", uint64_scalar (progress.shuffle_counter));
  mxSetField (state, 0, "noise_counter", uint64_scalar (progress.noise_counter));
  mxSetField (state, 0, "moment1", mx_single_matrix (t->opt.moment1, n, 1));
  mxSetField (state, 0, "moment2", t->opt.moment2 ? mx_single_matrix (t->opt.moment2, n, 1)
                                                  : mxCreateNumericMatrix (0, 0, mxSINGLE_CLASS, mxREAL));
  return state;
}

static mxArray *
stats_struct (const ae_epoch_stats_t *s)
{
  static const char *names[] = { "epoch", "beta", "loss", "reconstruction", "kl", "penalty",
                                 "val_loss", "val_reconstruction", "val_kl", "seconds" };
  double values[] = { s->epoch, s->beta, s->loss, s->reconstruction, s->kl, s->penalty,
                      s->has_validation ? s->val_loss : NAN,
                      s->has_validation ? s->val_reconstruction : NAN,
                      s->has_validation ? s->val_kl : NAN, s->seconds };
  enum { n_names = sizeof names / sizeof names[0] };
  mxArray *stats = mxCreateStructMatrix (1, 1, n_names, names);
  for (int f = 0; f < n_names; f++)
    mxSetField (stats, 0, names[f], mx_scalar_value (values[f]));
  return stats;
}

/* Ctrl-C in Octave raises octave_signal_caught; the core polls it between batches. */
static int
octave_interrupt_requested (void *context)
{
  (void) context;
  return octave_signal_caught || octave_interrupt_state > 0;
}

/* Raises a core failure as an Octave error (identifier id, or the status's
   name). A computation the core stopped on a signal is handed back to Octave,
   which answers it as it answers one in a built-in function: a Ctrl-C returns
   to the prompt, SIGTERM ends the session. The caller has freed what the core
   allocated. */
static void
raise_failure (ae_status_t status, const ae_error_t *err, const char *id)
{
  if (status == AE_INTERRUPTED)
    {
      OCTAVE_QUIT;
      octave_interrupt_state = 0;
      mx_fail ("interrupted", "%s", err->message);
    }
  mx_fail (id ? id : ae_status_name (status), "%s", err->message);
}

/* The outputs of the training commands: [model, state, progress, status,
   message]. An interrupt is handled here, so the caller returns the model
   instead of unwinding; any failure but a numeric one raises its error. */
static void
training_outputs (int nlhs, mxArray *plhs[], const mxArray *model, const mex_model_t *m,
                  mxArray *state, mxArray *progress, ae_status_t status, const ae_error_t *err)
{
  /* A Ctrl-C is answered here: training stops and the model comes back. Any
     other signal (SIGTERM, SIGHUP) stays pending for Octave, which then ends
     the session as it would without this package. */
  if (status == AE_INTERRUPTED && octave_interrupt_state > 0)
    {
      octave_signal_caught = 0;
      octave_interrupt_state = 0;
    }
  else if (status < 0 && status != AE_ERR_NUMERIC)
    mx_fail (ae_status_name (status), "%s", err->message);
  plhs[0] = mex_model_write (model, m);
  mxArray *outputs[] = { state, progress, mxCreateString (ae_status_name (status)),
                         mxCreateString (status == AE_OK ? "" : err->message) };
  for (int k = 1; k < nlhs; k++)
    plhs[k] = outputs[k - 1];
}

/* ---- commands ---- */

static void
command_init (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 1)
    mx_fail ("invalidCall", "usage: model = __autoencoder__ (\"init\", model, seed)");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  ae_rng_t rng;
  ae_rng_seed (&rng, (uint64_t) mx_scalar (prhs[2], "the seed", 0, 9007199254740992.0),
               AE_STREAM_INIT);
  ae_net_init_params (&m.net, m.params, &rng);
  plhs[0] = mex_model_write (prhs[1], &m);
}

static void
command_train_epoch (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if ((nrhs != 6 && nrhs != 8) || nlhs > 5)
    mx_fail ("invalidCall", "usage: [model, state, stats, status, message] = "
             "__autoencoder__ (\"train_epoch\", model, state, Xt, Xvalt, opts [, Yt, Yvalt])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  const mxArray *state = prhs[2];
  long n, n_val = 0;
  const float *x = mx_float_columns (prhs[3], "the training data", m.net.n_input, &n);
  const float *x_val = NULL;
  if (!mxIsEmpty (prhs[4]))
    x_val = mx_float_columns (prhs[4], "the validation data", m.net.n_input, &n_val);
  ae_train_config_t config = read_train_config (prhs[5]);
  config.should_stop = octave_interrupt_requested;
  ae_set_num_threads ((int) option_scalar (prhs[5], "threads", 1, 1024));
  if (n < 1)
    mx_fail ("invalidArgument", "the training data has no samples");
  const float *y = NULL, *y_val = NULL;
  if (nrhs == 8)
    {
      long n_out = ae_net_n_output (&m.net, m.net.n_layers), n_y, n_y_val = 0;
      y = mx_float_columns (prhs[6], "the targets", n_out, &n_y);
      if (!mxIsEmpty (prhs[7]))
        y_val = mx_float_columns (prhs[7], "the validation targets", n_out, &n_y_val);
      if (n_y != n || (x_val && n_y_val != n_val))
        mx_fail ("sizeMismatch", "the targets must match the samples one for one");
    }
  check_state (state, config.optimizer.kind, m.net.n_params);

  /* from here to ae_trainer_free nothing may raise an Octave error */
  ae_trainer_t trainer;
  ae_error_t err = { 0 };
  ae_status_t status = ae_trainer_init (&trainer, &m.net, &config, n, &err);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  restore_state (state, &trainer);
  ae_epoch_stats_t stats = { 0 };
  status = ae_trainer_epoch (&trainer, m.params, x, y, x_val, y_val, n_val, &stats, &err);
  mxArray *new_state = save_state (&trainer);
  ae_trainer_free (&trainer);
  training_outputs (nlhs, plhs, prhs[1], &m, new_state, stats_struct (&stats), status, &err);
}

static void
command_forward (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 1)
    mx_fail ("invalidCall", "usage: Yt = __autoencoder__ (\"forward\", model, Xt, part)");
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
  long n;
  const float *x = mx_float_columns (prhs[2], "the input", ae_net_n_output (net, first), &n);
  int width = ae_net_n_output (net, last);
  plhs[0] = mxCreateUninitNumericMatrix ((mwSize) width, (mwSize) n, mxSINGLE_CLASS, mxREAL);
  ae_error_t err = { 0 };
  ae_status_t status = ae_net_apply (net, m.params, x, n, first, last,
                                     (float *) mxGetData (plhs[0]), NULL, &err);
  if (status != AE_OK)
    raise_failure (status, &err, NULL);
}

static void
command_evaluate (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if ((nrhs != 4 && nrhs != 5) || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [reconstruction, kl] = __autoencoder__ (\"evaluate\", model, Xt, opts [, Yt])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  long n;
  const float *x = mx_float_columns (prhs[2], "the data", m.net.n_input, &n);
  ae_objective_t objective = read_objective (prhs[3]);
  /* seed < 0: the Gaussian layer's mean; otherwise samples from that seed */
  double seed = option_scalar (prhs[3], "seed", -1, 9007199254740992.0);
  ae_rng_t rng;
  ae_rng_seed (&rng, (uint64_t) (seed < 0 ? 0 : seed), AE_STREAM_VALIDATION);
  double recon, kl;
  ae_error_t err = { 0 };
  const float *y = NULL;
  if (nrhs == 5)
    {
      long n_y;
      y = mx_float_columns (prhs[4], "the targets", ae_net_n_output (&m.net, m.net.n_layers),
                            &n_y);
      if (n_y != n)
        mx_fail ("sizeMismatch", "the targets must match the samples one for one");
    }
  ae_status_t status = ae_evaluate (&m.net, m.params, x, y, n, &objective,
                                    seed < 0 ? NULL : &rng, &recon, &kl, &err);
  if (status != AE_OK)
    raise_failure (status, &err, NULL);
  plhs[0] = mx_scalar_value (recon);
  if (nlhs > 1)
    plhs[1] = mx_scalar_value (kl);
}

static mxClassID
idx_class (ae_idx_type_t type)
{
  switch (type)
    {
    case AE_IDX_UINT8: return mxUINT8_CLASS;
    case AE_IDX_INT8: return mxINT8_CLASS;
    case AE_IDX_INT16: return mxINT16_CLASS;
    case AE_IDX_INT32: return mxINT32_CLASS;
    case AE_IDX_FLOAT32: return mxSINGLE_CLASS;
    case AE_IDX_FLOAT64: return mxDOUBLE_CLASS;
    }
  return mxUNKNOWN_CLASS;
}

/* The array's dimensions are the file's reversed, so the row-major data need no
   reordering; the caller permutes them back. */
static void
command_read_idx (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 2 || nlhs > 2)
    mx_fail ("invalidCall", "usage: [A, n_dims] = __autoencoder__ (\"read_idx\", filename)");
  char *path = mx_string (prhs[1], "the file name");
  ae_idx_t idx;
  ae_error_t err = { 0 };
  /* Fashion-MNIST's training images are 47 MB; 4 GiB is far beyond any IDX file in use */
  ae_status_t status = ae_idx_read (path, (size_t) 1 << 32, &idx, &err);
  mxFree (path);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  mwSize dims[AE_IDX_MAX_DIMS + 1] = { 0 };
  for (int d = 0; d < idx.n_dims; d++)
    dims[idx.n_dims - 1 - d] = idx.dims[d];
  int n_dims = idx.n_dims;
  if (n_dims == 1)
    dims[n_dims++] = 1;
  plhs[0] = mxCreateNumericArray ((mwSize) n_dims, dims, idx_class (idx.type), mxREAL);
  if (idx.n_elements)
    memcpy (mxGetData (plhs[0]), idx.data, idx.n_elements * ae_idx_element_size (idx.type));
  ae_idx_free (&idx);
  if (nlhs > 1)
    plhs[1] = mx_scalar_value (idx.n_dims);
}

static void
command_write_checkpoint (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  (void) plhs;
  if (nrhs != 3 || nlhs > 0)
    mx_fail ("invalidCall", "usage: __autoencoder__ (\"write_checkpoint\", filename, bytes)");
  if (!mxIsUint8 (prhs[2]) || mxIsComplex (prhs[2]))
    mx_fail ("invalidArgument", "the checkpoint payload must be uint8");
  char *path = mx_string (prhs[1], "the file name");
  ae_error_t err = { 0 };
  ae_status_t status = ae_checkpoint_write (path, mxGetData (prhs[2]),
                                            mxGetNumberOfElements (prhs[2]), &err);
  mxFree (path);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
}

static void
command_read_checkpoint (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 2 || nlhs > 1)
    mx_fail ("invalidCall", "usage: bytes = __autoencoder__ (\"read_checkpoint\", filename)");
  char *path = mx_string (prhs[1], "the file name");
  void *payload;
  size_t n;
  ae_error_t err = { 0 };
  /* the length is checked against the file's size, so this limit only bounds sane files */
  ae_status_t status = ae_checkpoint_read (path, (size_t) 1 << 40, &payload, &n, &err);
  mxFree (path);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  plhs[0] = mxCreateNumericMatrix ((mwSize) n, 1, mxUINT8_CLASS, mxREAL);
  memcpy (mxGetData (plhs[0]), payload, n);
  free (payload);
}

static void
command_mse (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 1)
    mx_fail ("invalidCall", "usage: mse = __autoencoder__ (\"mse\", A, B, n_samples)");
  long n_a, n_b;
  const double *a = mx_doubles (prhs[1], "A", &n_a), *b = mx_doubles (prhs[2], "B", &n_b);
  long n = (long) mx_scalar (prhs[3], "the sample count", 1, 1e15);
  if (n_a != n_b || n_a % n != 0 || n_a == 0)
    mx_fail ("sizeMismatch", "A and B must have the same, non-zero number of values, "
             "a multiple of the sample count");
  plhs[0] = mxCreateDoubleMatrix ((mwSize) n, 1, mxREAL);
  ae_mse (mxGetPr (plhs[0]), a, b, n, n_a / n);
}

static void
command_ssim (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 11 || nlhs > 2)
    mx_fail ("invalidCall", "usage: [ssim, map] = __autoencoder__ (\"ssim\", A, B, h, w, "
             "n_planes, window, sigma, k1, k2, range)");
  long n_a, n_b;
  const double *a = mx_doubles (prhs[1], "A", &n_a), *b = mx_doubles (prhs[2], "B", &n_b);
  int h = (int) mx_scalar (prhs[3], "the height", 1, 1 << 30);
  int w = (int) mx_scalar (prhs[4], "the width", 1, 1 << 30);
  long n_planes = (long) mx_scalar (prhs[5], "the plane count", 1, 1e15);
  ae_ssim_config_t config = {
    (int) mx_scalar (prhs[6], "the window size", 1, 1 << 20),
    mx_scalar (prhs[7], "sigma", 1e-300, 1e300), mx_scalar (prhs[8], "K1", 0, 1e300),
    mx_scalar (prhs[9], "K2", 0, 1e300), mx_scalar (prhs[10], "the data range", 1e-300, 1e300)
  };
  if (n_a != n_b || n_a != (long) h * w * n_planes)
    mx_fail ("sizeMismatch", "A and B must hold %ld planes of %d-by-%d", n_planes, h, w);
  long n_map = h >= config.window && w >= config.window
               ? (long) (h - config.window + 1) * (w - config.window + 1) * n_planes : 0;
  plhs[0] = mxCreateDoubleMatrix ((mwSize) n_planes, 1, mxREAL);
  double *map = NULL;
  if (nlhs > 1)
    {
      plhs[1] = mxCreateDoubleMatrix ((mwSize) n_map, 1, mxREAL);
      map = mxGetPr (plhs[1]);
    }
  ae_error_t err = { 0 };
  ae_status_t status = ae_ssim (mxGetPr (plhs[0]), map, a, b, n_planes, h, w, &config, &err);
  if (status != AE_OK)
    raise_failure (status, &err, status == AE_ERR_ARGUMENT ? "imageTooSmall" : NULL);
}

/* Two sets of feature vectors, one sample per column, with equal lengths. */
static void
read_feature_sets (const mxArray *a, const mxArray *b, const char *what_a, const char *what_b,
                   const double **x1, long *n1, const double **x2, long *n2, long *d)
{
  long count;
  *x1 = mx_doubles (a, what_a, &count);
  *x2 = mx_doubles (b, what_b, &count);
  if (mxGetNumberOfDimensions (a) != 2 || mxGetNumberOfDimensions (b) != 2
      || mxGetM (a) != mxGetM (b) || mxGetM (a) == 0)
    mx_fail ("sizeMismatch", "%s and %s must have the same number of features", what_a, what_b);
  *d = (long) mxGetM (a);
  *n1 = (long) mxGetN (a);
  *n2 = (long) mxGetN (b);
}

static void
command_fid (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 1)
    mx_fail ("invalidCall", "usage: fid = __autoencoder__ (\"fid\", X1t, X2t)");
  const double *x1, *x2;
  long n1, n2, d;
  read_feature_sets (prhs[1], prhs[2], "the first feature set", "the second feature set",
                     &x1, &n1, &x2, &n2, &d);
  double fid;
  ae_error_t err = { 0 };
  ae_status_t status = ae_fid (&fid, x1, n1, x2, n2, d, &err);
  if (status != AE_OK)
    raise_failure (status, &err, status == AE_ERR_ARGUMENT ? "tooFewSamples" : NULL);
  plhs[0] = mx_scalar_value (fid);
}

static void
command_precision_recall (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 4 || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [precision, recall] = __autoencoder__ (\"precision_recall\", Rt, Ft, k)");
  const double *real, *fake;
  long n_real, n_fake, d;
  read_feature_sets (prhs[1], prhs[2], "the real features", "the generated features", &real,
                     &n_real, &fake, &n_fake, &d);
  int k = (int) mx_scalar (prhs[3], "k", 1, 1 << 20);
  double precision, recall;
  ae_error_t err = { 0 };
  ae_status_t status = ae_precision_recall (&precision, &recall, real, n_real, fake, n_fake,
                                            d, k, &err);
  if (status != AE_OK)
    raise_failure (status, &err, status == AE_ERR_ARGUMENT ? "tooFewSamples" : NULL);
  plhs[0] = mx_scalar_value (precision);
  if (nlhs > 1)
    plhs[1] = mx_scalar_value (recall);
}

static void
command_jacobian_norms2 (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
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
    raise_failure (status, &err, NULL);
}

/* Standard normal draws from the core's seeded user stream, so sampling in
   Octave is reproducible from a seed as training is. Single precision, as
   the decoder reads it; rows-by-columns. */
static void
command_normal (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
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

/* Each layer's input and output size as the core works them out: the one
   place that knows the geometry of a layer. */
static void
command_geometry (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 2)
    mx_fail ("invalidCall",
             "usage: [sizes, paddings] = __autoencoder__ (\"geometry\", layers, input_size)");
  mxArray *paddings;
  mex_model_geometry (prhs[1], prhs[2], &plhs[0], &paddings);
  if (nlhs > 1)
    plhs[1] = paddings;
  else
    mxDestroyArray (paddings);
}

/* ---- full-batch training by scaled conjugate gradient ---- */

/* The optimizer state between calls: its scalars with their ranges, then p
   and r. The loss's parts at the current point come along, so a resumed run
   need not evaluate them again. */
static const struct {
  const char *name;
  double lo, hi;
} scg_scalars[] = {
  { "iteration", 0, 1e15 }, { "loss", -1e300, 1e300 }, { "lambda", 1e-300, 1e300 },
  { "lambda_bar", -1e300, 1e300 }, { "delta", -1e300, 1e300 }, { "success", 0, 1 },
  { "stalled", 0, 1 }, { "reconstruction", -1e300, 1e300 }, { "penalty", -1e300, 1e300 }
};
enum { n_scg_scalars = sizeof scg_scalars / sizeof scg_scalars[0] };
static const char *const scg_state_fields[] = {
  "iteration", "loss", "lambda", "lambda_bar", "delta", "success", "stalled",
  "reconstruction", "penalty", "p", "r"
};
enum { n_scg_state_fields = sizeof scg_state_fields / sizeof scg_state_fields[0] };

static const double *
scg_state_vector (const mxArray *state, const char *name, long n_params)
{
  char what[64];
  snprintf (what, sizeof what, "the optimizer state's %s", name);
  long n;
  const double *v = mx_doubles (mx_field (state, 0, name, "the optimizer state"), what, &n);
  if (n != n_params)
    mx_fail ("invalidArgument", "%s has %ld values; the model has %ld parameters", what, n,
             n_params);
  return v;
}

/* Reads the whole state into values, p and r before the core allocates
   anything, so a bad state raises its error with nothing to free. */
static void
read_scg_state (const mxArray *state, long n_params, double values[n_scg_scalars],
                const double **p, const double **r)
{
  if (!mxIsStruct (state) || mxGetNumberOfElements (state) != 1)
    mx_fail ("invalidArgument", "the optimizer state must be a struct or []");
  for (int f = 0; f < n_scg_scalars; f++)
    {
      char what[64];
      snprintf (what, sizeof what, "the optimizer state's %s", scg_scalars[f].name);
      values[f] = mx_scalar (mx_field (state, 0, scg_scalars[f].name, "the optimizer state"),
                             what, scg_scalars[f].lo, scg_scalars[f].hi);
    }
  *p = scg_state_vector (state, "p", n_params);
  *r = scg_state_vector (state, "r", n_params);
}

static void
restore_scg_state (ae_scg_trainer_t *t, const double values[n_scg_scalars], const double *p,
                   const double *r)
{
  ae_scg_t *scg = &t->scg;
  scg->iteration = (long) values[0];
  scg->loss = values[1];
  scg->lambda = values[2];
  scg->lambda_bar = values[3];
  scg->delta = values[4];
  scg->success = values[5] != 0;
  scg->stalled = values[6] != 0;
  t->current = (ae_full_batch_value_t) { .loss = values[1], .reconstruction = values[7],
                                         .penalty = values[8] };
  memcpy (scg->p, p, (size_t) scg->n * sizeof *p);
  memcpy (scg->r, r, (size_t) scg->n * sizeof *r);
}

static mxArray *
save_scg_state (const ae_scg_trainer_t *t)
{
  const ae_scg_t *scg = &t->scg;
  mxArray *state = mxCreateStructMatrix (1, 1, n_scg_state_fields,
                                         (const char **) scg_state_fields);
  double values[] = { scg->iteration, scg->loss, scg->lambda, scg->lambda_bar, scg->delta,
                      scg->success, scg->stalled, t->current.reconstruction,
                      t->current.penalty };
  for (int f = 0; f < n_scg_scalars; f++)
    mxSetField (state, 0, scg_scalars[f].name, mx_scalar_value (values[f]));
  mxArray *p = mxCreateDoubleMatrix ((mwSize) scg->n, 1, mxREAL);
  mxArray *r = mxCreateDoubleMatrix ((mwSize) scg->n, 1, mxREAL);
  memcpy (mxGetPr (p), scg->p, (size_t) scg->n * sizeof (double));
  memcpy (mxGetPr (r), scg->r, (size_t) scg->n * sizeof (double));
  mxSetField (state, 0, "p", p);
  mxSetField (state, 0, "r", r);
  return state;
}

/* Per iteration: loss, reconstruction, penalty, gradient norm; why it stopped. */
static mxArray *
scg_history (const ae_scg_record_t *records, int n_done, ae_scg_stop_t why)
{
  static const char *names[] = { "loss", "reconstruction", "penalty", "gradient_norm",
                                 "stop_reason" };
  mxArray *history = mxCreateStructMatrix (1, 1, 5, names);
  for (int f = 0; f < 4; f++)
    {
      mxArray *column = mxCreateDoubleMatrix ((mwSize) n_done, 1, mxREAL);
      for (int k = 0; k < n_done; k++)
        {
          const ae_scg_record_t *r = &records[k];
          const double values[4] = { r->loss, r->reconstruction, r->penalty,
                                     r->gradient_norm };
          mxGetPr (column)[k] = values[f];
        }
      mxSetField (history, 0, names[f], column);
    }
  mxSetField (history, 0, "stop_reason", mxCreateString (ae_scg_stop_reason (why)));
  return history;
}

static void
command_train_scg (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if ((nrhs != 6 && nrhs != 7) || nlhs > 5)
    mx_fail ("invalidCall", "usage: [model, state, history, status, message] = __autoencoder__"
             " (\"train_scg\", model, state, Xt, opts, n_iterations [, Yt])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  const mxArray *state = prhs[2];
  long n;
  const float *x = mx_float_columns (prhs[3], "the training data", m.net.n_input, &n);
  ae_objective_t objective = read_objective (prhs[4]);
  ae_regularization_t regularization = read_regularization (prhs[4]);
  const double min_gradient = optional_scalar (prhs[4], "min_gradient", 0, 0, 1e30);
  ae_set_num_threads ((int) optional_scalar (prhs[4], "threads", 1, 1, 1024));
  const int n_iterations = (int) mx_scalar (prhs[5], "the iteration count", 0, 1 << 30);
  const float *y = NULL;
  if (nrhs == 7)
    {
      long n_y;
      y = mx_float_columns (prhs[6], "the targets", ae_net_n_output (&m.net, m.net.n_layers),
                            &n_y);
      if (n_y != n)
        mx_fail ("sizeMismatch", "the targets must match the samples one for one");
    }
  double state_values[n_scg_scalars];
  const double *state_p = NULL, *state_r = NULL;
  if (!mxIsEmpty (state))
    read_scg_state (state, m.net.n_params, state_values, &state_p, &state_r);
  ae_scg_record_t *records = mxMalloc ((size_t) (n_iterations > 0 ? n_iterations : 1)
                                       * sizeof *records);

  /* from here to the frees nothing may raise an Octave error */
  ae_scg_trainer_t trainer;
  ae_error_t err = { 0 };
  ae_status_t status = ae_scg_trainer_init (&trainer, &m.net, &objective, &regularization, x,
                                            y, n, &err);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  if (mxIsEmpty (state))
    status = ae_scg_trainer_start (&trainer, m.params, &err);
  else
    restore_scg_state (&trainer, state_values, state_p, state_r);
  int n_done = 0;
  ae_scg_stop_t why = AE_SCG_ITERATIONS_DONE;
  if (status == AE_OK)
    status = ae_scg_trainer_run (&trainer, m.params, n_iterations, min_gradient,
                                 octave_interrupt_requested, NULL, records, &n_done, &why, &err);
  mxArray *new_state = save_scg_state (&trainer);
  ae_scg_trainer_free (&trainer);
  training_outputs (nlhs, plhs, prhs[1], &m, new_state, scg_history (records, n_done, why),
                    status, &err);
  mxFree (records);
}

void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs < 1)
    mx_fail ("invalidCall", "__autoencoder__: a command name is required");
  char *command = mx_string (prhs[0], "the command");
  ae_set_interrupt_check (octave_interrupt_requested, NULL);
  static const struct {
    const char *name;
    void (*run) (int, mxArray *[], int, const mxArray *[]);
  } commands[] = {
    { "init", command_init }, { "train_epoch", command_train_epoch },
    { "forward", command_forward }, { "evaluate", command_evaluate },
    { "read_idx", command_read_idx }, { "write_checkpoint", command_write_checkpoint },
    { "read_checkpoint", command_read_checkpoint }, { "mse", command_mse },
    { "ssim", command_ssim }, { "fid", command_fid },
    { "precision_recall", command_precision_recall },
    { "jacobian_norms2", command_jacobian_norms2 }, { "train_scg", command_train_scg },
    { "normal", command_normal }, { "geometry", command_geometry }
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
