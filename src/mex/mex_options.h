/* Options and training state: reading the option struct the Octave trainers
   pass, and carrying a trainer's state between calls (between epochs, or
   between runs of SCG iterations) as an Octave struct. Every bad value is an
   autoencoder:... error raised before the core allocates anything. */
#ifndef MEX_OPTIONS_H
#define MEX_OPTIONS_H

#include "autoencoder.h"
#include "mex.h"

/* Option name of opts, a real scalar in [lo, hi]; one that older callers may
   leave out falls back to fallback. */
double mex_option_scalar (const mxArray *opts, const char *name, double lo, double hi);
double mex_optional_scalar (const mxArray *opts, const char *name, double fallback, double lo,
                            double hi);

ae_objective_t mex_read_objective (const mxArray *opts);
ae_regularization_t mex_read_regularization (const mxArray *opts);
/* The objective, penalties, optimizer, batch size, KL warm-up and seed (not
   the thread count, which the training command sets). */
ae_train_config_t mex_read_train_config (const mxArray *opts);

/* A mini-batch trainer's state: epoch, steps, stream counters, Adam's
   moments. check raises the error of a bad state before the trainer exists;
   restore then cannot fail (an empty state leaves the trainer fresh). */
void mex_train_state_check (const mxArray *state, ae_optimizer_kind_t kind, long n_params);
void mex_train_state_restore (const mxArray *state, ae_trainer_t *t);
mxArray *mex_train_state_save (const ae_trainer_t *t);

/* SCG's state, read whole (the doubles used in place) before the core
   allocates, so a bad state raises its error with nothing to free. */
enum { MEX_SCG_N_SCALARS = 9 };
typedef struct {
  int present;                            /* 0 for [], a new run */
  double scalars[MEX_SCG_N_SCALARS];
  const double *p, *r;                    /* [n_params] */
} mex_scg_state_t;

void mex_scg_state_read (const mxArray *state, long n_params, mex_scg_state_t *saved);
void mex_scg_state_restore (const mex_scg_state_t *saved, ae_scg_trainer_t *t);
mxArray *mex_scg_state_save (const ae_scg_trainer_t *t);

/* A GAN trainer's state (both networks' Adam moments), as the trainer's. */
void mex_gan_state_check (const mxArray *state, long n_gen, long n_disc);
void mex_gan_state_restore (const mxArray *state, ae_gan_trainer_t *t);
mxArray *mex_gan_state_save (const ae_gan_trainer_t *t);

#endif
