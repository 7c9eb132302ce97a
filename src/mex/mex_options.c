#include "mex_options.h"

#include <stdio.h>
#include <string.h>

#include "mex_args.h"

double
mex_option_scalar (const mxArray *opts, const char *name, double lo, double hi)
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
double
mex_optional_scalar (const mxArray *opts, const char *name, double fallback, double lo, double hi)
{
  return mxGetField (opts, 0, name) ? mex_option_scalar (opts, name, lo, hi) : fallback;
}

ae_regularization_t
mex_read_regularization (const mxArray *opts)
{
  ae_regularization_t reg = {
    .sparsity_target = (float) mex_optional_scalar (opts, "sparsity_target", 0.05, 1e-6, 1 - 1e-6),
    .sparsity_weight = (float) mex_optional_scalar (opts, "sparsity_weight", 0, 0, 1e30),
    .l1_weight = (float) mex_optional_scalar (opts, "l1_weight", 0, 0, 1e30),
    .weight_decay = (float) mex_optional_scalar (opts, "weight_decay", 0, 0, 1e30),
    .contractive_weight = (float) mex_optional_scalar (opts, "contractive_weight", 0, 0, 1e30),
    .noise = AE_NOISE_NONE,
    .noise_level = (float) mex_optional_scalar (opts, "noise_level", 0, 0, 1e30)
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

ae_objective_t
mex_read_objective (const mxArray *opts)
{
  ae_objective_t objective;
  char *loss = option_string (opts, "loss"), *reduction = option_string (opts, "reduction");
  if (ae_loss_parse (loss, &objective.loss) != 0)
    mx_fail ("invalidOption",
             "unknown loss \"%s\" (use \"bce\", \"mse\", \"l1\" or \"crossentropy\")", loss);
  if (strcmp (reduction, "sum") != 0 && strcmp (reduction, "mean") != 0)
    mx_fail ("invalidOption", "unknown reduction \"%s\" (use \"sum\" or \"mean\")", reduction);
  objective.reduction = strcmp (reduction, "sum") == 0 ? AE_REDUCE_SUM : AE_REDUCE_MEAN;
  objective.beta = (float) mex_option_scalar (opts, "beta", 0, 1e30);
  mxFree (loss);
  mxFree (reduction);
  return objective;
}

ae_train_config_t
mex_read_train_config (const mxArray *opts)
{
  ae_train_config_t config = { 0 };
  config.objective = mex_read_objective (opts);
  config.regularization = mex_read_regularization (opts);
  char *optimizer = option_string (opts, "optimizer");
  if (ae_optimizer_parse (optimizer, &config.optimizer.kind) != 0)
    mx_fail ("invalidOption", "unknown optimizer \"%s\" (use \"adam\" or \"sgd\")", optimizer);
  mxFree (optimizer);
  config.optimizer.learn_rate = (float) mex_option_scalar (opts, "learn_rate", 1e-30, 1e30);
  config.optimizer.momentum = (float) mex_option_scalar (opts, "momentum", 0, 1);
  config.optimizer.beta1 = 0.9f;
  config.optimizer.beta2 = 0.999f;
  config.optimizer.eps = 1e-8f;
  config.batch_size = (int) mex_option_scalar (opts, "batch_size", 1, 1 << 30);
  config.kl_warmup_epochs = (int) mex_option_scalar (opts, "kl_warmup_epochs", 0, 1 << 30);
  config.kl_schedule = AE_KL_LINEAR;
  if (mxGetField (opts, 0, "kl_schedule"))
    {
      char *schedule = option_string (opts, "kl_schedule");
      if (strcmp (schedule, "cyclical") == 0)
        config.kl_schedule = AE_KL_CYCLICAL;
      else if (strcmp (schedule, "linear") != 0)
        mx_fail ("invalidOption", "unknown KL schedule \"%s\" (use \"linear\" or \"cyclical\")",
                 schedule);
      mxFree (schedule);
    }
  config.kl_cycles = (int) mex_optional_scalar (opts, "kl_cycles", 4, 1, 1 << 30);
  config.kl_ramp_ratio = (float) mex_optional_scalar (opts, "kl_ramp_ratio", 0.5, 1e-6, 1);
  config.kl_schedule_epochs = (int) mex_optional_scalar (opts, "kl_schedule_epochs", 1, 1,
                                                         1 << 30);
  config.free_bits = (float) mex_optional_scalar (opts, "free_bits", 0, 0, 1e6);
  config.seed = (uint64_t) mex_option_scalar (opts, "seed", 0, 9007199254740992.0);
  return config;
}

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
void
mex_train_state_check (const mxArray *state, ae_optimizer_kind_t kind, long n_params)
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

void
mex_train_state_restore (const mxArray *state, ae_trainer_t *t)
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

mxArray *
mex_train_state_save (const ae_trainer_t *t)
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
_Static_assert ((int) n_scg_scalars == (int) MEX_SCG_N_SCALARS, "mex_scg_state_t holds every scalar");

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

void
mex_scg_state_read (const mxArray *state, long n_params, mex_scg_state_t *saved)
{
  saved->present = !mxIsEmpty (state);
  if (!saved->present)
    return;
  if (!mxIsStruct (state) || mxGetNumberOfElements (state) != 1)
    mx_fail ("invalidArgument", "the optimizer state must be a struct or []");
  for (int f = 0; f < n_scg_scalars; f++)
    {
      char what[64];
      snprintf (what, sizeof what, "the optimizer state's %s", scg_scalars[f].name);
      saved->scalars[f] = mx_scalar (mx_field (state, 0, scg_scalars[f].name,
                                               "the optimizer state"),
                                     what, scg_scalars[f].lo, scg_scalars[f].hi);
    }
  saved->p = scg_state_vector (state, "p", n_params);
  saved->r = scg_state_vector (state, "r", n_params);
}

void
mex_scg_state_restore (const mex_scg_state_t *saved, ae_scg_trainer_t *t)
{
  const double *v = saved->scalars;   /* in the order of scg_scalars */
  const ae_scg_progress_t progress = {
    .iteration = (long) v[0], .lambda = v[2], .lambda_bar = v[3], .delta = v[4],
    .success = v[5] != 0, .stalled = v[6] != 0,
    .current = { .loss = v[1], .reconstruction = v[7], .penalty = v[8] }
  };
  ae_scg_trainer_resume (t, &progress, saved->p, saved->r);
}

mxArray *
mex_scg_state_save (const ae_scg_trainer_t *t)
{
  const ae_scg_t *scg = &t->scg;
  const ae_scg_progress_t progress = ae_scg_trainer_progress (t);
  mxArray *state = mxCreateStructMatrix (1, 1, n_scg_state_fields,
                                         (const char **) scg_state_fields);
  double values[] = { progress.iteration, progress.current.loss, progress.lambda,
                      progress.lambda_bar, progress.delta, progress.success, progress.stalled,
                      progress.current.reconstruction, progress.current.penalty };
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

/* ---- a GAN trainer's state: counters, then both networks' Adam moments ---- */

static const char *const gan_state_fields[] = {
  "epoch", "gen_steps", "disc_steps", "shuffle_counter", "noise_counter",
  "gen_moment1", "gen_moment2", "disc_moment1", "disc_moment2"
};
enum { n_gan_state_fields = sizeof gan_state_fields / sizeof gan_state_fields[0] };

void
mex_gan_state_check (const mxArray *state, long n_gen, long n_disc)
{
  if (mxIsEmpty (state))
    return;
  const long n_max = n_gen > n_disc ? n_gen : n_disc;
  float *scratch = mxMalloc ((size_t) (n_max ? n_max : 1) * sizeof (float));
  for (int f = 0; f < 5; f++)
    state_counter (state, gan_state_fields[f]);
  for (int f = 5; f < 9; f++)
    restore_moment (state, gan_state_fields[f], scratch, f < 7 ? n_gen : n_disc);
  mxFree (scratch);
}

void
mex_gan_state_restore (const mxArray *state, ae_gan_trainer_t *t)
{
  if (mxIsEmpty (state))
    return;
  const ae_gan_progress_t progress = {
    .epoch = (int) state_counter (state, "epoch"),
    .gen_steps = (long) state_counter (state, "gen_steps"),
    .disc_steps = (long) state_counter (state, "disc_steps"),
    .shuffle_counter = state_counter (state, "shuffle_counter"),
    .noise_counter = state_counter (state, "noise_counter")
  };
  ae_gan_trainer_resume (t, &progress);
  restore_moment (state, "gen_moment1", t->gen_opt.moment1, t->gen->n_params);
  restore_moment (state, "gen_moment2", t->gen_opt.moment2, t->gen->n_params);
  restore_moment (state, "disc_moment1", t->disc_opt.moment1, t->disc->n_params);
  restore_moment (state, "disc_moment2", t->disc_opt.moment2, t->disc->n_params);
}

mxArray *
mex_gan_state_save (const ae_gan_trainer_t *t)
{
  mxArray *state = mxCreateStructMatrix (1, 1, n_gan_state_fields,
                                         (const char **) gan_state_fields);
  const ae_gan_progress_t p = ae_gan_trainer_progress (t);
  const uint64_t counters[5] = { (uint64_t) p.epoch, (uint64_t) p.gen_steps,
                                 (uint64_t) p.disc_steps, p.shuffle_counter, p.noise_counter };
  for (int f = 0; f < 5; f++)
    mxSetField (state, 0, gan_state_fields[f], uint64_scalar (counters[f]));
  const float *moments[4] = { t->gen_opt.moment1, t->gen_opt.moment2, t->disc_opt.moment1,
                              t->disc_opt.moment2 };
  for (int f = 0; f < 4; f++)
    mxSetField (state, 0, gan_state_fields[5 + f],
                mx_single_matrix (moments[f], f < 2 ? t->gen->n_params : t->disc->n_params,
                                  1));
  return state;
}
