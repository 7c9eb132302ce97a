#include "ae_train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ae_gaussian.h"
#include "ae_threads.h"
#include "ae_vq.h"

double
ae_seconds_now (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Weight of one element's loss in a sample's reconstruction term: the mean
   reduction averages over the output's values (the input's, unless the
   targets are of another size). */
static double
element_weight (const ae_net_t *net, const ae_objective_t *objective)
{
  return objective->reduction == AE_REDUCE_MEAN && objective->loss != AE_LOSS_SOFTMAX_CE
         ? 1.0 / ae_net_n_output (net, net->n_layers) : 1.0;
}

/* An output that is a sequence: each sample's loss over its own steps only,
   the mean reduction averaging over them (so a sample weighs the same
   whatever its length); the gradient of padded steps stays 0. */
static double
sequence_loss (float *d_out, const float *out, const float *target, const ae_workspace_t *ws,
               int n_batch, int width, const ae_objective_t *objective, double samples)
{
  double sum = 0;
  const size_t per = (size_t) ws->n_steps * width;
  if (d_out)
    memset (d_out, 0, (size_t) n_batch * per * sizeof *d_out);
  for (int b = 0; b < n_batch; b++)
    {
      const size_t n = (size_t) (ws->lengths ? ws->lengths[b] : ws->n_steps) * width;
      const double weight = objective->reduction == AE_REDUCE_MEAN ? 1.0 / n : 1.0;
      const size_t at = (size_t) b * per;
      sum += weight * (d_out ? ae_loss_forward_backward (d_out + at, out + at, target + at, n,
                                                         objective->loss,
                                                         (float) (weight / samples))
                             : ae_loss_forward (out + at, target + at, n, objective->loss));
    }
  return sum;
}

/* Layers the loss sees: all but the final sigmoid when it reads logits. */
static int
n_loss_layers (const ae_net_t *net, const ae_objective_t *objective)
{
  return objective->loss == AE_LOSS_BCE_LOGITS ? net->n_layers - 1 : net->n_layers;
}

/* The loss (and its gradient, when d_pred is given) of a batch split over
   the threads by samples above 32K values: the gradient is elementwise, the
   slices' sums are added in slice order (so the value depends on the thread
   count in its last bits, never on timing). */
enum { SPLIT_LOSS_VALUES = 1 << 15 };

typedef struct {
  float *d_pred;
  const float *pred, *target;
  int width;
  ae_loss_t kind;
  float scale;
  double sums[AE_MAX_SLICES];
} loss_job_t;

static void
loss_slice (void *arg, int slice, int first, int count)
{
  loss_job_t *job = arg;
  const size_t at = (size_t) first * job->width, n = (size_t) count * job->width;
  job->sums[slice] = job->d_pred ? ae_loss_forward_backward (job->d_pred + at, job->pred + at,
                                                             job->target + at, n, job->kind,
                                                             job->scale)
                                 : ae_loss_forward (job->pred + at, job->target + at, n,
                                                    job->kind);
}

static double
split_loss (float *d_pred, const float *pred, const float *target, int n_batch, int width,
            ae_loss_t kind, float scale, int n_threads)
{
  loss_job_t job = { .d_pred = d_pred, .pred = pred, .target = target, .width = width,
                     .kind = kind, .scale = scale };
  const int slices = ae_slices_above (n_threads, n_batch, (long) n_batch * width,
                                     SPLIT_LOSS_VALUES);
  ae_run_slices (slices, n_batch, loss_slice, &job);
  double sum = 0;
  for (int t = 0; t < slices; t++)
    sum += job.sums[t];
  return sum;
}

/* A vector quantization layer q's term of a sample, per unit of its
   distortion |z - e|^2: the codebook loss (unless the codebook moves by
   averages) and the commitment, with the reconstruction's element weight. */
static double
quantization_weight (const ae_net_t *net, const ae_objective_t *objective, int q)
{
  const ae_vq_settings_t v = ae_layer_vq_settings (&net->layers[q]);
  return element_weight (net, objective) * ((v.moving_averages ? 0.0 : 1.0) + v.commitment);
}

/* The quantization term of the last forward pass, summed over its samples
   (0 without a quantization layer). */
static double
quantization_term (const ae_net_t *net, const ae_workspace_t *ws, const float *x,
                   int n_batch, const ae_objective_t *objective)
{
  const int q = ae_net_quantizer_layer (net);
  if (q < 0)
    return 0;
  const float *in = q > 0 ? ws->outputs[q - 1] : x;
  return quantization_weight (net, objective, q)
         * ae_vq_distortion (in, ws->outputs[q], (long) n_batch * net->layers[q].n_in);
}

/* Forward pass of a batch; *reconstruction gets the batch's sum of the
   per-sample reconstruction terms (the output compared with target, which is
   x itself for an autoencoder), *kl, unless NULL, the KL term's and
   *quantization, unless NULL, the quantization term's. The
   Gaussian noise must already be in ws->eps. When d_out is given, it receives
   the gradient with respect to the last layer the loss reads of the loss
   divided by `samples`, computed in the same pass. */
static void
forward_loss (const ae_net_t *net, const float *params, ae_workspace_t *ws,
              const float *x, const float *target, int n_batch,
              const ae_objective_t *objective, double *reconstruction, double *kl,
              double *quantization, float *d_out, double samples)
{
  int last = n_loss_layers (net, objective);
  ae_net_forward (net, params, ws, x, n_batch, 0, last);
  const float *out = ws->outputs[last - 1];
  const int width = ae_net_n_output (net, last);
  const float d_scale = d_out ? (float) (element_weight (net, objective) / samples) : 0;
  if (net->layers[last - 1].out.sequence)
    *reconstruction = sequence_loss (d_out, out, target, ws, n_batch, width, objective,
                                     samples);
  else if (objective->loss == AE_LOSS_SOFTMAX_CE)
    {
      const ae_grid_t grid = net->layers[last - 1].out;
      const long positions = (long) grid.h * grid.w;
      *reconstruction = ae_softmax_ce_positions (d_out, out, target, n_batch,
                                                 (int) (width / positions), positions,
                                                 d_scale);
    }
  else
    *reconstruction = element_weight (net, objective)
                      * split_loss (d_out, out, target, n_batch, width, objective->loss,
                                    d_scale, ws->n_threads);
  const int g = ae_net_gaussian_layer (net);
  if (kl)
    *kl = g >= 0 ? ae_gaussian_kl (NULL, g > 0 ? ws->outputs[g - 1] : x, n_batch,
                                   net->layers[g].n_out, 0)
                 : 0;
  if (quantization)
    *quantization = quantization_term (net, ws, x, n_batch, objective);
}

