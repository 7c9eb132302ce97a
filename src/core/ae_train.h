/* The training loop: shuffled mini-batches, a reconstruction loss, the KL term
   of a variational network (weight beta, optional linear warm-up) or the
   quantization term of a VQ-VAE (ae_vq.h: its weights relative to the
   reconstruction error summed over a sample's values, as the penalties'), one
   optimizer step per batch, per-epoch statistics. A trainer runs one epoch per
   call and its whole state (optimizer moments, generator counters, epoch) can
   be read and restored, so a caller may print, plot or checkpoint in between. */
#ifndef AE_TRAIN_H
#define AE_TRAIN_H

#include <stdint.h>

#include "ae_contractive.h"
#include "ae_loss.h"
#include "ae_net.h"
#include "ae_optim.h"
#include "ae_penalty.h"
#include "ae_status.h"

/* How a sample's reconstruction loss combines its D elements. */
typedef enum {
  AE_REDUCE_SUM,    /* sum over elements: the ELBO's log-likelihood term */
  AE_REDUCE_MEAN    /* mean over elements: "mean squared error" */
} ae_reduction_t;

/* With AE_LOSS_BCE_LOGITS the network must end in a sigmoid layer: the loss
   reads that layer's input (the logits), which keeps it finite. */
typedef struct {
  ae_loss_t loss;
  ae_reduction_t reduction;
  float beta;                /* KL weight */
} ae_objective_t;

/* The classic autoencoders' regularizers, all off when zero. The code
   penalties act on the encoder's output (layer n_encoder - 1). Their weights
   are relative to the reconstruction error summed over a sample's values (as
   MATLAB's trainAutoencoder weighs them): with AE_REDUCE_MEAN they are
   divided by the sample's width along with the error. */
typedef struct {
  float sparsity_target;     /* rho of the KL sparsity penalty */
  float sparsity_weight;     /* its weight beta */
  float l1_weight;           /* alpha of the L1 activity penalty */
  float weight_decay;        /* lambda of the L2 penalty on the layers' weights (not biases;
                                batch normalization's scale is its weight) */
  float contractive_weight;  /* lambda of the contractive penalty (ae_contractive.h) */
  ae_noise_t noise;          /* input corruption while training (denoising) */
  float noise_level;
} ae_regularization_t;

typedef struct {
  int epoch;                 /* 1-based */
  float beta;                /* KL weight in force this epoch (its mean over the batches) */
  double loss, reconstruction, kl;   /* training means per sample */
  double penalty;            /* mean per batch of the regularizers' terms */
  double quantization;       /* a vector quantization layer's term (ae_vq.h), mean per
                                sample: its codebook loss and commitment, weighted */
  double perplexity;         /* the codes the epoch's vectors were given: their
                                perplexity, how many of the n_codes were used */
  int codes_used, n_codes;   /* (n_codes 0 without a quantization layer) */
  int has_validation;
  double val_loss, val_reconstruction, val_kl, val_quantization;
  double seconds;
  const double *kl_per_unit; /* [n_latent] the training KL of each latent unit per sample
                                (the trainer's, valid until its next epoch), or NULL */
  int n_latent;
} ae_epoch_stats_t;

/* How the KL weight beta changes over a run. */
typedef enum {
  AE_KL_LINEAR,              /* constant, after kl_warmup_epochs of linear warm-up */
  AE_KL_CYCLICAL             /* Fu et al. 2019: kl_cycles ramps over the run */
} ae_kl_schedule_t;

typedef struct {
  ae_objective_t objective;
  ae_optimizer_config_t optimizer;
  ae_regularization_t regularization;
  int batch_size;
  int kl_warmup_epochs;      /* beta ramps linearly over these epochs; 0 for none */
  ae_kl_schedule_t kl_schedule;
  int kl_cycles;             /* cyclical: cycles over the run (Fu et al.: 4) */
  float kl_ramp_ratio;       /* cyclical: the fraction of a cycle beta rises over (0.5) */
  int kl_schedule_epochs;    /* cyclical: the run's epochs, over which the cycles spread */
  float free_bits;           /* KL floor per latent unit in nats (Kingma et al. 2016), 0 for none */
  uint64_t seed;
  ae_after_batch_t after_batch;   /* may be NULL */
  void *context;
} ae_train_config_t;

/* Samples that are not in memory (files read a batch at a time: the image
   files of ae_image_source.h): the trainer says each epoch's order before
   its first batch, so that the source may read ahead, then asks for the
   batches in turn. */
