#include "ae_optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ae_fastmath.h"
#include "ae_threads.h"

int
ae_optimizer_parse (const char *name, ae_optimizer_kind_t *kind)
{
  if (strcmp (name, "adam") == 0)
    *kind = AE_OPT_ADAM;
  else if (strcmp (name, "sgd") == 0)
    *kind = AE_OPT_SGD;
  else
    return -1;
  return 0;
}

ae_status_t
ae_optimizer_init (ae_optimizer_t *opt, const ae_optimizer_config_t *config,
                   size_t n_params, ae_error_t *err)
{
  memset (opt, 0, sizeof *opt);
  opt->config = *config;
  opt->n_params = n_params;
  opt->moment1 = calloc (n_params ? n_params : 1, sizeof (float));
  if (config->kind == AE_OPT_ADAM)
    opt->moment2 = calloc (n_params ? n_params : 1, sizeof (float));
  if (!opt->moment1 || (config->kind == AE_OPT_ADAM && !opt->moment2))
    {
      ae_optimizer_free (opt);
      return ae_fail (err, AE_ERR_MEMORY,
                      "cannot allocate optimizer state for %zu parameters", n_params);
    }
  return AE_OK;
}

void
ae_optimizer_free (ae_optimizer_t *opt)
{
  free (opt->moment1);
  free (opt->moment2);
  opt->moment1 = opt->moment2 = NULL;
}

/* x - x is 0 for finite x and NaN for NaN or Inf. */
AE_INLINE int
is_finite (float x)
{
  return x - x == 0;
}

/* p = new where it is finite; counts the entries where it is not. */
AE_INLINE void
guarded_store (float *p, float new_value, long *n_rejected)
{
  int ok = is_finite (new_value);
  *p = ok ? new_value : *p;
  *n_rejected += !ok;
}

/* The steps over parameters [first, end): elementwise, so splitting them over
   threads changes no bit. */
AE_VECTOR_LOOP static long
sgd_step (ae_optimizer_t *opt, float *params, const float *grads, size_t first, size_t end)
{
  const float lr = opt->config.learn_rate, mu = opt->config.momentum;
  float *velocity = opt->moment1;
  long n_rejected = 0;
  for (size_t i = first; i < end; i++)
    {
      velocity[i] = mu * velocity[i] + grads[i];
      guarded_store (&params[i], params[i] - lr * velocity[i], &n_rejected);
    }
  return n_rejected;
}

AE_VECTOR_LOOP static long
adam_step (ae_optimizer_t *opt, float *params, const float *grads, size_t first, size_t end)
{
  const ae_optimizer_config_t *c = &opt->config;
  const float b1 = c->beta1, b2 = c->beta2;
  /* bias corrections 1 - beta^t, folded into the step size as PyTorch does */
  const double correction1 = 1.0 - pow (b1, (double) opt->n_steps);
  const double correction2 = 1.0 - pow (b2, (double) opt->n_steps);
  const float step_size = (float) (c->learn_rate / correction1);
  const float root_correction2 = (float) sqrt (correction2);
  float *m = opt->moment1, *v = opt->moment2;
  long n_rejected = 0;
  for (size_t i = first; i < end; i++)
    {
      float g = grads[i];
      m[i] = b1 * m[i] + (1.0f - b1) * g;
      v[i] = b2 * v[i] + (1.0f - b2) * g * g;
      /* p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps) */
      guarded_store (&params[i],
                     params[i] - step_size * m[i] / (sqrtf (v[i]) / root_correction2 + c->eps),
                     &n_rejected);
    }
  return n_rejected;
}

/* Large steps are split over the threads in blocks of parameters (so that
   any count fits an int). */
enum { BLOCK = 1024, SPLIT_PARAMS = 1 << 16 };

typedef struct {
  ae_optimizer_t *opt;
  float *params;
  const float *grads;
  long n_rejected[AE_MAX_SLICES];
} step_job_t;

static void
step_slice (void *arg, int slice, int first_block, int n_blocks)
{
  step_job_t *job = arg;
  const size_t n = job->opt->n_params, first = (size_t) first_block * BLOCK;
  size_t end = first + (size_t) n_blocks * BLOCK;
  if (end > n)
    end = n;
  job->n_rejected[slice] = job->opt->config.kind == AE_OPT_ADAM
                               ? adam_step (job->opt, job->params, job->grads, first, end)
                               : sgd_step (job->opt, job->params, job->grads, first, end);
}

long
ae_optimizer_step (ae_optimizer_t *opt, float *params, const float *grads)
{
  opt->n_steps++;
  step_job_t job = { .opt = opt, .params = params, .grads = grads };
  const int n_blocks = (int) ((opt->n_params + BLOCK - 1) / BLOCK);
  const int slices = ae_slices_above (ae_num_threads (), n_blocks, (long) opt->n_params,
                                     SPLIT_PARAMS);
  ae_run_slices (slices, n_blocks, step_slice, &job);
  long n_rejected = 0;
  for (int t = 0; t < slices; t++)
    n_rejected += job.n_rejected[t];
  return n_rejected;
}

AE_VECTOR_LOOP static int
all_finite_span (const float *x, size_t first, size_t end)
{
  int finite = 1;
  for (size_t i = first; i < end; i++)
    finite &= is_finite (x[i]);
  return finite;
}

/* The arrays of ae_all_finite and ae_zero_floats, in the optimizer's blocks */
typedef struct {
  float *zero;
  const float *check;
  size_t n;
  int finite[AE_MAX_SLICES];
} span_job_t;

static void
span_slice (void *arg, int slice, int first_block, int n_blocks)
{
  span_job_t *job = arg;
  const size_t first = (size_t) first_block * BLOCK;
  size_t end = first + (size_t) n_blocks * BLOCK;
  if (end > job->n)
    end = job->n;
  if (job->zero)
    memset (job->zero + first, 0, (end - first) * sizeof (float));
  else
    job->finite[slice] = all_finite_span (job->check, first, end);
}

static int
run_spans (span_job_t *job)
{
  const int n_blocks = (int) ((job->n + BLOCK - 1) / BLOCK);
  const int slices = ae_slices_above (ae_num_threads (), n_blocks, (long) job->n, SPLIT_PARAMS);
  ae_run_slices (slices, n_blocks, span_slice, job);
  int finite = 1;
  for (int t = 0; t < slices; t++)
    finite &= job->finite[t];
  return finite;
}

int
ae_all_finite (const float *x, size_t n)
{
  span_job_t job = { .check = x, .n = n };
  return run_spans (&job);
}

void
ae_zero_floats (float *x, size_t n)
{
  span_job_t job = { .zero = x, .n = n };
  run_spans (&job);
}