/* The terms of the loss on inner layers of the network. */
typedef struct {
  const ae_regularization_t *reg;
  float unit;               /* a sample's weight, which the penalty weights multiply */
  long n_total;             /* samples the penalties average over */
  const double *d_mean;     /* full batch: the sparsity penalty's gradient by each code
                               unit's mean over all samples; NULL: the batch's own */
  float kl_scale;           /* the KL term's weight per sample, 0 for none */
  float free_bits;          /* the KL floor per latent unit (nats), 0 for none */
  double *unit_kl;          /* [n_latent]: each unit's KL summed over the batch (wherever
                               there is a Gaussian layer: only the mini-batch trainer's) */
  float quantization_scale; /* a sample's weight in the quantization term's gradient */
  float *const *inject;     /* the contractive penalty's gradients, or NULL */
} inner_terms_t;

/* The code penalties of a batch's codes [n_batch][n_code]: their value, and
   their gradient added to d_code (unless NULL). The sparsity penalty reads
   each unit's mean activation: the batch's, or the whole data set's, whose
   value the caller counts once and whose gradient is spread over the samples. */
static double
code_penalties (float *d_code, const float *code, int n_batch, int n_code,
                const inner_terms_t *terms)
{
  const ae_regularization_t *reg = terms->reg;
  double penalty = 0;
  if (reg->sparsity_weight > 0 && !terms->d_mean)
    penalty += ae_sparsity_kl (d_code, code, n_batch, n_code, reg->sparsity_target,
                               terms->unit * reg->sparsity_weight);
  else if (reg->sparsity_weight > 0 && d_code)
    for (int b = 0; b < n_batch; b++)
      for (int j = 0; j < n_code; j++)
        d_code[(long) b * n_code + j] += (float) (terms->d_mean[j] / terms->n_total);
  if (reg->l1_weight > 0)
    penalty += ae_l1_activity (d_code, code, n_batch, n_code,
                               terms->unit * reg->l1_weight * n_batch / terms->n_total);
  return penalty;
}

/* Back-propagates d through layers [q, done) and adds the quantization
   term's gradients at layer q (the commitment to its input's gradient, the
   codebook loss to its codebook's); returns the gradient at its input and
   adds the batch's summed term to *term. */
static const float *
backward_quantization (const ae_net_t *net, const float *params, float *grads,
                       ae_workspace_t *ws, const float *x, const float *d, int n_batch, int q,
                       int done, const inner_terms_t *terms, const ae_objective_t *objective,
                       double *term)
{
  const ae_layer_t *layer = &net->layers[q];
  const ae_vq_settings_t v = ae_layer_vq_settings (layer);
  float *d_z = ae_net_backward (net, params, grads, ws, x, d, n_batch, q, done);
  const float scale = terms->quantization_scale;
  const double distortion
    = ae_vq_terms (d_z, v.moving_averages ? NULL : grads + layer->param_offset,
                   q > 0 ? ws->outputs[q - 1] : x, ws->outputs[q], ws->state[q], n_batch,
                   (long) layer->in.h * layer->in.w, scale * v.commitment, scale);
  *term += quantization_weight (net, objective, q) * distortion;
  return d_z;
}

/* Back-propagates the loss's gradient in ws->grad_a through layers [0, last),
   adding the inner terms' gradients where they enter: the code penalties at
   the code, the KL term at the Gaussian layer's input, the quantization term
   at the quantization layer, the contractive penalty inside the encoder.
   Returns the code penalties' value; *kl gets the batch's summed KL and
   *quantization its summed quantization term. */
static double
backward_with_terms (const ae_net_t *net, const float *params, float *grads,
                     ae_workspace_t *ws, const float *x, int n_batch, int last,
                     const inner_terms_t *terms, const ae_objective_t *objective, double *kl,
                     double *quantization)
{
  const ae_regularization_t *reg = terms->reg;
  const int g = ae_net_gaussian_layer (net), q = ae_net_quantizer_layer (net);
  const float *d = ws->grad_a;
  int done = last;   /* layers [done, last) are done */
  double penalty = 0;
  *kl = *quantization = 0;
  if (q >= net->n_encoder && q < done)
    {
      d = backward_quantization (net, params, grads, ws, x, d, n_batch, q, done, terms,
                                 objective, quantization);
      done = q;
    }
  if (reg->sparsity_weight > 0 || reg->l1_weight > 0)
    {
      float *d_code = ae_net_backward (net, params, grads, ws, x, d, n_batch, net->n_encoder,
                                       done);
      penalty += code_penalties (d_code, ws->outputs[net->n_encoder - 1], n_batch,
                                 ae_net_n_latent (net), terms);
      d = d_code;
      done = net->n_encoder;
    }
  if (q >= 0 && q < done)
    {
      d = backward_quantization (net, params, grads, ws, x, d, n_batch, q, done, terms,
                                 objective, quantization);
      done = q;
    }
  if (g >= 0)
    {
      float *d_stats = ae_net_backward (net, params, grads, ws, x, d, n_batch, g, done);
      *kl = ae_gaussian_kl_terms (d_stats, g > 0 ? ws->outputs[g - 1] : x, n_batch,
                                  net->layers[g].n_out, terms->kl_scale, terms->free_bits,
                                  terms->unit_kl);
      d = d_stats;
      done = g;
    }
  if (terms->inject)
    ae_net_backward_injected (net, params, grads, ws, x, d, n_batch, done, terms->inject);
  else
    ae_net_backward (net, params, grads, ws, x, d, n_batch, 0, done);
  return penalty;
}

