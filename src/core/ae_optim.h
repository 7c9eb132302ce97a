/* Optimizers over one flat parameter buffer: a step is one loop. */
#ifndef AE_OPTIM_H
#define AE_OPTIM_H

#include <stddef.h>

#include "ae_status.h"

typedef enum { AE_OPT_SGD, AE_OPT_ADAM } ae_optimizer_kind_t;

typedef struct {
  ae_optimizer_kind_t kind;
  float learn_rate;
  float momentum;          /* SGD: v = momentum v + g; p -= lr v (PyTorch's form) */
  float beta1, beta2, eps; /* Adam (Kingma and Ba 2015), PyTorch's defaults */
} ae_optimizer_config_t;

typedef struct {
  ae_optimizer_config_t config;
  size_t n_params;
  long n_steps;
  float *moment1;   /* SGD velocity, or Adam's first moment */
  float *moment2;   /* Adam's second moment; NULL for SGD */
} ae_optimizer_t;

/* Parses "adam", "sgd"; returns 0 on success, -1 for an unknown name. */
int ae_optimizer_parse (const char *name, ae_optimizer_kind_t *kind);

/* Allocates zeroed moments; returns AE_ERR_MEMORY on failure. */
ae_status_t ae_optimizer_init (ae_optimizer_t *opt, const ae_optimizer_config_t *config,
                               size_t n_params, ae_error_t *err);
void ae_optimizer_free (ae_optimizer_t *opt);

/* params[n_params] -= the update for grads[n_params]. An entry whose new
   value would be NaN or Inf keeps its old value; returns how many did, so a
   caller can stop an exploding run with every parameter still finite. */
long ae_optimizer_step (ae_optimizer_t *opt, float *params, const float *grads);

/* Returns 1 when all of x[n] are finite, else 0. Both this and the zeroing
   below split large arrays over the threads: run on one thread while the
   other waited, they were 4% of the MLP VAE's epoch under perf. */
int ae_all_finite (const float *x, size_t n);

/* x[n] = 0 */
void ae_zero_floats (float *x, size_t n);

#endif
