/* A network is a sequence of layers over one flat parameter buffer.
   Layers [0, n_encoder) map an input to its code; the rest decode it.
   A variational network's encoder ends with the Gaussian layer.
   Every layer's output is a grid of channels x rows x columns stored per
   sample as [c][y][x]; a dense layer's is n_out x 1 x 1, and a dense layer
   reads any grid as one flat vector (the flatten between the parts). What
   each kind of layer does is the kind table's (ae_layer.h); the network
   places layers, owns their buffers and runs the passes in order. */
#ifndef AE_NET_H
#define AE_NET_H

#include "ae_layer.h"
#include "ae_rng.h"
#include "ae_status.h"

#define AE_MAX_LAYERS 64

typedef struct {
  int n_input;
  ae_grid_t input;
  int n_layers;
  int n_encoder;
  long n_params;      /* trained parameters, the start of the parameter array */
  long n_buffers;     /* layers' buffers, the rest of it (see ae_layer_t) */
  int n_condition;    /* values of a sample's condition, which every condition layer
                         appends (a conditional VAE's classes); 0 without */
  ae_layer_t layers[AE_MAX_LAYERS];
} ae_net_t;

/* Building: begin, add layers in order (each reads the previous one's output
   grid), mark where the encoder ends. An input grid with its sequence flag
   set makes a network over sequences: each sample is a run of steps of that
   grid (sequenceInputLayer). ae_net_add returns AE_ERR_ARGUMENT,
   naming the layer and the sizes, for an impossible geometry or too many
   layers. A network has at most one Gaussian layer or one vector
   quantization layer (a VQ-VAE's), not both. */
void ae_net_begin (ae_net_t *net, int n_input);   /* an input of n_input x 1 x 1 */
void ae_net_begin_grid (ae_net_t *net, ae_grid_t input);
ae_status_t ae_net_add (ae_net_t *net, const ae_layer_spec_t *spec, ae_error_t *err);
void ae_net_end_encoder (ae_net_t *net);

int ae_net_n_output (const ae_net_t *net, int last);   /* output width of layers [.., last) */
ae_grid_t ae_net_grid (const ae_net_t *net, int after);  /* their grid (after 0: the input's) */
long ae_net_n_values (const ae_net_t *net);            /* n_params + n_buffers: the array */
int ae_net_is_variational (const ae_net_t *net);
int ae_net_is_sequence (const ae_net_t *net);          /* its input has time steps */
int ae_net_has_steps (const ae_net_t *net);            /* its input or a layer's output has */
/* The least common multiple of the step_multiple of layers [first, last)
   (1 when none has one): the lengths of the sequences through them must be
   its multiples (a hierarchical LSTM's whole bars). */
int ae_net_step_multiple (const ae_net_t *net, int first, int last);
int ae_net_gaussian_layer (const ae_net_t *net);       /* its index, or -1 */
int ae_net_quantizer_layer (const ae_net_t *net);      /* the vector quantization's, or -1 */
int ae_net_n_latent (const ae_net_t *net);             /* width of the code */

/* Each kind's initial parameters and buffers (ae_layer_ops_t.init, PyTorch's
   defaults) in params [ae_net_n_values]. */
void ae_net_init_params (const ae_net_t *net, float *params, ae_rng_t *rng);

/* Buffers for a forward and backward pass of up to max_batch samples (of up
   to max_steps steps each, in a network over sequences).

   Sequences: a batch of n_batch samples has n_steps steps each, sample-major
   ([n][T][frame]), padded at the end past each sample's length. The caller
   sets n_steps (at most max_steps; max_steps after init) and lengths
   (NULL: every sample has n_steps) before a pass. The padding never reaches
   a result: after each layer's forward the network zeroes the padded frames
   of its output, and before its backward those of its output's gradient,
   so only a kind that counts frames needs the lengths. */