static void
draw_noise (const ae_net_t *net, ae_workspace_t *ws, int n_batch, ae_rng_t *noise)
{
  if (!ae_net_is_variational (net))
    return;
  size_t n = (size_t) n_batch * ae_net_n_latent (net);
  if (noise)
    ae_rng_normal (noise, ws->eps, n);
  else
    memset (ws->eps, 0, n * sizeof *ws->eps);
}

static ae_status_t
check_objective (const ae_net_t *net, const ae_objective_t *objective, ae_error_t *err)
{
  if (net->n_layers < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "the network has no layers");
  const ae_layer_t *last = &net->layers[net->n_layers - 1];
  if (objective->loss == AE_LOSS_BCE_LOGITS
      && !(last->spec.kind == AE_LAYER_ACTIVATION && last->spec.activation == AE_ACT_SIGMOID))
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the binary cross-entropy loss needs a network ending in a sigmoid");
  if (!(objective->beta >= 0) || isinf (objective->beta))
    return ae_fail (err, AE_ERR_ARGUMENT, "beta must be finite and >= 0");
  return AE_OK;
}

/* Whether the network gives back samples of its input's form, which it
   can then be trained to reconstruct without targets. */
static int
reconstructs_input (const ae_net_t *net)
{
  return ae_net_n_output (net, net->n_layers) == net->n_input
         && net->layers[net->n_layers - 1].out.sequence == net->input.sequence;
}

/* The refusals of data for a network: the targets its loss and output need,
   sequences exactly for a network over sequences. */
static ae_status_t
check_data (const ae_net_t *net, const ae_objective_t *objective, int has_targets,
            int sequences, ae_error_t *err)
{
  if (objective->loss == AE_LOSS_SOFTMAX_CE && !has_targets)
    return ae_fail (err, AE_ERR_ARGUMENT, "the cross-entropy loss needs targets");
  if (!has_targets && !reconstructs_input (net))
    return ae_fail (err, AE_ERR_ARGUMENT, "a network whose output (%d values%s) is not of"
                    " the form of its input (%d%s) needs targets",
                    ae_net_n_output (net, net->n_layers),
                    net->layers[net->n_layers - 1].out.sequence ? " a step" : "",
                    net->n_input, net->input.sequence ? " a step" : "");
  if (has_targets && net->layers[net->n_layers - 1].out.sequence)
    return ae_fail (err, AE_ERR_ARGUMENT, "a network whose output is a sequence learns to"
                    " reconstruct its input: targets other than it are not supported");
  if (sequences != ae_net_is_sequence (net))
    return ae_fail (err, AE_ERR_ARGUMENT, sequences ? "sequences for a network whose input is"
                    " not a sequence" : "a network over sequences needs sequences");
  return AE_OK;
}

static ae_status_t
evaluate (const ae_net_t *net, const float *params, const float *x, const ae_sequences_t *seq,
          const float *conditions, const float *targets, long n,
          const ae_objective_t *objective, ae_rng_t *noise, double *reconstruction,
          double *kl, double *quantization, ae_error_t *err)
{
  enum { chunk = 256 };
  ae_status_t status = check_objective (net, objective, err);
  ae_workspace_t ws;
  if (status == AE_OK)
    status = ae_net_check_conditions (net, conditions, err);
  if (status == AE_OK)
    status = check_data (net, objective, targets != NULL, seq != NULL, err);
  if (status != AE_OK
      || (status = ae_workspace_init_steps (&ws, net, chunk, seq ? seq->max_length : 1, err))
           != AE_OK)
    return status;
  ae_sequence_batch_t batch = { 0 };
  if (seq)
    status = ae_sequence_batch_init (&batch, seq, chunk, err);
  double recon_sum = 0, kl_sum = 0, quantization_sum = 0;
  for (long start = 0; status == AE_OK && start < n; start += chunk)
    {
      if (ae_interrupt_requested ())
        {
          status = ae_fail (err, AE_INTERRUPTED, "evaluation stopped at sample %ld of %ld",
                            start, n);
          break;
        }
      int n_batch = (int) (n - start < chunk ? n - start : chunk);
      double recon_batch, kl_batch, quantization_batch;
      draw_noise (net, &ws, n_batch, noise);
      ws.condition = conditions ? conditions + start * net->n_condition : NULL;
      const float *in = seq ? ae_sequence_batch_load (&batch, seq, start, n_batch, &ws)
                            : x + start * net->n_input;
      const float *target = targets ? targets + start * ae_net_n_output (net, net->n_layers)
                                    : in;
      forward_loss (net, params, &ws, in, target, n_batch, objective, &recon_batch, &kl_batch,
                    &quantization_batch, NULL, 0);
      recon_sum += recon_batch;
      kl_sum += kl_batch;
      quantization_sum += quantization_batch;
    }
  ae_sequence_batch_free (&batch);
  ae_workspace_free (&ws);
  *reconstruction = n > 0 ? recon_sum / n : 0;
  *kl = n > 0 ? kl_sum / n : 0;
  if (quantization)
    *quantization = n > 0 ? quantization_sum / n : 0;
  return status;
}

ae_status_t
ae_evaluate (const ae_net_t *net, const float *params, const float *x,
             const float *conditions, const float *targets, long n,
             const ae_objective_t *objective, ae_rng_t *noise, double *reconstruction,
             double *kl, ae_error_t *err)
{
  return evaluate (net, params, x, NULL, conditions, targets, n, objective, noise,
                   reconstruction, kl, NULL, err);
}

ae_status_t
ae_evaluate_sequences (const ae_net_t *net, const float *params, const ae_sequences_t *x,
                       const float *conditions, const float *targets,
                       const ae_objective_t *objective, ae_rng_t *noise,
                       double *reconstruction, double *kl, ae_error_t *err)
{
  ae_status_t status = ae_sequences_check (net, 0, x, "the sequences", err);
  if (status != AE_OK)
    return status;
  return evaluate (net, params, NULL, x, conditions, targets, x->n, objective, noise,
                   reconstruction, kl, NULL, err);
}