typedef struct ae_sample_source ae_sample_source_t;
struct ae_sample_source {
  ae_status_t (*start_epoch) (ae_sample_source_t *source, const size_t *order, long n,
                              int batch_size, ae_error_t *err);
  /* Samples order[first .. first + n) into batch [n][n_input], those that
     cannot be read left out (the others moved up): the count put in, or a
     status < 0 (AE_INTERRUPTED as -AE_INTERRUPTED) with err filled. */
  int (*fill) (ae_sample_source_t *source, long first, int n, float *batch, ae_error_t *err);
};

typedef struct {
  const ae_net_t *net;
  ae_train_config_t config;
  int epoch;                 /* epochs finished */
  ae_sample_source_t *source;   /* the training samples when x is not given, or NULL */
  ae_optimizer_t opt;
  ae_rng_t shuffle_rng, noise_rng;
  ae_workspace_t ws;
  float *grads;              /* [n_params] */
  float *batch;              /* [batch_size][n_input] */
  float *target_batch;       /* [batch_size][output width]: targets, or the clean batch */
  size_t *order;             /* [n] this epoch's permutation */
  const float *conditions;   /* [n][net->n_condition] of a conditional network, or NULL */
  const float *val_conditions;    /* the validation data's, or NULL */
  float *condition_batch;    /* [batch_size][net->n_condition] */
  ae_contractive_ws_t contractive;        /* when the contractive penalty is on */
  float *inject[AE_MAX_LAYERS];           /* its gradients inside the encoder */
  float *inject_block;
  long n_inject;
  const ae_sequences_t *sequences;       /* a network over sequences: its training */
  const ae_sequences_t *val_sequences;   /* and validation samples (NULL: none) */
  int *batch_lengths;        /* [batch_size] the batch's sequences' steps */
  double *unit_kl;           /* [n_latent] a batch's KL per unit (VAEs) */
  double *kl_per_unit;       /* [n_latent] the epoch's, per sample */
  double *code_counts;       /* [n_codes] the epoch's vectors per code (a quantization layer) */
  long n;
} ae_trainer_t;

/* Where a training run stands, besides the model and the optimizer's
   moments: what resuming needs to go on exactly as one run would have. */
typedef struct {
  int epoch;                 /* epochs finished */
  long n_steps;              /* optimizer steps taken (Adam's bias correction) */
  uint64_t shuffle_counter;  /* positions of the shuffle and noise streams */
  uint64_t noise_counter;
} ae_trainer_progress_t;

/* A conditional network's (net->n_condition > 0) conditions of the
   training samples [n][n_condition] and of the validation samples (NULL
   without validation data), which ae_trainer_epoch needs; not copied. */
void ae_trainer_set_conditions (ae_trainer_t *trainer, const float *conditions,
                                const float *val_conditions);

/* Training samples from source instead of an array (ae_trainer_epoch then
   gets no x): an autoencoder's or a VAE's own inputs, without targets or
   conditions. A sample the source cannot read is left out of its batch
   (a batch of none is skipped); the epoch's means are over the samples
   trained on. */
void ae_trainer_set_source (ae_trainer_t *trainer, ae_sample_source_t *source);

ae_trainer_progress_t ae_trainer_progress (const ae_trainer_t *trainer);
void ae_trainer_resume (ae_trainer_t *trainer, const ae_trainer_progress_t *progress);

/* Checks the network against the objective and allocates for n samples.
   Returns AE_ERR_ARGUMENT or AE_ERR_MEMORY on failure, with nothing to free. */
ae_status_t ae_trainer_init (ae_trainer_t *trainer, const ae_net_t *net,
                             const ae_train_config_t *config, long n, ae_error_t *err);
/* The same for a network over sequences (ae_net_is_sequence), which trains
   on sequences and validates on val_sequences (NULL: none), both kept, not
   copied: ae_trainer_epoch is then given no x and no x_val. Each mini-batch
   is padded to its longest sequence; the padding never enters a loss or a
   gradient. The reconstruction target is the input sequence itself (with
   input noise, the clean one); targets, when given, are per sample
   [n][output width] for a network whose output is not a sequence. With the
   mean reduction a sample's loss is the mean over its own steps' values, and
   the penalties' weights are relative to the error summed over one step's
   values. */
