/* What a layer is, and the table that knows every kind of layer.

   A layer is asked for with a spec (its kind and that kind's settings) and
   placed after the previous layer, whose output grid becomes its input.
   Everything the network needs to know of a kind is one entry of the kind
   table (ae_layers.c, after KANN's kad_op_list): how its output grid and
   parameter count follow from its input, the fan-in of its initialisation,
   its workspace, and its forward and backward passes side by side.

   Adding a kind: an enum value and its settings in ae_layer_spec_t (here);
   one block of functions and one table line in ae_layers.c (kernels of any
   size in a file of their own); reading its settings from a model's layer
   struct in the gateway (read_spec in mex_model.c), if it has any. The
   Octave side then needs its MATLAB-named constructor (inst/, listed in
   INDEX), its translation in __ae_compile_layers__.m and, for a layer that
   keeps its input's size and has no weights, the passive list of
   __ae_mirror_layers__.m. Geometry is never written in Octave: the gateway's
   "geometry" command answers it from this table.

   Grids are channels x rows x columns, stored per sample as [c][y][x]. */
#ifndef AE_LAYER_H
#define AE_LAYER_H

#include "ae_activation.h"
#include "ae_conv.h"
#include "ae_rng.h"
#include "ae_status.h"

typedef enum {
  AE_LAYER_DENSE, AE_LAYER_ACTIVATION, AE_LAYER_GAUSSIAN, AE_LAYER_CONV,
  AE_LAYER_CONV_TRANSPOSED, AE_LAYER_MAX_POOL, AE_LAYER_AVG_POOL, AE_LAYER_UPSAMPLE,
  AE_LAYER_RESHAPE, AE_LAYER_BATCH_NORM, AE_LAYER_DROPOUT, AE_LAYER_CONDITION,
  AE_LAYER_N_KINDS
} ae_layer_kind_t;

typedef struct { int c, h, w; } ae_grid_t;

/* The window of a convolution, transposed convolution or pooling layer.
   With `same`, the padding is TensorFlow's and MATLAB's (the output is the
   input divided by the stride, rounded up, or multiplied by it for a
   transposed convolution) and pad_* and output_padding_* are ignored. */
typedef struct {
  int n_filters;               /* output channels (ignored by pooling) */
  int k_h, k_w, stride;
  int same;
  int pad_top, pad_bottom, pad_left, pad_right;
  int output_padding_h, output_padding_w;   /* transposed convolutions only */
} ae_conv_spec_t;

/* A layer as asked for: its kind and the settings that kind reads. */
typedef struct {
  ae_layer_kind_t kind;
  int width;                   /* dense: output values; condition: the values of a
                                  sample's condition (a one-hot label's classes) */
  ae_activation_t activation;  /* activation */
  float slope;                 /* activation: leaky relu's negative slope */
  ae_conv_spec_t window;       /* convolutions and pooling */
  int factor;                  /* upsample */
  ae_grid_t grid;              /* reshape: the grid the values are seen as */
  float epsilon;               /* batch normalization: added to the variance */
  float mean_decay, variance_decay;   /* its running statistics' (MATLAB's names;
                                         PyTorch's momentum sets both) */
  float probability;           /* dropout: of setting a value to zero while training */
} ae_layer_spec_t;

/* A placed layer: its spec and what the kind table inferred from its input.
   Besides its parameters (trained) a layer may have buffers (statistics it
   keeps, such as batch normalization's running mean and variance), which
   follow all the network's parameters in the same array. */
typedef struct {
  ae_layer_spec_t spec;
  ae_grid_t in, out;
  int n_in, n_out;             /* values per sample */
  ae_conv_shape_t conv;        /* convolutions and pooling: the resolved geometry */
  long param_offset;           /* the weights, then the bias: dense weight [n_in][n_out];
                                  convolution weight [conv.out_c][conv.in_c][k_h][k_w] */
  long n_weights, n_bias;
  long buffer_offset, n_buffer;   /* from the array's start, past the parameters */
} ae_layer_t;

/* What a pass of one layer reads and writes besides its input and output. */
typedef struct {
  const float *weight, *bias;  /* the layer's parameters (NULL without) */
  float *d_weight, *d_bias;    /* their gradients, added to (backward only) */
  const float *buffer;         /* the layer's buffers (NULL without) */
  float *eps;                  /* the Gaussian layer's noise [n_batch][width] */
  float *col;                  /* scratch of the size the kind's `scratch` asked for */
  int n_threads;               /* the threads that scratch was sized for */
  void *state;                 /* what the kind's state_new made, or NULL */
  int training;                /* a training pass (batch statistics) or inference */
  ae_rng_t *rng;               /* the training passes' random draws (dropout) */
  const float *condition;      /* condition layers: the batch's condition values
                                  [n_batch][width], or NULL (read as zeros) */
} ae_layer_ctx_t;

typedef struct {
  const char *name;
  /* From layer->spec and layer->in, sets layer->out, n_weights, n_bias,
     n_buffer (and conv); AE_ERR_ARGUMENT, naming the sizes, for an
     impossible geometry. */
  ae_status_t (*infer) (ae_layer_t *layer, ae_error_t *err);
  /* The initial parameters and buffers (PyTorch's defaults); NULL for kinds
     without either. */
  void (*init) (const ae_layer_t *layer, float *weight, float *bias, float *buffer,
                ae_rng_t *rng);
  /* Floats of ctx->col a pass of max_batch samples on n_threads needs; NULL
     for none. */
  long (*scratch) (const ae_layer_t *layer, int max_batch, int n_threads);
  /* Per-workspace state of the layer for passes of up to max_batch samples
     (*state stays NULL when it needs none). */
  ae_status_t (*state_new) (const ae_layer_t *layer, int max_batch, void **state,
                            ae_error_t *err);
  void (*state_free) (void *state);
  /* out [n_batch][n_out] from in [n_batch][n_in]. */
  void (*forward) (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *out,
                   const float *in, int n_batch);
  /* d_in [n_batch][n_in] = dL/din (overwritten; NULL when not wanted, which
     only kinds with parameters are given) from d_out and the forward pass's
     in and out; parameter gradients are added to ctx->d_weight and d_bias. */
  void (*backward) (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *d_in,
                    const float *d_out, const float *in, const float *out, int n_batch);
  /* After a training step: the buffers from the last training forward pass
     of n_batch samples (kept in ctx->state); NULL for kinds without buffers. */
  void (*update) (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *buffer,
                  int n_batch);
} ae_layer_ops_t;

/* The kind table's entry for kind (which must be below AE_LAYER_N_KINDS). */
const ae_layer_ops_t *ae_layer_ops (ae_layer_kind_t kind);

/* The kind whose table entry is called name (a model's layer type: "dense",
   "conv", ...; activations go by their own names, see ae_activation_parse).
   Returns 0, or -1 for an unknown name. */
int ae_layer_kind_parse (const char *name, ae_layer_kind_t *kind);

/* Places a layer of spec on an input grid: *layer gets its output grid and
   parameter counts, or AE_ERR_ARGUMENT names why it cannot be. */
ae_status_t ae_layer_place (ae_layer_t *layer, const ae_layer_spec_t *spec, ae_grid_t in,
                            ae_error_t *err);

#endif