/* Buffers of the contractive penalty: the Jacobians, and the gradients it
   injects at the input of each encoder layer. */
static ae_status_t
init_contractive (ae_trainer_t *t, ae_error_t *err)
{
  const ae_net_t *net = t->net;
  ae_status_t status = ae_contractive_init (&t->contractive, net, err);
  if (status != AE_OK)
    return status;
  long total = 0;
  for (int l = 0; l < net->n_encoder; l++)
    total += net->layers[l].n_in;
  t->n_inject = total * t->config.batch_size;
  t->inject_block = malloc ((size_t) t->n_inject * sizeof (float));
  if (!t->inject_block)
    return ae_fail (err, AE_ERR_MEMORY, "cannot allocate the contractive penalty's buffers");
  float *next = t->inject_block;
  for (int l = 0; l < net->n_encoder; l++)
    {
      t->inject[l] = next;
      next += (long) net->layers[l].n_in * t->config.batch_size;
    }
  return AE_OK;
}

/* The refusals of ae_trainer_init: settings out of range or that do not
   go together. */
static ae_status_t
check_config (const ae_net_t *net, const ae_train_config_t *config, long n, ae_error_t *err)
{
  ae_status_t status = check_objective (net, &config->objective, err);
  if (status != AE_OK)
    return status;
  if (n < 1 || config->batch_size < 1 || config->kl_warmup_epochs < 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "need samples (%ld), a batch size >= 1 (%d), warm-up epochs >= 0 (%d)",
                    n, config->batch_size, config->kl_warmup_epochs);
  if (!(config->optimizer.learn_rate > 0))
    return ae_fail (err, AE_ERR_ARGUMENT, "the learning rate must be > 0");
  if (config->kl_schedule == AE_KL_CYCLICAL
      && !(config->kl_cycles >= 1 && config->kl_ramp_ratio > 0 && config->kl_ramp_ratio <= 1
           && config->kl_schedule_epochs >= 1))
    return ae_fail (err, AE_ERR_ARGUMENT, "the cyclical KL schedule needs cycles >= 1, a ramp"
                    " ratio in (0, 1] and the run's epochs >= 1");
  if (!(config->free_bits >= 0) || isinf (config->free_bits))
    return ae_fail (err, AE_ERR_ARGUMENT, "free bits must be finite and >= 0");
  if (net->n_condition > 0 && config->regularization.contractive_weight > 0)
    return ae_fail (err, AE_ERR_ARGUMENT, "the contractive penalty takes no condition layers");
  if (ae_net_is_sequence (net) && config->regularization.contractive_weight > 0)
    return ae_fail (err, AE_ERR_ARGUMENT, "the contractive penalty takes no sequences");
  const ae_regularization_t *reg = &config->regularization;
  if (net->n_encoder > 0 && net->layers[net->n_encoder - 1].out.sequence
      && (reg->sparsity_weight > 0 || reg->l1_weight > 0))
    return ae_fail (err, AE_ERR_ARGUMENT, "the sparsity and L1 penalties need a code that is"
                    " not a sequence (end the encoder with OutputMode \"last\")");
  return AE_OK;
}

/* The trainer for n samples of up to max_steps steps (1 unless sequences). */
static ae_status_t
trainer_init (ae_trainer_t *trainer, const ae_net_t *net, const ae_train_config_t *config,
              long n, int max_steps, ae_error_t *err)
{
  ae_status_t status = check_config (net, config, n, err);
  if (status != AE_OK)
    return status;
  trainer->net = net;
  trainer->config = *config;
  trainer->n = n;
  if (trainer->config.batch_size > n)
    trainer->config.batch_size = (int) n;
  const int batch_size = trainer->config.batch_size;
  ae_rng_seed (&trainer->shuffle_rng, config->seed, AE_STREAM_SHUFFLE);
  ae_rng_seed (&trainer->noise_rng, config->seed, AE_STREAM_NOISE);
  trainer->grads = malloc ((size_t) (net->n_params ? net->n_params : 1) * sizeof (float));
  const size_t out_steps = net->layers[net->n_layers - 1].out.sequence ? max_steps : 1;
  trainer->batch = malloc ((size_t) batch_size * max_steps * net->n_input * sizeof (float));
  trainer->target_batch = malloc ((size_t) batch_size * out_steps
                                  * ae_net_n_output (net, net->n_layers) * sizeof (float));
  if (ae_net_is_sequence (net)
      && !(trainer->batch_lengths = malloc ((size_t) batch_size * sizeof (int))))
    status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate a batch's lengths");
  trainer->order = malloc ((size_t) n * sizeof (size_t));
  if (net->n_condition > 0
      && !(trainer->condition_batch = malloc ((size_t) batch_size * net->n_condition
                                              * sizeof (float))))
    status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate a batch's conditions");
  const int n_latent = ae_net_is_variational (net) ? ae_net_n_latent (net) : 0;
  if (n_latent)
    {
      trainer->unit_kl = malloc ((size_t) n_latent * sizeof (double));
      trainer->kl_per_unit = malloc ((size_t) n_latent * sizeof (double));
      if (!trainer->unit_kl || !trainer->kl_per_unit)
        status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate the KL of %d latent units",
                          n_latent);
    }
  const int q = ae_net_quantizer_layer (net);
  if (q >= 0
      && !(trainer->code_counts = malloc ((size_t) ae_layer_vq_settings (&net->layers[q]).n_codes
                                          * sizeof (double))))
    status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate the counts of the codebook");
  if (!trainer->grads || !trainer->batch || !trainer->target_batch || !trainer->order)
    status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate training buffers for %ld samples", n);
  if (status == AE_OK)
    status = ae_workspace_init_steps (&trainer->ws, net, batch_size, max_steps, err);
  trainer->ws.training = 1;
  trainer->ws.rng = &trainer->noise_rng;
  if (status == AE_OK)
    status = ae_optimizer_init (&trainer->opt, &config->optimizer, net->n_params, err);
  if (status == AE_OK && config->regularization.contractive_weight > 0)
    status = init_contractive (trainer, err);
  if (status != AE_OK)
    ae_trainer_free (trainer);
  return status;
}

