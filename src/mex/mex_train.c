/* Training commands: init, train_epoch, train_scg; a GAN's gan_init and
   gan_train_epoch. */
#include <math.h>
#include <string.h>

#include "autoencoder.h"
#include "mex_args.h"
#include "mex_data.h"
#include "mex_commands.h"
#include "mex_model.h"
#include "mex_options.h"
#include "mex_progress.h"
#include "mex_interrupt.h"

static mxArray *
stats_struct (const ae_epoch_stats_t *s)
{
  static const char *names[] = { "epoch", "beta", "loss", "reconstruction", "kl", "penalty",
                                 "val_loss", "val_reconstruction", "val_kl", "seconds",
                                 "quantization", "val_quantization", "perplexity",
                                 "codes_used" };
  double values[] = { s->epoch, s->beta, s->loss, s->reconstruction, s->kl, s->penalty,
                      s->has_validation ? s->val_loss : NAN,
                      s->has_validation ? s->val_reconstruction : NAN,
                      s->has_validation ? s->val_kl : NAN, s->seconds, s->quantization,
                      s->has_validation ? s->val_quantization : NAN, s->perplexity,
                      s->codes_used };
  enum { n_names = sizeof names / sizeof names[0] };
  mxArray *stats = mxCreateStructMatrix (1, 1, n_names, names);
  for (int f = 0; f < n_names; f++)
    mxSetField (stats, 0, names[f], mx_scalar_value (values[f]));
  /* a VAE's KL per latent unit, a row */
  mxArray *units = mxCreateDoubleMatrix (s->kl_per_unit ? 1 : 0, s->n_latent, mxREAL);
  for (int k = 0; s->kl_per_unit && k < s->n_latent; k++)
    mxGetPr (units)[k] = s->kl_per_unit[k];
  mxAddField (stats, "kl_per_unit");
  mxSetField (stats, 0, "kl_per_unit", units);
  return stats;
}

/* The outputs of the training commands: [model, state, progress, status,
   message]. An interrupt is handled here, so the caller returns the model
   instead of unwinding; any failure but a numeric one raises its error. */
static void
training_outputs (int nlhs, mxArray *plhs[], mxArray *model, mxArray *state,
                  mxArray *progress, ae_status_t status, const ae_error_t *err)
{
  /* A Ctrl-C is answered here: training stops and the model comes back. Any
     other signal (SIGTERM, SIGHUP) stays pending for Octave, which then ends
     the session as it would without this package. */
  const int answered = status == AE_INTERRUPTED && mex_take_interrupt ();
  if (!answered && status < 0 && status != AE_ERR_NUMERIC)
    mx_fail (ae_status_name (status), "%s", err->message);
  plhs[0] = model;
  mxArray *outputs[] = { state, progress, mxCreateString (ae_status_name (status)),
                         mxCreateString (status == AE_OK ? "" : err->message) };
  for (int k = 1; k < nlhs; k++)
    plhs[k] = outputs[k - 1];
}

