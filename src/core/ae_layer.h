/* What a layer is, and the table that knows every kind of layer.

   A layer is asked for with a spec (its kind and that kind's settings) and
   placed after the previous layer, whose output grid becomes its input.
   Everything the network needs to know of a kind is one entry of the kind
   table (ae_layers.c, after KANN's kad_op_list): how its output grid and
   parameter count follow from its input, the fan-in of its initialisation,
   its workspace, and its forward and backward passes side by side.

   A kind is offered to Octave as one or more layer types (the activation
   kind as relu, sigmoid, ...): each type declares once, in ae_layers.c, its
   model name, the Type of its MATLAB layer, and its settings (where each is
   kept, which MATLAB property sets it, its range and MATLAB's default).
   Everything else reads that declaration: the gateway reads and writes a
   layer struct's fields through it, the Octave constructors validate their
   options against it, __ae_compile_layers__ translates a MATLAB layer with
   it, the mirrored decoder knows from it which types it passes by, and
   ae_summary prints the type's description. Geometry is never written in
   Octave: the gateway's "geometry" and "layer" commands answer it.

   Adding a kind (src/core/LAYERS.md walks through one): its block of
   functions, its table line and its type line in ae_layers.c (kernels of any
   size in a file of their own; a kind no other file names takes its number
   from ae_layers.c's own enum, and keeps its settings in the spec's
   `integers` and `reals`); its MATLAB-named constructor in inst/ with its
   BISTs; its finite-difference test in tests/check/test_layers.c; and one
   line in each of the two lists of layers (INDEX and ae_layers.m).

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
  AE_LAYER_VECTOR_QUANTIZE,
  AE_LAYER_N_NAMED_KINDS   /* kinds past these are known by the table alone */
} ae_layer_kind_t;

/* What a layer reads or gives per sample: c x h x w values, once, or once
   per step of a sequence (sequence = 1): then a sample is its steps' frames
   of c x h x w values one after the other, [t][c][y][x], as many steps as
   the network's input has in the batch at hand (src/core/LAYERS.md). */
typedef struct { int c, h, w, sequence; } ae_grid_t;

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
  int integers[4];             /* the settings of kinds that no other file names, */
  float reals[4];              /* in the order of the kind's own enum (ae_layers.c) */
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
  int weight_shape[4];         /* the weight's dimensions as stored, row-major ([n_in][n_out],
                                  [out_c][in_c][k_h][k_w]); 0 past the last, all 0 without */
  long buffer_offset, n_buffer;   /* from the array's start, past the parameters */
  int step_multiple;           /* sequences through it have lengths that are multiples
                                  of this (0: any length) */
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
  int n_steps;                 /* temporal kinds: the steps of the batch's sequences */
  const int *lengths;          /* and each sample's (1 to n_steps), or NULL: all n_steps */
} ae_layer_ctx_t;