ae_status_t
ae_trainer_init (ae_trainer_t *trainer, const ae_net_t *net,
                 const ae_train_config_t *config, long n, ae_error_t *err)
{
  memset (trainer, 0, sizeof *trainer);
  if (ae_net_is_sequence (net))
    return ae_fail (err, AE_ERR_ARGUMENT, "a network over sequences trains on sequences");
  return trainer_init (trainer, net, config, n, 1, err);
}

ae_status_t
ae_trainer_init_sequences (ae_trainer_t *trainer, const ae_net_t *net,
                           const ae_train_config_t *config, const ae_sequences_t *sequences,
                           const ae_sequences_t *val_sequences, ae_error_t *err)
{
  memset (trainer, 0, sizeof *trainer);
  ae_status_t status = ae_sequences_check (net, 0, sequences, "the training sequences", err);
  if (status == AE_OK && val_sequences)
    status = ae_sequences_check (net, 0, val_sequences, "the validation sequences", err);
  if (status != AE_OK)
    return status;
  int max_steps = sequences->max_length;
  if (val_sequences && val_sequences->max_length > max_steps)
    max_steps = val_sequences->max_length;
  trainer->sequences = sequences;
  trainer->val_sequences = val_sequences;
  return trainer_init (trainer, net, config, sequences->n, max_steps, err);
}

void
ae_trainer_set_conditions (ae_trainer_t *t, const float *conditions,
                           const float *val_conditions)
{
  t->conditions = conditions;
  t->val_conditions = val_conditions;
}

void
ae_trainer_set_source (ae_trainer_t *t, ae_sample_source_t *source)
{
  t->source = source;
}

ae_trainer_progress_t
ae_trainer_progress (const ae_trainer_t *t)
{
  return (ae_trainer_progress_t) { .epoch = t->epoch, .n_steps = t->opt.n_steps,
                                   .shuffle_counter = t->shuffle_rng.counter,
                                   .noise_counter = t->noise_rng.counter };
}

void
ae_trainer_resume (ae_trainer_t *t, const ae_trainer_progress_t *p)
{
  t->epoch = p->epoch;
  t->opt.n_steps = p->n_steps;
  t->shuffle_rng.counter = p->shuffle_counter;
  t->noise_rng.counter = p->noise_counter;
}

void
ae_trainer_free (ae_trainer_t *trainer)
{
  ae_workspace_free (&trainer->ws);
  ae_optimizer_free (&trainer->opt);
  free (trainer->grads);
  free (trainer->batch);
  free (trainer->target_batch);
  free (trainer->condition_batch);
  trainer->condition_batch = NULL;
  free (trainer->order);
  free (trainer->inject_block);
  free (trainer->unit_kl);
  free (trainer->kl_per_unit);
  free (trainer->code_counts);
  trainer->unit_kl = trainer->kl_per_unit = trainer->code_counts = NULL;
  free (trainer->batch_lengths);
  trainer->batch_lengths = NULL;
  ae_contractive_free (&trainer->contractive);
  trainer->grads = trainer->batch = trainer->target_batch = trainer->inject_block = NULL;
  trainer->order = NULL;
}

/* The KL weight of a batch that starts at the fraction `done` of epoch
   `epoch` (1-based): the linear warm-up ramps over whole epochs; the cyclical
   schedule (Fu et al. 2019) cuts the run's n_epochs into kl_cycles cycles,
   each rising linearly from 0 over its first kl_ramp_ratio and then flat. */
static float
scheduled_beta (const ae_train_config_t *config, int epoch, double done)
{
  float beta = config->objective.beta;
  if (config->kl_schedule == AE_KL_CYCLICAL)
    {
      double progress = (epoch - 1 + done) / config->kl_schedule_epochs;
      double in_cycle = progress * config->kl_cycles - floor (progress * config->kl_cycles);
      return (float) (beta * fmin (1.0, in_cycle / config->kl_ramp_ratio));
    }
  if (config->kl_warmup_epochs > 0 && epoch < config->kl_warmup_epochs)
    beta *= (float) epoch / config->kl_warmup_epochs;
  return beta;
}

/* The batch of the samples order[first ..] (their inputs, corrupted when
   denoising, targets and conditions) in the trainer's buffers; returns the
   batch's targets. */
static const float *
gather_batch (ae_trainer_t *t, const float *x, const float *targets, long first, int n_batch)
{
  const ae_net_t *net = t->net;
  const int n_target = ae_net_n_output (net, net->n_layers);
  long width = net->n_input;   /* values of a sample in the batch */
  if (t->sequences)
    {
      t->ws.n_steps = ae_sequences_gather (t->sequences, t->order, first, n_batch, t->batch,
                                           t->batch_lengths);
      t->ws.lengths = t->batch_lengths;
      width *= t->ws.n_steps;
    }
  else if (!t->source)
    for (int k = 0; k < n_batch; k++)
      memcpy (t->batch + k * width, x + t->order[first + k] * width, width * sizeof (float));
  const ae_regularization_t *reg = &t->config.regularization;
  if (targets)
    for (int k = 0; k < n_batch; k++)
      memcpy (t->target_batch + (long) k * n_target, targets + t->order[first + k] * n_target,
              n_target * sizeof (float));
  if (reg->noise != AE_NOISE_NONE)
    {
      /* denoising: the clean batch is the target (unless targets are given),
         the corrupted one the input */
      if (!targets)
        memcpy (t->target_batch, t->batch, (size_t) n_batch * width * sizeof (float));
      ae_corrupt (t->batch, (size_t) n_batch * width, reg->noise, reg->noise_level,
                  &t->noise_rng);
    }
  const int n_condition = net->n_condition;
  for (int k = 0; n_condition > 0 && k < n_batch; k++)
    memcpy (t->condition_batch + (long) k * n_condition,
            t->conditions + t->order[first + k] * n_condition, n_condition * sizeof (float));
  t->ws.condition = t->condition_batch;
  return targets || reg->noise != AE_NOISE_NONE ? t->target_batch : t->batch;
}

