#include "ae_optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ae_fastmath.h"

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

AE_VECTOR_LOOP static void
sgd_step (ae_optimizer_t *opt, float *params, const float *grads)
{
  const float lr = opt->config.learn_rate, mu = opt->config.momentum;
  float *velocity = opt->moment1;
  for (size_t i = 0; i < opt->n_params; i++)
    {
      velocity[i] = mu * velocity[i] + grads[i];
      params[i] -= lr * velocity[i];
    }
}

AE_VECTOR_LOOP static void
adam_step (ae_optimizer_t *opt, float *params, const float *grads)
{
  const ae_optimizer_config_t *c = &opt->config;
  const float b1 = c->beta1, b2 = c->beta2;
  /* bias corrections 1 - beta^t, folded into the step size as PyTorch does */
  const double correction1 = 1.0 - pow (b1, (double) opt->n_steps);
  const double correction2 = 1.0 - pow (b2, (double) opt->n_steps);
  const float step_size = (float) (c->learn_rate / correction1);
  const float root_correction2 = (float) sqrt (correction2);
  float *m = opt->moment1, *v = opt->moment2;
  for (size_t i = 0; i < opt->n_params; i++)
    {
      float g = grads[i];
      m[i] = b1 * m[i] + (1.0f - b1) * g;
      v[i] = b2 * v[i] + (1.0f - b2) * g * g;
      /* p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps) */
      params[i] -= step_size * m[i] / (sqrtf (v[i]) / root_correction2 + c->eps);
    }
}

void
ae_optimizer_step (ae_optimizer_t *opt, float *params, const float *grads)
{
  opt->n_steps++;
  if (opt->config.kind == AE_OPT_ADAM)
    adam_step (opt, params, grads);
  else
    sgd_step (opt, params, grads);
}