void
mex_command_init (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
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

/* Training samples read from image files, an epoch at a time: Xt is
   struct ("image_files", files, "shape", [h w c], "max_pixels", m,
   "reader_threads", k) (inst/private/__ae_image_data__.m). */
typedef struct {
  char **paths;
  long n;
  ae_image_source_t *source;
} image_files_t;

static int
is_image_files (const mxArray *a)
{
  return mxIsStruct (a) && mxGetField (a, 0, "image_files") != NULL;
}

/* The files and the source over them (nothing to free on an Octave error:
   the names are mxMalloc'd and the source made last). */
static void
image_files_read (const mxArray *a, const ae_net_t *net, int batch_size, image_files_t *files)
{
  const mxArray *names = mxGetField (a, 0, "image_files"), *shape = mxGetField (a, 0, "shape");
  if (!mxIsCell (names) || mxGetNumberOfElements (names) < 1)
    mx_fail ("invalidArgument", "the training images must be a cell of one or more file names");
  if (!shape || !mxIsDouble (shape) || mxGetNumberOfElements (shape) != 3)
    mx_fail ("invalidArgument", "the training images need their shape [h w c]");
  const double *hwc = mxGetPr (shape);
  const ae_image_shape_t image_shape = {
    .height = (int) hwc[0], .width = (int) hwc[1], .channels = (int) hwc[2],
    .max_pixels = (long) mex_option_scalar (a, "max_pixels", 1, 9e18),
  };
  if ((long) image_shape.height * image_shape.width * image_shape.channels != net->n_input)
    mx_fail ("invalidArgument", "images of %dx%dx%d are %ld values, but the model takes %d",
             image_shape.height, image_shape.width, image_shape.channels,
             (long) image_shape.height * image_shape.width * image_shape.channels, net->n_input);
  files->n = (long) mxGetNumberOfElements (names);
  files->paths = mxMalloc ((size_t) files->n * sizeof *files->paths);
  for (long k = 0; k < files->n; k++)
    files->paths[k] = mx_string (mxGetCell (names, (mwIndex) k), "a file name");
  const int threads = (int) mex_option_scalar (a, "reader_threads", 1, 1024);
  ae_error_t err = { 0 };
  if (ae_image_source_new ((const char *const *) files->paths, files->n, &image_shape,
                           batch_size, threads, &files->source, &err) != AE_OK)
    mx_fail (ae_status_name (err.status), "%s", err.message);
}

/* The stats' record of the files that could not be read: their indices
   (1-based), up to 16 reasons, how many in all, the seconds the trainer
   waited for the reader and the seconds the reader decoded. */
static void
image_files_report (mxArray *stats, const image_files_t *files)
{
  enum { shown = 16 };
  long which[shown];
  ae_error_t why[shown];
  const long n = ae_image_source_failures (files->source, which, why, shown);
  const long listed = n < shown ? n : shown;
  mxArray *indices = mxCreateDoubleMatrix ((mwSize) listed, 1, mxREAL);
  mxArray *reasons = mxCreateCellMatrix ((mwSize) listed, 1);
  for (long k = 0; k < listed; k++)
    {
      mxGetPr (indices)[k] = (double) which[k] + 1;
      mxSetCell (reasons, (mwIndex) k, mxCreateString (why[k].message));
    }
  const char *names[] = { "unreadable_files", "unreadable_why", "n_unreadable",
                          "reader_wait_seconds", "reader_busy_seconds" };
  mxArray *values[] = { indices, reasons, mx_scalar_value ((double) n),
                        mx_scalar_value (ae_image_source_wait_seconds (files->source)),
                        mx_scalar_value (ae_image_source_read_seconds (files->source)) };
  for (int f = 0; f < 5; f++)
    {
      mxAddField (stats, names[f]);
      mxSetField (stats, 0, names[f], values[f]);
    }
}

void
mex_command_train_epoch (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if ((nrhs != 6 && nrhs != 8) || nlhs > 5)
    mx_fail ("invalidCall", "usage: [model, state, stats, status, message] = "
             "__autoencoder__ (\"train_epoch\", model, state, Xt, Xvalt, opts [, Yt, Yvalt])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  const mxArray *state = prhs[2];
  const float *x, *x_val = NULL;
  ae_sequences_t seq, val_seq;
  const int sequences = ae_net_is_sequence (&m.net);
  const int validating = !mxIsEmpty (prhs[4]);
  const int from_files = is_image_files (prhs[3]);
  if (from_files && (sequences || nrhs == 8))
    mx_fail ("invalidArgument", "training from image files takes no sequences and no targets");
  x = NULL;
  const long n = from_files ? (long) mxGetNumberOfElements (mxGetField (prhs[3], 0, "image_files"))
                            : mex_model_data (prhs[3], "the training data", &m.net, &x, &seq);
  const long n_val = validating ? mex_model_data (prhs[4], "the validation data", &m.net,
                                                  &x_val, &val_seq)
                                : 0;
  ae_train_config_t config = mex_read_train_config (prhs[5]);
  mex_progress_t progress;
  mex_progress_read (&progress, prhs[5]);
  config.after_batch = mex_progress_after_batch;
  config.context = &progress;
  ae_set_num_threads ((int) mex_option_scalar (prhs[5], "threads", 1, 1024));
  if (n < 1)
    mx_fail ("invalidArgument", "the training data has no samples");
  const float *y = NULL, *y_val = NULL;
  if (nrhs == 8)
    {
      y = mex_model_targets (prhs[6], &m.net, n, "the targets");
      if (validating)
        y_val = mex_model_targets (prhs[7], &m.net, n_val, "the validation targets");
    }
  const float *conditions = mex_model_conditions (mxGetField (prhs[5], 0, "conditions"),
                                                  &m.net, n, "the labels");
  const float *val_conditions = NULL;
  if (validating)
    val_conditions = mex_model_conditions (mxGetField (prhs[5], 0, "val_conditions"), &m.net,
                                           n_val, "the validation labels");
  mex_train_state_check (state, config.optimizer.kind, m.net.n_params);
  image_files_t files = { 0 };
  if (from_files)
    {
      if (conditions)
        mx_fail ("invalidArgument", "training from image files takes no labels");
      image_files_read (prhs[3], &m.net, config.batch_size, &files);
    }

  /* from here to ae_trainer_free nothing may raise an Octave error */
  ae_trainer_t trainer;
  ae_error_t err = { 0 };
  ae_status_t status = sequences ? ae_trainer_init_sequences (&trainer, &m.net, &config, &seq,
                                                              validating ? &val_seq : NULL,
                                                              &err)
                                  : ae_trainer_init (&trainer, &m.net, &config, n, &err);
  if (status != AE_OK)
    {
      ae_image_source_free (files.source);
      mx_fail (ae_status_name (status), "%s", err.message);
    }
  ae_trainer_set_conditions (&trainer, conditions, val_conditions);
  if (from_files)
    ae_trainer_set_source (&trainer, ae_image_source_base (files.source));
  mex_train_state_restore (state, &trainer);
  mex_progress_begin (&progress, trainer.epoch + 1);
  ae_epoch_stats_t stats = { 0 };
  status = ae_trainer_epoch (&trainer, m.params, x, y, x_val, y_val, n_val, &stats, &err);
  mex_progress_end (&progress);
  mxArray *new_state = mex_train_state_save (&trainer);
  mxArray *epoch_stats = stats_struct (&stats);   /* reads the trainer's KL per unit */
  ae_trainer_free (&trainer);
  if (from_files)
    {
      image_files_report (epoch_stats, &files);
      ae_image_source_free (files.source);
    }
  training_outputs (nlhs, plhs, mex_model_write (prhs[1], &m), new_state, epoch_stats,
                    status, &err);
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

void
mex_command_train_scg (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if ((nrhs != 6 && nrhs != 7) || nlhs > 5)
    mx_fail ("invalidCall", "usage: [model, state, history, status, message] = __autoencoder__"
             " (\"train_scg\", model, state, Xt, opts, n_iterations [, Yt])");
  mex_model_t m;
  mex_model_read (prhs[1], &m);
  const mxArray *state = prhs[2];
  long n;
  const float *x = mx_float_columns (prhs[3], "the training data", m.net.n_input, &n);
  ae_objective_t objective = mex_read_objective (prhs[4]);
  ae_regularization_t regularization = mex_read_regularization (prhs[4]);
  const double min_gradient = mex_optional_scalar (prhs[4], "min_gradient", 0, 0, 1e30);
  ae_set_num_threads ((int) mex_optional_scalar (prhs[4], "threads", 1, 1, 1024));
  const int n_iterations = (int) mx_scalar (prhs[5], "the iteration count", 0, 1 << 30);
  const float *y = NULL;
  if (nrhs == 7)
    y = mex_model_targets (prhs[6], &m.net, n, "the targets");
  mex_scg_state_t saved;
  mex_scg_state_read (state, m.net.n_params, &saved);
  ae_scg_record_t *records = mxMalloc ((size_t) (n_iterations > 0 ? n_iterations : 1)
                                       * sizeof *records);

  /* from here to the frees nothing may raise an Octave error */
  ae_scg_trainer_t trainer;
  ae_error_t err = { 0 };
  ae_status_t status = ae_scg_trainer_init (&trainer, &m.net, &objective, &regularization, x,
                                            y, n, &err);
  if (status != AE_OK)
    mx_fail (ae_status_name (status), "%s", err.message);
  if (saved.present)
    mex_scg_state_restore (&saved, &trainer);
  else
    status = ae_scg_trainer_start (&trainer, m.params, &err);
  int n_done = 0;
  ae_scg_stop_t why = AE_SCG_ITERATIONS_DONE;
  if (status == AE_OK)
    status = ae_scg_trainer_run (&trainer, m.params, n_iterations, min_gradient,
                                 mx_interrupt_requested, NULL, records, &n_done, &why, &err);
  mxArray *new_state = mex_scg_state_save (&trainer);
  ae_scg_trainer_free (&trainer);
  training_outputs (nlhs, plhs, mex_model_write (prhs[1], &m), new_state,
                    scg_history (records, n_done, why),
                    status, &err);
  mxFree (records);
}

/* ---- GANs ---- */

void
mex_command_gan_init (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 1)
    mx_fail ("invalidCall", "usage: model = __autoencoder__ (\"gan_init\", model, seed)");
  mex_gan_t g;
  mex_gan_read (prhs[1], &g);
  ae_rng_t rng;
  ae_rng_seed (&rng, (uint64_t) mx_scalar (prhs[2], "the seed", 0, 9007199254740992.0),
               AE_STREAM_INIT);
  ae_gan_init_params (&g.gen.net, g.gen.params, &rng);
  ae_gan_init_params (&g.disc.net, g.disc.params, &rng);
  plhs[0] = mex_gan_write (prhs[1], &g);
}

static mxArray *
gan_stats_struct (const ae_gan_stats_t *s)
{
  static const char *names[] = { "epoch", "gen_loss", "disc_loss", "d_real", "d_fake",
                                 "kl", "feature_loss", "seconds" };
  const double values[] = { s->epoch, s->gen_loss, s->disc_loss, s->d_real, s->d_fake,
                            s->kl, s->feature_loss, s->seconds };
  enum { n_names = sizeof names / sizeof names[0] };
  mxArray *stats = mxCreateStructMatrix (1, 1, n_names, names);
  for (int f = 0; f < n_names; f++)
    mxSetField (stats, 0, names[f], mx_scalar_value (values[f]));
  return stats;
}

static ae_optimizer_config_t
gan_adam (const mxArray *opts, const char *rate)
{
  return (ae_optimizer_config_t) {
    .kind = AE_OPT_ADAM, .learn_rate = (float) mex_option_scalar (opts, rate, 1e-30, 1e30),
    .beta1 = (float) mex_option_scalar (opts, "beta1", 0, 0.999999),
    .beta2 = (float) mex_option_scalar (opts, "beta2", 0, 0.999999), .eps = 1e-8f
  };
}

void
mex_command_gan_train_epoch (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 5 || nlhs > 5)
    mx_fail ("invalidCall", "usage: [model, state, stats, status, message] = "
             "__autoencoder__ (\"gan_train_epoch\", model, state, Xt, opts)");
  mex_gan_t g;
  mex_gan_read (prhs[1], &g);
  const mxArray *state = prhs[2], *opts = prhs[4];
  long n;
  const int from_files = is_image_files (prhs[3]);
  const float *x = NULL;
  if (from_files)
    n = (long) mxGetNumberOfElements (mxGetField (prhs[3], 0, "image_files"));
  else
    x = mx_float_columns (prhs[3], "the training data", g.disc.net.n_input, &n);
  if (n < 1)
    mx_fail ("invalidArgument", "the training data has no samples");
  ae_gan_config_t config = {
    .gen_optimizer = gan_adam (opts, "gen_learn_rate"),
    .disc_optimizer = gan_adam (opts, "disc_learn_rate"),
    .batch_size = (int) mex_option_scalar (opts, "batch_size", 1, 1 << 30),
    .seed = (uint64_t) mex_option_scalar (opts, "seed", 0, 9007199254740992.0),
    .after_batch = mex_progress_after_batch,
    /* a VAE-GAN's (Larsen et al.'s gamma, the KL weight, D's feature layer) */
    .gamma = (float) mex_optional_scalar (opts, "gamma", 1, 0, 1e30),
    .beta = (float) mex_optional_scalar (opts, "beta", 1, 0, 1e30),
    .feature_layer = (int) mex_optional_scalar (opts, "feature_layer", 0, 0, 1 << 20)
  };
  mex_progress_t progress;
  mex_progress_read (&progress, opts);
  config.context = &progress;
  ae_set_num_threads ((int) mex_option_scalar (opts, "threads", 1, 1024));
  mex_gan_state_check (state, g.gen.net.n_params, g.disc.net.n_params);
  image_files_t files = { 0 };
  if (from_files)
    image_files_read (prhs[3], &g.disc.net, config.batch_size, &files);

  /* from here to ae_gan_trainer_free nothing may raise an Octave error */
  ae_gan_trainer_t trainer;
  ae_error_t err = { 0 };
  ae_status_t status = ae_gan_trainer_init (&trainer, &g.gen.net, &g.disc.net, &config, n,
                                            &err);
  if (status != AE_OK)
    {
      ae_image_source_free (files.source);
      mx_fail (ae_status_name (status), "%s", err.message);
    }
  if (from_files)
    ae_gan_trainer_set_source (&trainer, ae_image_source_base (files.source));
  mex_gan_state_restore (state, &trainer);
  mex_progress_begin (&progress, trainer.epoch + 1);
  ae_gan_stats_t stats = { 0 };
  status = ae_gan_trainer_epoch (&trainer, g.gen.params, g.disc.params, x, &stats, &err);
  mex_progress_end (&progress);
  mxArray *new_state = mex_gan_state_save (&trainer);
  ae_gan_trainer_free (&trainer);
  mxArray *epoch_stats = gan_stats_struct (&stats);
  if (from_files)
    {
      image_files_report (epoch_stats, &files);
      ae_image_source_free (files.source);
    }
  training_outputs (nlhs, plhs, mex_gan_write (prhs[1], &g), new_state, epoch_stats, status,
                    &err);
}