/* A batch's sums of its samples' terms, and its penalties' value. */
typedef struct {
  double reconstruction, kl, quantization, penalty;
} batch_terms_t;

/* The codes a training batch's vectors were given, counted into counts [K]. */
static void
count_codes (const ae_trainer_t *t, double *counts)
{
  const ae_vq_state_t *s = t->ws.state[ae_net_quantizer_layer (t->net)];
  for (long r = 0; r < s->n_rows; r++)
    counts[s->codes[r]] += 1;
}

/* One optimizer step on the samples order[first .. first+n_batch). */
static ae_status_t
train_batch (ae_trainer_t *t, float *params, const float *x, const float *targets,
             long first, int n_batch, float beta, batch_terms_t *sums, ae_error_t *err)
{
  const ae_net_t *net = t->net;
  const ae_objective_t *objective = &t->config.objective;
  const ae_regularization_t *reg = &t->config.regularization;
  const float *target = gather_batch (t, x, targets, first, n_batch);
  draw_noise (net, &t->ws, n_batch, &t->noise_rng);
  forward_loss (net, params, &t->ws, t->batch, target, n_batch, objective,
                &sums->reconstruction, NULL, NULL, t->ws.grad_a, n_batch);
  ae_zero_floats (t->grads, (size_t) net->n_params);
  /* the weights are relative to the error summed over a sample's values, as
     MATLAB's trainAutoencoder weighs them, whatever the reported reduction */
  const float unit = (float) element_weight (net, objective);
  sums->penalty = 0;
  if (reg->contractive_weight > 0)
    {
      memset (t->inject_block, 0, (size_t) t->n_inject * sizeof (float));
      sums->penalty += ae_contractive (net, params, &t->ws, t->batch, n_batch,
                                       unit * reg->contractive_weight, t->grads, t->inject,
                                       &t->contractive);
    }
  const inner_terms_t terms = { .reg = reg, .unit = unit, .n_total = n_batch,
                                .kl_scale = beta / n_batch,
                                .free_bits = t->config.free_bits, .unit_kl = t->unit_kl,
                                .quantization_scale = unit / n_batch,
                                .inject = reg->contractive_weight > 0 ? t->inject : NULL };
  sums->penalty += backward_with_terms (net, params, t->grads, &t->ws, t->batch, n_batch,
                                        n_loss_layers (net, objective), &terms, objective,
                                        &sums->kl, &sums->quantization);
  const double recon = sums->reconstruction, kl = sums->kl;
  if (!isfinite (recon) || !isfinite (kl) || !isfinite (sums->quantization))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the loss became %g (reconstruction %g, KL %g, quantization %g) at epoch"
                    " %d, batch %ld; the model is kept as it was before that batch",
                    recon + beta * kl + sums->quantization, recon, kl, sums->quantization,
                    t->epoch + 1, first / t->config.batch_size + 1);
  if (reg->weight_decay > 0)
    sums->penalty += ae_weight_decay (t->grads, params, net, unit * reg->weight_decay);
  if (!ae_all_finite (t->grads, (size_t) net->n_params))
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the gradient became NaN or Inf at epoch %d, batch %ld; the model is"
                    " kept as it was before that batch", t->epoch + 1,
                    first / t->config.batch_size + 1);
  long n_rejected = ae_optimizer_step (&t->opt, params, t->grads);
  if (n_rejected > 0)
    return ae_fail (err, AE_ERR_NUMERIC,
                    "the update of %ld parameters overflowed at epoch %d, batch %ld (is the"
                    " learning rate too large?); they keep their previous values",
                    n_rejected, t->epoch + 1, first / t->config.batch_size + 1);
  if (t->code_counts)
    count_codes (t, t->code_counts);
  ae_net_update_buffers (net, params, &t->ws, n_batch);
  return AE_OK;
}

/* The refusals of an epoch: targets the loss needs, conditions the
   network needs. */
static ae_status_t
check_epoch_data (const ae_trainer_t *t, const float *x, const float *targets,
                  const float *x_val,
                  const float *val_targets, long n_val, ae_error_t *err)
{
  const int validating = x_val || t->val_sequences;
  if (validating && (targets != NULL) != (val_targets != NULL))
    return ae_fail (err, AE_ERR_ARGUMENT, "validation data need targets when the training"
                    " data have them");
  if (t->sequences && (x || x_val))
    return ae_fail (err, AE_ERR_ARGUMENT, "a trainer of sequences takes no other data");
  if (t->source && (x || targets || t->conditions || t->sequences))
    return ae_fail (err, AE_ERR_ARGUMENT, "a trainer reading its samples from a source takes"
                    " no other training data, targets or conditions");
  if (!t->source && !t->sequences && !x)
    return ae_fail (err, AE_ERR_ARGUMENT, "no training data");
  ae_status_t checked = check_data (t->net, &t->config.objective, targets != NULL,
                                    t->sequences != NULL, err);
  if (checked == AE_OK)
    checked = ae_net_check_conditions (t->net, t->conditions, err);
  if (checked == AE_OK && validating && n_val > 0)
    checked = ae_net_check_conditions (t->net, t->val_conditions, err);
  return checked;
}

/* The epoch's validation losses into stats, with the same noise every
   epoch, so that they compare across epochs. */
static ae_status_t
validate (const ae_trainer_t *t, const float *params, const float *x_val,
          const float *val_targets, long n_val, ae_epoch_stats_t *stats, ae_error_t *err)
{
  ae_rng_t val_rng;
  ae_rng_seed (&val_rng, t->config.seed, AE_STREAM_VALIDATION);
  ae_status_t status = evaluate (t->net, params, x_val, t->val_sequences, t->val_conditions,
                                 val_targets, n_val, &t->config.objective, &val_rng,
                                 &stats->val_reconstruction, &stats->val_kl,
                                 &stats->val_quantization, err);
  if (status != AE_OK)
    return status;
  stats->has_validation = 1;
  stats->val_loss = stats->val_reconstruction + stats->beta * stats->val_kl
                    + stats->val_quantization;
  return AE_OK;
}