typedef struct {
  int max_batch;
  int max_steps, n_steps;
  const int *lengths;
  int n_threads;                  /* ae_num_threads () when it was made: the
                                     convolutions' scratch is sized for them */
  float *outputs[AE_MAX_LAYERS];  /* outputs[i]: layer i's output [max_batch][n_out] */
  float *eps;                     /* Gaussian layer noise [max_batch][n_latent] */
  float *grad_a, *grad_b;         /* ping-pong gradients [max_batch][widest layer] */
  float *col;                     /* the largest scratch a layer asked for */
  void *state[AE_MAX_LAYERS];     /* layer i's own state (the FFT path of a convolution) */
  void (*state_free[AE_MAX_LAYERS]) (void *state);
  int training;                   /* passes with batch statistics (0 after init: inference) */
  int input_gradient;             /* backward passes compute the gradient with respect to
                                     the network's input (a GAN's discriminator) */
  ae_rng_t *rng;                  /* training passes' random draws (dropout); not owned */
  const float *condition;         /* the batch's conditions [n_batch][net->n_condition]
                                     that condition layers read; not owned, set by
                                     the caller before a pass (NULL: zeros) */
  float *block;                   /* the one allocation the views point into */
} ae_workspace_t;

ae_status_t ae_workspace_init (ae_workspace_t *ws, const ae_net_t *net, int max_batch,
                               ae_error_t *err);
ae_status_t ae_workspace_init_steps (ae_workspace_t *ws, const ae_net_t *net, int max_batch,
                                     int max_steps, ae_error_t *err);

/* Values per sample of a layer's grid g in the batch at hand: a frame, or a
   frame a step of a sequence. */
long ae_workspace_sample_size (const ae_workspace_t *ws, ae_grid_t g);
void ae_workspace_free (ae_workspace_t *ws);

/* Runs layers [first, last) on in [n_batch][width of layer first's input]
   (params: the whole array, parameters then buffers), in training or
   inference as ws->training says; the result is ws->outputs[last - 1]. The
   Gaussian layer reads ws->eps: draw it with ae_rng_normal, zero it for the
   mean code, or set it directly. */
void ae_net_forward (const ae_net_t *net, const float *params, ae_workspace_t *ws,
                     const float *in, int n_batch, int first, int last);

/* Back-propagates d_out [n_batch][output width of layer last-1] through layers
   [first, last) of the last forward pass (which ran on in), adding parameter
   gradients into grads. Loss terms on inner layers (the VAE's KL term, code
   penalties) are added by the caller between two such calls.
   d_out may be ws->grad_a or ws->grad_b. Returns the gradient with respect to
   layer first's input (one of ws's gradient buffers), or NULL when that is the
   network's input taken by a layer with parameters and ws->input_gradient is
   not set: nothing needs it then. */
float *ae_net_backward (const ae_net_t *net, const float *params, float *grads,
                        ae_workspace_t *ws, const float *in, const float *d_out,
                        int n_batch, int first, int last);

/* Whether grads may be NULL in ae_net_backward over layers [first, last):
   every layer with parameters there (dense, batch normalization, vector
   quantization, and the convolutions that take the im2col path) then skips
   its parameter gradients and computes the input's alone. Other kinds need a buffer to write them. */
int ae_net_skips_parameter_gradients (const ae_net_t *net, const ae_workspace_t *ws,
                                      int first, int last);

/* After a training step: each layer's buffers (the running statistics of
   batch normalization, a codebook's counts and averages) from the last
   training forward pass of n_batch. */
void ae_net_update_buffers (const ae_net_t *net, float *params, ae_workspace_t *ws,
                            int n_batch);

/* As ae_net_backward over [0, last), one layer at a time, adding inject[i]
   (when inject and inject[i] are not NULL; [n_batch][layer i's input width])
   to the gradient with respect to layer i's input on the way: for penalties
   that reach inside the network, such as the contractive one. */