typedef struct {
  const char *name;
  /* Temporal kinds see the time axis: their passes get n_batch samples of
     ctx->n_steps steps (sample-major, [n][T][frame]) and set out's sequence
     flag themselves. Every other kind runs on each step of a sequence as if
     it were a sample (the network gives it n_batch x steps frames), unless it
     needs whole samples (whole_samples: the Gaussian layer, batch
     normalization, a condition), which refuses a sequence. */
  int temporal, whole_samples;
  /* From layer->spec and layer->in, sets layer->out, n_weights, n_bias,
     n_buffer (and conv); AE_ERR_ARGUMENT, naming the sizes, for an
     impossible geometry. */
  ae_status_t (*infer) (ae_layer_t *layer, ae_error_t *err);
  /* The initial parameters and buffers (PyTorch's defaults); NULL for kinds
     without either. */
  void (*init) (const ae_layer_t *layer, float *weight, float *bias, float *buffer,
                ae_rng_t *rng);
  /* Floats of ctx->col a pass of max_batch samples on n_threads needs; NULL
     for none. On a sequence, max_batch counts frames (samples x steps). */
  long (*scratch) (const ae_layer_t *layer, int max_batch, int n_threads);
  /* Per-workspace state of the layer for passes of up to max_batch samples
     (frames, on a sequence; *state stays NULL when it needs none). */
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
     of n_batch samples (kept in ctx->state), and the weights of a kind that
     moves them itself (vector quantization's codebook by moving averages);
     NULL for kinds without buffers. */
  void (*update) (const ae_layer_t *layer, const ae_layer_ctx_t *ctx, float *weight,
                  float *buffer, int n_batch);
  /* The values of the layer's buffer k when its buffers differ in size;
     NULL: the type's buffers share n_buffer equally. */
  long (*buffer_size) (const ae_layer_t *layer, int k);
  /* The spec a model keeps of the placed layer: settings that were worked out
     (a "same" padding) written out; NULL when the spec is kept as given. */
  void (*resolve) (const ae_layer_t *layer, ae_layer_spec_t *spec);
  /* A line describing the layer in text of size n; NULL: the kind's name. */
  void (*describe) (const ae_layer_t *layer, char *text, long n);
} ae_layer_ops_t;

/* The kind table's entry for kind (which must be one of ae_layer_n_kinds ()). */
const ae_layer_ops_t *ae_layer_ops (ae_layer_kind_t kind);
int ae_layer_n_kinds (void);

/* The kind whose table entry is called name ("dense", "conv", ...; not the
   activation kind, whose types go by their activations' names). Returns 0,
   or -1 for an unknown name. */
int ae_layer_kind_parse (const char *name, ae_layer_kind_t *kind);

/* ---- layer types: a kind as Octave names it, and its settings ---- */

/* How a setting is written in Octave, and where the spec keeps it. */
typedef enum {
  AE_SETTING_COUNT,     /* an integer in [lo, hi]: an int */
  AE_SETTING_REAL,      /* a real in [lo, hi] (hi excluded when hi_open): a float */
  AE_SETTING_STEP,      /* a stride or scale: a ([a a] in MATLAB's layers): an int */
  AE_SETTING_PAIR,      /* [rows columns], a scalar for both: two ints, the core's (h, w) */
  AE_SETTING_PADDING,   /* "same" or [top bottom left right]: an int `same`, then the
                           four pads as the core's top, bottom, left, right */
  AE_SETTING_GRID,      /* [height width channels]: an ae_grid_t */
  AE_SETTING_CHOICE     /* one of the setting's choices, a string: its index, an int */
} ae_setting_type_t;

typedef struct {
  const char *field;      /* the model's layer struct field; NULL when read from W's size */
  const char *option;     /* the MATLAB layer's property that sets it; NULL for none */
  const char *what;       /* what it is, for messages and the catalogue */
  ae_setting_type_t type;
  long offset;            /* where the spec keeps it (offsetof (ae_layer_spec_t, ...)) */
  double lo, hi;          /* the range of each value */
  int hi_open;
  double fallback;        /* MATLAB's default; NAN when it must be given */
  int positional;         /* the constructor takes it as an argument, not by name */
  int weight_dim;         /* in a model, the size of this dimension of W (from 1; a pair
                             reads two), not a field: 0 for a field */
  const char *const *choices;   /* a choice's strings, n_choices of them; the fallback is
                                   the index of MATLAB's default */
  int n_choices;
} ae_setting_t;

typedef struct {
  const char *name;             /* the model's layer type ("conv", "relu") */
  const char *matlab;           /* the Type of its MATLAB layer; NULL for none */
  ae_layer_kind_t kind;
  ae_activation_t activation;   /* the activation kind's types */
  const ae_setting_t *settings; /* n_settings of them */
  int n_settings;
  int mirror_passes;            /* the mirrored decoder passes it by (it keeps the grid) */
  const char *const *buffers;   /* the model's fields of its buffers, n_buffer / (their
                                   count) values each; NULL without */
  int n_buffers;
} ae_layer_type_t;

int ae_layer_n_types (void);
const ae_layer_type_t *ae_layer_type (int index);
/* The type whose model name (matlab = 0) or MATLAB Type (matlab = 1) is name;
   NULL for none. */
const ae_layer_type_t *ae_layer_type_find (const char *name, int matlab);

/* Sets spec's kind (and activation) to those of type. */
void ae_layer_type_apply (const ae_layer_type_t *type, ae_layer_spec_t *spec);

/* A placed layer's spec with its geometry resolved ("same" worked out into
   the paddings it gave, a transposed convolution's output padding into the
   rows no input reaches): what a model keeps. */
ae_layer_spec_t ae_layer_resolved (const ae_layer_t *layer);

/* A line describing a placed layer ("convolution 3x3, stride 2, padding
   0/1/0/1"), in text of size n. */
void ae_layer_describe (const ae_layer_t *layer, char *text, long n);

/* Buffer k of a placed layer whose type has n_buffers: its values, and in
   *start where they begin from the layer's buffer_offset. */
long ae_layer_buffer_size (const ae_layer_t *layer, int n_buffers, int k, long *start);

/* The settings of a vector quantization layer (ae_vq.h), which the trainer
   reads for its loss terms. */
typedef struct {
  int n_codes;                 /* K */
  int moving_averages;         /* the codebook moves by averages, not by its loss */
  float commitment;            /* beta */
  float decay;                 /* the moving averages' and counts' */
  float restart_threshold;     /* dead codes restart below this count (0: never) */
  float epsilon;               /* the averages' Laplace smoothing */
} ae_vq_settings_t;

ae_vq_settings_t ae_layer_vq_settings (const ae_layer_t *layer);

/* Places a layer of spec on an input grid: *layer gets its output grid and
   parameter counts, or AE_ERR_ARGUMENT names why it cannot be. */
ae_status_t ae_layer_place (ae_layer_t *layer, const ae_layer_spec_t *spec, ae_grid_t in,
                            ae_error_t *err);

#endif