ae_status_t
ae_trainer_epoch (ae_trainer_t *t, float *params, const float *x, const float *targets,
                  const float *x_val, const float *val_targets, long n_val,
                  ae_epoch_stats_t *stats, ae_error_t *err)
{
  if (t->val_sequences)
    n_val = t->val_sequences->n;
  ae_status_t checked = check_epoch_data (t, x, targets, x_val, val_targets, n_val, err);
  if (checked != AE_OK)
    return checked;
  const double start_time = ae_seconds_now ();
  const int batch_size = t->config.batch_size;
  memset (stats, 0, sizeof *stats);
  stats->epoch = t->epoch + 1;
  ae_rng_permutation (&t->shuffle_rng, t->order, (size_t) t->n);
  double recon_sum = 0, kl_sum = 0, weighted_kl_sum = 0, beta_sum = 0, penalty_sum = 0;
  double quantization_sum = 0;
  long n_batches = 0;
  const int n_codes = t->code_counts ? ae_layer_vq_settings (
                        &t->net->layers[ae_net_quantizer_layer (t->net)]).n_codes : 0;
  for (int k = 0; k < n_codes; k++)
    t->code_counts[k] = 0;
  const int n_latent = ae_net_is_variational (t->net) ? ae_net_n_latent (t->net) : 0;
  for (int j = 0; j < n_latent; j++)
    t->kl_per_unit[j] = 0;
  if (t->source)
    {
      ae_status_t started = t->source->start_epoch (t->source, t->order, t->n, batch_size, err);
      if (started != AE_OK)
        return started;
    }
  long n_trained = 0;   /* the samples trained on: those a source could read */
  for (long first = 0; first < t->n; first += batch_size)
    {
      int n_batch = (int) (t->n - first < batch_size ? t->n - first : batch_size);
      float beta = scheduled_beta (&t->config, stats->epoch, (double) first / t->n);
      batch_terms_t batch = { 0 };
      if (t->source)
        {
          const int n_read = t->source->fill (t->source, first, n_batch, t->batch, err);
          if (n_read < 0)
            return (ae_status_t) (n_read == -AE_INTERRUPTED ? AE_INTERRUPTED : n_read);
          n_batch = n_read;
        }
      n_trained += n_batch;
      ae_status_t status = n_batch == 0 ? AE_OK
                           : train_batch (t, params, x, targets, first, n_batch, beta, &batch,
                                          err);
      if (status != AE_OK)
        return status;
      if (n_batch > 0)
        {
          recon_sum += batch.reconstruction;
          kl_sum += batch.kl;
          weighted_kl_sum += beta * batch.kl;
          quantization_sum += batch.quantization;
          beta_sum += (double) beta * n_batch;
          penalty_sum += batch.penalty;
          for (int j = 0; j < n_latent; j++)
            t->kl_per_unit[j] += t->unit_kl[j];
          n_batches++;
        }
      if (t->config.after_batch
          && t->config.after_batch (t->config.context, first + n_batch, t->n))
        return ae_fail (err, AE_INTERRUPTED, "training interrupted at epoch %d, batch %ld",
                        stats->epoch, first / batch_size + 1);
    }
  if (n_trained == 0)
    return ae_fail (err, AE_ERR_IO, "none of the %ld training samples could be read", t->n);
  stats->reconstruction = recon_sum / n_trained;
  stats->kl = kl_sum / n_trained;
  stats->beta = (float) (beta_sum / n_trained);   /* the mean weight when it changes by batch */
  stats->penalty = penalty_sum / n_batches;
  stats->quantization = quantization_sum / n_trained;
  stats->loss = stats->reconstruction + weighted_kl_sum / n_trained + stats->quantization
                + stats->penalty;
  stats->n_codes = n_codes;
  if (n_codes)
    stats->perplexity = ae_vq_perplexity (t->code_counts, n_codes, &stats->codes_used);
  for (int j = 0; j < n_latent; j++)
    t->kl_per_unit[j] /= n_trained;
  stats->kl_per_unit = n_latent ? t->kl_per_unit : NULL;
  stats->n_latent = n_latent;
  if ((x_val || t->val_sequences) && n_val > 0)
    {
      ae_status_t status = validate (t, params, x_val, val_targets, n_val, stats, err);
      if (status != AE_OK)
        return status;
    }
  t->epoch++;
  stats->seconds = ae_seconds_now () - start_time;
  return AE_OK;
}

ae_status_t
ae_train (const ae_net_t *net, float *params, const float *x, long n,
          const float *x_val, long n_val, const ae_train_config_t *config,
          int n_epochs, ae_epoch_stats_t *history, int *n_done, ae_error_t *err)
{
  ae_trainer_t trainer;
  *n_done = 0;
  ae_status_t status = ae_trainer_init (&trainer, net, config, n, err);
  while (status == AE_OK && *n_done < n_epochs)
    {
      status = ae_trainer_epoch (&trainer, params, x, NULL, x_val, NULL, n_val,
                                 &history[*n_done], err);
      history[*n_done].kl_per_unit = NULL;   /* the trainer's buffer goes with it */
      if (status == AE_OK)
        (*n_done)++;
    }
  if (trainer.net)
    ae_trainer_free (&trainer);
  return status;
}

/* ---- the loss over a whole data set, for full-batch optimizers ---- */