void ae_net_backward_injected (const ae_net_t *net, const float *params, float *grads,
                               ae_workspace_t *ws, const float *in, const float *d_out,
                               int n_batch, int last, float *const *inject);

/* out [n][width after layer last-1] = layers [first, last) applied to in [n][..],
   in batches, with the conditions [n][net->n_condition] (NULL for a network
   without condition layers). Gaussian layers use their mean unless noise is
   given. Returns AE_INTERRUPTED, with out filled up to the stop, when
   ae_interrupt_requested; AE_ERR_ARGUMENT when conditions are missing. */
ae_status_t ae_net_apply (const ae_net_t *net, const float *params, const float *in,
                          const float *conditions, long n, int first, int last, float *out,
                          ae_rng_t *noise, ae_error_t *err);

/* Sequences as a data set keeps them: every sample's steps back to back,
   frames [total steps][frame], sample k's from step offsets[k] on, lengths[k]
   (>= 1) of them. A numeric C-by-N-by-T array is the same with equal
   lengths. */
typedef struct {
  const float *frames;
  const long *offsets;
  const int *lengths;
  long n;
  int frame;         /* values per step */
  int max_length;    /* the longest sample's steps */
} ae_sequences_t;

/* The samples order[first .. first + n_batch) of seq (order NULL: first ..
   in turn) padded with zeros into batch [n_batch][T][frame], T the longest
   of them, each one's length in lengths [n_batch]; returns T. */
int ae_sequences_gather (const ae_sequences_t *seq, const size_t *order, long first,
                         int n_batch, float *batch, int *lengths);

/* AE_ERR_ARGUMENT, naming `what`, unless seq's steps have the features
   layer `first`'s input has a step, that input is a sequence, and each
   sequence's length is a multiple of ae_net_step_multiple (first on). */
ae_status_t ae_sequences_check (const ae_net_t *net, int first, const ae_sequences_t *seq,
                                const char *what, ae_error_t *err);

/* A padded mini-batch of up to max_batch sequences of seq and its lengths,
   for passes through a workspace. */
typedef struct {
  float *values;     /* [max_batch][seq's max_length][frame] */
  int *lengths;      /* [max_batch] */
} ae_sequence_batch_t;

ae_status_t ae_sequence_batch_init (ae_sequence_batch_t *batch, const ae_sequences_t *seq,
                                    int max_batch, ae_error_t *err);
void ae_sequence_batch_free (ae_sequence_batch_t *batch);

/* Gathers samples [first, first + n_batch) of seq into batch (as
   ae_sequences_gather does) and sets ws's steps and lengths for them;
   returns the batch's values. */
const float *ae_sequence_batch_load (ae_sequence_batch_t *batch, const ae_sequences_t *seq,
                                     long first, int n_batch, ae_workspace_t *ws);

/* As ae_net_apply over sequences, from a layer whose input is a sequence:
   out gets the output of layer last-1 for every sample, frames back to back
   at the input's offsets ([total steps][width]) when that output is a
   sequence, otherwise [n][width]. */
ae_status_t ae_net_apply_sequences (const ae_net_t *net, const float *params,
                                    const ae_sequences_t *in, const float *conditions,
                                    int first, int last, float *out, ae_rng_t *noise,
                                    ae_error_t *err);

/* As ae_net_apply from a layer whose input is not a sequence (a code) when
   the layers after it make one (a repeat layer): every sample gets n_steps
   steps, out [n][n_steps][width]. */
ae_status_t ae_net_apply_steps (const ae_net_t *net, const float *params, const float *in,
                                const float *conditions, long n, int first, int last,
                                int n_steps, float *out, ae_rng_t *noise, ae_error_t *err);

/* AE_ERR_ARGUMENT unless conditions are given exactly when the network has
   condition layers. */
ae_status_t ae_net_check_conditions (const ae_net_t *net, const float *conditions,
                                     ae_error_t *err);

#endif