ae_status_t ae_trainer_init_sequences (ae_trainer_t *trainer, const ae_net_t *net,
                                       const ae_train_config_t *config,
                                       const ae_sequences_t *sequences,
                                       const ae_sequences_t *val_sequences,
                                       ae_error_t *err);
void ae_trainer_free (ae_trainer_t *trainer);

/* One epoch over x [n][n_input], updating params [n_params] in place. The
   target is x itself unless targets [n][output width] are given: class
   distributions for the cross-entropy loss (which needs them), or any other
   outputs to reconstruct (high-resolution images of low-resolution inputs,
   say; a network whose output is not its input's size needs them). With
   input noise the inputs are corrupted either way. Validation data x_val
   [n_val][..] (may be NULL) need val_targets when x has targets. Returns
   AE_OK with *stats filled; AE_INTERRUPTED when after_batch asked (params
   keep every step taken); AE_ERR_NUMERIC when a batch's loss or gradient is
   not finite (params are those before it). */
ae_status_t ae_trainer_epoch (ae_trainer_t *trainer, float *params, const float *x,
                              const float *targets, const float *x_val,
                              const float *val_targets, long n_val,
                              ae_epoch_stats_t *stats, ae_error_t *err);

/* n_epochs epochs of an autoencoder (no targets) in one call; history
   [n_epochs] gets each finished one (without the KL per unit) and *n_done
   their count. Statuses as
   ae_trainer_epoch. */
ae_status_t ae_train (const ae_net_t *net, float *params, const float *x, long n,
                      const float *x_val, long n_val, const ae_train_config_t *config,
                      int n_epochs, ae_epoch_stats_t *history, int *n_done,
                      ae_error_t *err);

/* Mean per-sample loss (reconstruction, or cross-entropy, against targets
   [n][output width], or against x itself when targets is NULL) and KL of x [n][..]
   with the conditions [n][net->n_condition] (NULL without condition layers); the
   Gaussian layer samples from noise, or uses its mean when noise is NULL.
   AE_INTERRUPTED when ae_interrupt_requested. */
ae_status_t ae_evaluate (const ae_net_t *net, const float *params, const float *x,
                         const float *conditions, const float *targets, long n,
                         const ae_objective_t *objective, ae_rng_t *noise,
                         double *reconstruction, double *kl, ae_error_t *err);

/* As ae_evaluate over sequences, for a network over sequences (the target
   is x itself unless targets [n][output width] are given). */
ae_status_t ae_evaluate_sequences (const ae_net_t *net, const float *params,
                                   const ae_sequences_t *x, const float *conditions,
                                   const float *targets, const ae_objective_t *objective,
                                   ae_rng_t *noise, double *reconstruction, double *kl,
                                   ae_error_t *err);

/* The loss of a deterministic network over a whole data set and its
   gradient: what full-batch optimizers (ae_scg.h) minimize. The sparsity
   penalty reads each code unit's mean over all n samples, as MATLAB's
   msesparse does; the contractive penalty and input noise are refused. */
enum { AE_FULL_BATCH_CHUNK = 256 };   /* samples per pass through the workspace */

typedef struct {
  const ae_net_t *net;
  ae_objective_t objective;
  ae_regularization_t regularization;
  const float *x, *targets;   /* [n][n_input]; [n][output width] or NULL (x is the target) */
  long n;
  ae_workspace_t ws;
  double *code_mean, *d_code_mean;   /* [code width] */
} ae_full_batch_t;

typedef struct {
  double loss;               /* reconstruction + penalty */
  double reconstruction;     /* mean per sample */
  double penalty;
} ae_full_batch_value_t;

/* Keeps x and targets (not copied). Returns AE_ERR_ARGUMENT or AE_ERR_MEMORY
   on failure, with nothing to free. */
ae_status_t ae_full_batch_init (ae_full_batch_t *fb, const ae_net_t *net,
                                const ae_objective_t *objective,
                                const ae_regularization_t *regularization, const float *x,
                                const float *targets, long n, ae_error_t *err);
void ae_full_batch_free (ae_full_batch_t *fb);

/* The loss at params and, when grads [n_params] is not NULL, its gradient
   (overwriting grads). AE_ERR_NUMERIC when either is not finite,
   AE_INTERRUPTED when ae_interrupt_requested between chunks. */
ae_status_t ae_full_batch_eval (ae_full_batch_t *fb, const float *params, float *grads,
                                ae_full_batch_value_t *value, ae_error_t *err);

/* Seconds on the monotonic clock, for the epochs' timings. */
double ae_seconds_now (void);

#endif