ae_status_t
ae_full_batch_init (ae_full_batch_t *fb, const ae_net_t *net, const ae_objective_t *objective,
                    const ae_regularization_t *regularization, const float *x,
                    const float *targets, long n, ae_error_t *err)
{
  memset (fb, 0, sizeof *fb);
  ae_status_t status = check_objective (net, objective, err);
  if (status != AE_OK)
    return status;
  if (n < 1)
    return ae_fail (err, AE_ERR_ARGUMENT, "full-batch training needs samples");
  if (ae_net_is_variational (net))
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "full-batch training needs a deterministic network, not a variational one");
  if (net->n_condition > 0)
    return ae_fail (err, AE_ERR_ARGUMENT, "full-batch training takes no condition layers");
  if (ae_net_is_sequence (net))
    return ae_fail (err, AE_ERR_ARGUMENT, "full-batch training takes no sequences");
  if (ae_net_quantizer_layer (net) >= 0)
    return ae_fail (err, AE_ERR_ARGUMENT, "full-batch training takes no vector quantization:"
                    " its codebook is trained by mini-batches");
  if (net->n_buffers > 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "full-batch training takes no batch normalization: its statistics are"
                    " those of mini-batches");
  if (regularization->contractive_weight > 0 || regularization->noise != AE_NOISE_NONE)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "full-batch training takes the sparsity, L1 and weight-decay penalties,"
                    " not the contractive penalty or input noise");
  if (objective->loss == AE_LOSS_SOFTMAX_CE && !targets)
    return ae_fail (err, AE_ERR_ARGUMENT, "the cross-entropy loss needs targets");
  if (!targets && ae_net_n_output (net, net->n_layers) != net->n_input)
    return ae_fail (err, AE_ERR_ARGUMENT, "a network whose output is not the size of its"
                    " input needs targets");
  fb->net = net;
  fb->objective = *objective;
  fb->regularization = *regularization;
  fb->x = x;
  fb->targets = targets;
  fb->n = n;
  const int n_code = ae_net_n_latent (net);
  fb->code_mean = malloc ((size_t) n_code * sizeof *fb->code_mean);
  fb->d_code_mean = malloc ((size_t) n_code * sizeof *fb->d_code_mean);
  if (!fb->code_mean || !fb->d_code_mean)
    status = ae_fail (err, AE_ERR_MEMORY, "cannot allocate the full-batch buffers");
  if (status == AE_OK)
    status = ae_workspace_init (&fb->ws, net, AE_FULL_BATCH_CHUNK, err);
  if (status != AE_OK)
    ae_full_batch_free (fb);
  return status;
}

void
ae_full_batch_free (ae_full_batch_t *fb)
{
  ae_workspace_free (&fb->ws);
  free (fb->code_mean);
  free (fb->d_code_mean);
  fb->code_mean = fb->d_code_mean = NULL;
}

static int
chunk_size (long n, long start)
{
  return (int) (n - start < AE_FULL_BATCH_CHUNK ? n - start : AE_FULL_BATCH_CHUNK);
}

/* The sparsity penalty reads each code unit's mean over all samples: one
   pass of the encoder to find them. */
static double
full_batch_sparsity (ae_full_batch_t *fb, const float *params, float weight)
{
  const ae_net_t *net = fb->net;
  const int n_code = ae_net_n_latent (net);
  memset (fb->code_mean, 0, (size_t) n_code * sizeof *fb->code_mean);
  for (long start = 0; start < fb->n; start += AE_FULL_BATCH_CHUNK)
    {
      int n_batch = chunk_size (fb->n, start);
      ae_net_forward (net, params, &fb->ws, fb->x + start * net->n_input, n_batch, 0,
                      net->n_encoder);
      const float *code = fb->ws.outputs[net->n_encoder - 1];
      for (int b = 0; b < n_batch; b++)
        for (int j = 0; j < n_code; j++)
          fb->code_mean[j] += code[(long) b * n_code + j];
    }
  for (int j = 0; j < n_code; j++)
    fb->code_mean[j] /= fb->n;
  return ae_sparsity_kl_of_means (fb->d_code_mean, fb->code_mean, n_code,
                                  fb->regularization.sparsity_target, weight);
}

ae_status_t
ae_full_batch_eval (ae_full_batch_t *fb, const float *params, float *grads,
                    ae_full_batch_value_t *value, ae_error_t *err)
{
  const ae_net_t *net = fb->net;
  const ae_objective_t *objective = &fb->objective;
  const ae_regularization_t *reg = &fb->regularization;
  const int last = n_loss_layers (net, objective), n_code = ae_net_n_latent (net);
  const int n_target = ae_net_n_output (net, net->n_layers);
  /* penalty weights relative to a sample's summed error, as in train_batch */
  const float unit = (float) element_weight (net, objective);
  double recon_sum = 0, penalty = 0;
  if (reg->sparsity_weight > 0)
    penalty += full_batch_sparsity (fb, params, unit * reg->sparsity_weight);
  if (grads)
    memset (grads, 0, (size_t) net->n_params * sizeof (float));
  for (long start = 0; start < fb->n; start += AE_FULL_BATCH_CHUNK)
    {
      if (ae_interrupt_requested ())
        return ae_fail (err, AE_INTERRUPTED, "the full-batch loss stopped at sample %ld of %ld",
                        start, fb->n);
      const int n_batch = chunk_size (fb->n, start);
      const float *x = fb->x + start * net->n_input;
      const float *target = fb->targets ? fb->targets + start * n_target : x;
      double recon, kl, quantization;
      forward_loss (net, params, &fb->ws, x, target, n_batch, objective, &recon, NULL, NULL,
                    grads ? fb->ws.grad_a : NULL, (double) fb->n);
      recon_sum += recon;
      const inner_terms_t terms = { .reg = reg, .unit = unit, .n_total = fb->n,
                                    .d_mean = fb->d_code_mean };
      if (grads)
        penalty += backward_with_terms (net, params, grads, &fb->ws, x, n_batch, last, &terms,
                                        objective, &kl, &quantization);
      else
        penalty += code_penalties (NULL, fb->ws.outputs[net->n_encoder - 1], n_batch, n_code,
                                   &terms);
    }
  if (reg->weight_decay > 0)
    penalty += ae_weight_decay (grads, params, net, unit * reg->weight_decay);
  value->reconstruction = recon_sum / fb->n;
  value->penalty = penalty;
  value->loss = value->reconstruction + penalty;
  if (!isfinite (value->loss) || (grads && !ae_all_finite (grads, (size_t) net->n_params)))
    return ae_fail (err, AE_ERR_NUMERIC, "the full-batch %s is NaN or Inf",
                    isfinite (value->loss) ? "gradient" : "loss");
  return AE_OK;
}
