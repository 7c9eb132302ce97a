#include "mex_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mex_args.h"

static const char *const part_names[2] = { "encoder", "decoder" };

/* Octave's images are H-by-W-by-C with the rows varying fastest, the core's
   [c][y][x] with x fastest: the core sees each image transposed, so Octave's
   rows are the core's columns. Sizes, strides and paddings swap their
   vertical and horizontal parts when a model is read, and an Octave
   FH-by-FW-by-C-by-F filter array is then exactly the core's weight
   [F][C][FW][FH]. Geometry alone does not depend on the orientation: the
   geometry command reads the layers unswapped, so that the core's messages
   name sizes as the user wrote them. */

/* Octave's (vertical, horizontal) pair as the core's (h, w). */
static void
as_core (int transposed, int vertical, int horizontal, int *h, int *w)
{
  *h = transposed ? horizontal : vertical;
  *w = transposed ? vertical : horizontal;
}

/* stride (a scalar or [rows columns] alike) and padding ([top bottom left
   right] of Octave's image, or "same") of element i, as the core's window. */
static void
read_stride_padding (const mxArray *part, mwIndex i, const char *what, int transposed,
                     ae_conv_spec_t *window)
{
  int pad[4];
  mx_integers (mx_field (part, i, "stride", what), "a layer's stride", 1, 1, 1 << 16,
               &window->stride);
  const mxArray *padding = mx_field (part, i, "padding", what);
  if (mxIsChar (padding))
    {
      char *name = mx_string (padding, "a layer's padding");
      window->same = strcmp (name, "same") == 0;
      if (!window->same)
        mx_fail ("invalidModel", "%s: padding must be \"same\" or 4 numbers, not \"%s\"",
                 what, name);
      mxFree (name);
      return;
    }
  mx_integers (padding, "a layer's padding", 4, 0, 1 << 16, pad);
  as_core (transposed, pad[0], pad[2], &window->pad_top, &window->pad_left);
  as_core (transposed, pad[1], pad[3], &window->pad_bottom, &window->pad_right);
}

/* The size of dimension d (from 0) of a, 1 past its last. */
static int
dim (const mxArray *a, int d)
{
  return d < (int) mxGetNumberOfDimensions (a) ? (int) mxGetDimensions (a)[d] : 1;
}

/* A convolution's W is FH-by-FW-by-C-by-F, a transposed one's FH-by-FW-by-F-by-C
   (MATLAB's layouts); F filters make F output channels. */
static void
read_convolution (const mxArray *part, mwIndex i, const char *what, int transposed_view,
                  ae_grid_t in, ae_layer_spec_t *spec)
{
  const int transposed = spec->kind == AE_LAYER_CONV_TRANSPOSED;
  const mxArray *w = mx_field (part, i, "W", what);
  if (!(mxIsSingle (w) || mxIsDouble (w)) || mxIsComplex (w) || mxIsSparse (w)
      || mxGetNumberOfDimensions (w) > 4 || mxGetNumberOfElements (w) == 0)
    mx_fail ("invalidModel", "%s: W must be a real, non-empty array of at most 4 dimensions",
             what);
  spec->window = (ae_conv_spec_t) { .n_filters = dim (w, transposed ? 2 : 3) };
  as_core (transposed_view, dim (w, 0), dim (w, 1), &spec->window.k_h, &spec->window.k_w);
  read_stride_padding (part, i, what, transposed_view, &spec->window);
  const int n_channels = dim (w, transposed ? 3 : 2);
  if (n_channels != in.c)
    mx_fail ("invalidModel", "%s: W is for %d input channels, its input has %d", what,
             n_channels, in.c);
  if (transposed && !spec->window.same)
    {
      int output_padding[2];
      mx_integers (mx_field (part, i, "output_padding", what), "a layer's output padding", 2,
                   0, 1 << 16, output_padding);
      as_core (transposed_view, output_padding[0], output_padding[1],
               &spec->window.output_padding_h, &spec->window.output_padding_w);
    }
}

/* Field name of element i, or for a model of format 2, which held a pooling
   window, a resize factor and a reshape grid in one field, its size. */
static const mxArray *
setting (const mxArray *part, mwIndex i, const char *name, const char *what)
{
  const mxArray *value = mxGetField (part, i, name);
  return value ? value : mx_field (part, i, "size", what);
}

/* The spec of element i of a layer list, whose input is the grid in
   (transposed: as the core sees Octave's images, see above). */
static void
read_spec (const mxArray *part, mwIndex i, const char *what, int transposed, ae_grid_t in,
           ae_layer_spec_t *spec)
{
  char *type = mx_string (mx_field (part, i, "type", what), what);
  *spec = (ae_layer_spec_t) { .kind = AE_LAYER_N_KINDS };
  if (ae_activation_parse (type, &spec->activation) == 0)
    spec->kind = AE_LAYER_ACTIVATION;
  else
    ae_layer_kind_parse (type, &spec->kind);
  int hwc[3];
  switch (spec->kind)
    {
    case AE_LAYER_DENSE:
      {
        const mxArray *w = mx_field (part, i, "W", what);
        if (!(mxIsSingle (w) || mxIsDouble (w)) || mxIsComplex (w) || mxIsSparse (w)
            || mxGetNumberOfDimensions (w) != 2 || mxGetM (w) == 0)
          mx_fail ("invalidModel", "%s: W must be a real, non-empty matrix", what);
        spec->width = (int) mxGetM (w);
        break;
      }
    case AE_LAYER_CONV:
    case AE_LAYER_CONV_TRANSPOSED:
      read_convolution (part, i, what, transposed, in, spec);
      break;
    case AE_LAYER_MAX_POOL:
    case AE_LAYER_AVG_POOL:
      mx_integers (setting (part, i, "window", what), "a pooling layer's window", 2, 1, 1 << 16,
                   hwc);
      as_core (transposed, hwc[0], hwc[1], &spec->window.k_h, &spec->window.k_w);
      read_stride_padding (part, i, what, transposed, &spec->window);
      break;
    case AE_LAYER_UPSAMPLE:
      mx_integers (setting (part, i, "factor", what), "a resize layer's factor", 1, 1, 1 << 16,
                   &spec->factor);
      break;
    case AE_LAYER_RESHAPE:
      mx_integers (setting (part, i, "grid", what), "a reshape layer's grid", 3, 1, 1 << 30,
                   hwc);
      spec->grid.c = hwc[2];
      as_core (transposed, hwc[0], hwc[1], &spec->grid.h, &spec->grid.w);
      break;
    case AE_LAYER_ACTIVATION:
      if (spec->activation == AE_ACT_LEAKY_RELU)
        spec->slope = (float) mx_scalar (mx_field (part, i, "scale", what),
                                         "the leaky relu scale", 0, 1);
      break;
    case AE_LAYER_BATCH_NORM:
      spec->epsilon = (float) mx_scalar (mx_field (part, i, "epsilon", what),
                                         "batch normalization's epsilon", 1e-30, 1);
      spec->mean_decay = (float) mx_scalar (mx_field (part, i, "mean_decay", what),
                                            "batch normalization's mean decay", 0, 1);
      spec->variance_decay = (float) mx_scalar (mx_field (part, i, "variance_decay", what),
                                                "batch normalization's variance decay", 0, 1);
      break;
    case AE_LAYER_DROPOUT:
      spec->probability = (float) mx_scalar (mx_field (part, i, "probability", what),
                                             "a dropout probability", 0, 0.999999);
      break;
    case AE_LAYER_CONDITION:
      spec->width = (int) mx_scalar (mx_field (part, i, "condition_size", what),
                                     "a condition layer's size", 1, 1 << 20);
      break;
    case AE_LAYER_GAUSSIAN:
      break;
    default:
      mx_fail ("invalidModel", "%s: unknown layer type '%s'", what, type);
    }
  mxFree (type);
}

static ae_grid_t
current_grid (const ae_net_t *net)
{
  return net->n_layers ? net->layers[net->n_layers - 1].out : net->input;
}

static void
read_layer (const mxArray *part, mwIndex i, const char *part_name, ae_net_t *net,
            int is_variational_encoder_end)
{
  char what[64];
  snprintf (what, sizeof what, "%s layer %d", part_name, (int) i + 1);
  ae_layer_spec_t spec;
  read_spec (part, i, what, 1, current_grid (net), &spec);
  if (spec.kind == AE_LAYER_GAUSSIAN && !is_variational_encoder_end)
    mx_fail ("invalidModel",
             "%s: a gaussian layer may only end the encoder of a model of kind \"vae\"", what);
  ae_error_t err = { 0 };
  if (ae_net_add (net, &spec, &err) != AE_OK)
    mx_fail ("invalidModel", "%s: %s", what, err.message);
}

static int
has_weights (const ae_layer_t *layer)
{
  return layer->n_weights > 0;
}

/* A layer's buffers as fields of its struct: batch normalization's running
   mean and variance. */
static const char *const buffer_fields[] = { "mean", "variance" };

/* Copies field name of element i, count values, into to. */
static void
read_values (const mxArray *part, mwIndex i, const char *name, const char *what, long count,
             float *to)
{
  const mxArray *a = mx_field (part, i, name, what);
  if ((long) mxGetNumberOfElements (a) != count)
    mx_fail ("invalidModel", "%s: %s has %ld values, the layer needs %ld", what, name,
             (long) mxGetNumberOfElements (a), count);
  memcpy (to, mx_floats (a, what), (size_t) count * sizeof (float));
}

/* Copies layer i's W and b into params (and its buffers after them),
   checking their sizes against the network. */
static void
read_weights (const mxArray *part, mwIndex i, const char *part_name, const ae_layer_t *layer,
              float *params)
{
  const mxArray *w = mx_field (part, i, "W", "a layer");
  char what[64];
  snprintf (what, sizeof what, "%s layer %d (%s)", part_name, (int) i + 1,
            ae_layer_ops (layer->spec.kind)->name);
  if (layer->spec.kind == AE_LAYER_DENSE && (int) mxGetN (w) != layer->n_in)
    mx_fail ("invalidModel", "%s: W is %d-by-%d but its input has %d values", what,
             (int) mxGetM (w), (int) mxGetN (w), layer->n_in);
  if ((long) mxGetNumberOfElements (w) != layer->n_weights)
    mx_fail ("invalidModel", "%s: W has %ld values, the layer has %ld weights", what,
             (long) mxGetNumberOfElements (w), layer->n_weights);
  read_values (part, i, "W", what, layer->n_weights, params + layer->param_offset);
  read_values (part, i, "b", what, layer->n_bias,
               params + layer->param_offset + layer->n_weights);
  const long n_each = layer->n_buffer / 2;
  for (int f = 0; layer->n_buffer > 0 && f < 2; f++)
    read_values (part, i, buffer_fields[f], what, n_each,
                 params + layer->buffer_offset + f * n_each);
}

/* model.<name>, a sample's size (input_size, output_size): its values in
   sz, their count in n_dims; returns the number of values it describes. */
static double
read_sample_size (const mxArray *model, const char *name, const double **sz, size_t *n_dims)
{
  const mxArray *size = mx_field (model, 0, name, "the model");
  if (!mxIsDouble (size) || mxIsComplex (size) || mxGetNumberOfElements (size) == 0)
    mx_fail ("invalidModel", "model.%s must be a non-empty real double vector", name);
  *n_dims = mxGetNumberOfElements (size);
  *sz = mxGetPr (size);
  double n_values = 1;
  for (size_t k = 0; k < *n_dims; k++)
    {
      if (!((*sz)[k] >= 1 && (*sz)[k] <= (1 << 30) && (*sz)[k] == floor ((*sz)[k])))
        mx_fail ("invalidModel", "model.%s(%d) must be a positive integer", name, (int) k + 1);
      n_values *= (*sz)[k];
    }
  if (n_values > (1 << 30))
    mx_fail ("invalidModel", "model.%s describes more than 2^30 values", name);
  return n_values;
}

/* model.input_size as the core's grid (see read_stride_padding): an
   H-by-W(-by-C) image is a C x W x H grid, any other size a flat vector. */
static ae_grid_t
read_input_grid (const mxArray *model)
{
  const double *sz;
  size_t n_dims;
  const double n_input = read_sample_size (model, "input_size", &sz, &n_dims);
  if (n_dims == 2 || n_dims == 3)
    return (ae_grid_t) { n_dims == 3 ? (int) sz[2] : 1, (int) sz[1], (int) sz[0] };
  return (ae_grid_t) { (int) n_input, 1, 1 };
}

/* The network of the named parts of model (layer struct arrays, in order;
   with two, the first is the encoder) on an input grid, and its weights. */
static void
read_net (const mxArray *model, const char *const *names, int n_parts, ae_grid_t input,
          int variational, mex_model_t *m)
{
  ae_net_begin_grid (&m->net, input);
  const mxArray *parts[2];
  for (int p = 0; p < n_parts; p++)
    {
      parts[p] = mx_field (model, 0, names[p], "the model");
      if (!mxIsStruct (parts[p]) || mxGetNumberOfElements (parts[p]) == 0)
        mx_fail ("invalidModel", "model.%s must be a non-empty struct array of layers",
                 names[p]);
      mwIndex n = mxGetNumberOfElements (parts[p]);
      for (mwIndex i = 0; i < n; i++)
        read_layer (parts[p], i, names[p], &m->net, variational && p == 0 && i == n - 1);
      if (p == 0)
        ae_net_end_encoder (&m->net);
    }
  if (variational != ae_net_is_variational (&m->net))
    mx_fail ("invalidModel", "a model of kind \"vae\" must end its encoder with a gaussian layer");
  const long n_values = ae_net_n_values (&m->net);
  m->params = mxCalloc ((size_t) (n_values ? n_values : 1), sizeof (float));
  int layer = 0;
  for (int p = 0; p < n_parts; p++)
    for (mwIndex i = 0; i < mxGetNumberOfElements (parts[p]); i++, layer++)
      if (has_weights (&m->net.layers[layer]))
        read_weights (parts[p], i, names[p], &m->net.layers[layer], m->params);
}

void
mex_model_read (const mxArray *model, mex_model_t *m)
{
  char *kind = mx_string (mx_field (model, 0, "kind", "the model"), "model.kind");
  /* a VAE-GAN's encoder and decoder are a VAE; its discriminator is read
     by mex_gan_read */
  int variational = strcmp (kind, "vae") == 0 || strcmp (kind, "vaegan") == 0;
  int classifier = strcmp (kind, "classifier") == 0;
  if (!variational && !classifier && strcmp (kind, "ae") != 0)
    mx_fail ("invalidModel", "model.kind must be \"ae\", \"vae\", \"vaegan\" or"
             " \"classifier\", got \"%s\"", kind);
  mxFree (kind);
  read_net (model, part_names, 2, read_input_grid (model), variational, m);
  /* a classifier's "decoder" maps its features to the class logits; an
     autoencoder's gives its input back, or outputs of model.output_size
     (trained on targets, such as high-resolution images of its inputs) */
  const int n_output = ae_net_n_output (&m->net, m->net.n_layers);
  if (classifier)
    return;
  if (mxGetField (model, 0, "output_size"))
    {
      const double *sz;
      size_t n_dims;
      double n_wanted = read_sample_size (model, "output_size", &sz, &n_dims);
      if (n_wanted != n_output)
        mx_fail ("invalidModel", "the decoder gives %d values, model.output_size describes %.0f",
                 n_output, n_wanted);
    }
  else if (n_output != m->net.n_input)
    mx_fail ("invalidModel", "the decoder gives %d values, the input has %d", n_output,
             m->net.n_input);
}

static const char *const gan_part_names[2] = { "generator", "discriminator" };

void
mex_gan_read (const mxArray *model, mex_gan_t *g)
{
  char *kind = mx_string (mx_field (model, 0, "kind", "the model"), "model.kind");
  const int vaegan = strcmp (kind, "vaegan") == 0;
  if (strcmp (kind, "gan") != 0 && !vaegan)
    mx_fail ("invalidModel", "model.kind must be \"gan\" or \"vaegan\", got \"%s\"", kind);
  mxFree (kind);
  const double latent = mx_scalar (mx_field (model, 0, "latent_dim", "the model"),
                                   "model.latent_dim", 1, 1 << 20);
  if (latent != floor (latent))
    mx_fail ("invalidModel", "model.latent_dim must be a positive integer");
  if (vaegan)
    mex_model_read (model, &g->gen);
  else
    read_net (model, gan_part_names, 1, (ae_grid_t) { (int) latent, 1, 1 }, 0, &g->gen);
  read_net (model, gan_part_names + 1, 1, read_input_grid (model), 0, &g->disc);
  if (ae_net_n_output (&g->gen.net, g->gen.net.n_layers) != g->disc.net.n_input)
    mx_fail ("invalidModel", "the generator gives %d values, the samples have %d",
             ae_net_n_output (&g->gen.net, g->gen.net.n_layers), g->disc.net.n_input);
  if (ae_net_n_output (&g->disc.net, g->disc.net.n_layers) != 1)
    mx_fail ("invalidModel", "the discriminator gives %d values, not one logit",
             ae_net_n_output (&g->disc.net, g->disc.net.n_layers));
}

/* Writes m's weights and buffers into the named parts of copy. */
static void
write_net (mxArray *copy, const char *const *names, int n_parts, const mex_model_t *m)
{
  int layer = 0;
  for (int p = 0; p < n_parts; p++)
    {
      mxArray *part = mxGetField (copy, 0, names[p]);
      for (mwIndex i = 0; i < mxGetNumberOfElements (part); i++, layer++)
        {
          const ae_layer_t *l = &m->net.layers[layer];
          if (!has_weights (l))
            continue;
          const float *w = m->params + l->param_offset;
          mxArray *old_w = mxGetField (part, i, "W"), *old_b = mxGetField (part, i, "b");
          /* W keeps its shape (n_out-by-n_in, or a filter array) */
          mxArray *new_w = mx_single_array (w, (int) mxGetNumberOfDimensions (old_w),
                                            mxGetDimensions (old_w));
          mxDestroyArray (old_w);
          mxDestroyArray (old_b);
          mxSetField (part, i, "W", new_w);
          mxSetField (part, i, "b", mx_single_matrix (w + l->n_weights, l->n_bias, 1));
          const long n_each = l->n_buffer / 2;
          for (int f = 0; l->n_buffer > 0 && f < 2; f++)
            {
              mxDestroyArray (mxGetField (part, i, buffer_fields[f]));
              mxSetField (part, i, buffer_fields[f],
                          mx_single_matrix (m->params + l->buffer_offset + f * n_each, n_each,
                                            1));
            }
        }
    }
}

mxArray *
mex_model_write (const mxArray *model, const mex_model_t *m)
{
  mxArray *copy = mxDuplicateArray (model);
  write_net (copy, part_names, 2, m);
  return copy;
}

mxArray *
mex_gan_write (const mxArray *model, const mex_gan_t *g)
{
  mxArray *copy = mxDuplicateArray (model);
  if (ae_net_is_variational (&g->gen.net))   /* a VAE-GAN's encoder and decoder */
    write_net (copy, part_names, 2, &g->gen);
  else
    write_net (copy, gan_part_names, 1, &g->gen);
  write_net (copy, gan_part_names + 1, 1, &g->disc);
  return copy;
}

/* [top bottom left right out_rows out_columns]: a layer's padding as the core
   resolved it, and a transposed convolution's output padding (the rows of
   its output that no input reaches), of a layer read unswapped. */
static void
resolved_padding (const ae_layer_t *layer, double *row, long stride)
{
  const ae_conv_shape_t *s = &layer->conv;
  const double values[6] = {
    s->pad_top, s->pad_bottom, s->pad_left, s->pad_right,
    s->in_h - ((s->out_h - 1) * s->stride - s->pad_top - s->pad_bottom + s->k_h),
    s->in_w - ((s->out_w - 1) * s->stride - s->pad_left - s->pad_right + s->k_w)
  };
  const int n = layer->spec.kind == AE_LAYER_CONV_TRANSPOSED ? 6 : 4;
  for (int k = 0; k < n; k++)
    row[k * stride] = values[k];
}

void
mex_model_geometry (const mxArray *layers, const mxArray *input_size, mxArray **sizes,
                    mxArray **paddings)
{
  int hwc[3];
  mx_integers (input_size, "the input size [height width channels]", 3, 1, 1 << 30, hwc);
  if (!mxIsStruct (layers))
    mx_fail ("invalidLayers", "the layers must be a struct array");
  const long n = (long) mxGetNumberOfElements (layers);
  if (n > AE_MAX_LAYERS)
    mx_fail ("invalidLayers", "a network has at most %d layers, not %ld", AE_MAX_LAYERS, n);
  ae_net_t net;
  ae_net_begin_grid (&net, (ae_grid_t) { hwc[2], hwc[0], hwc[1] });
  *sizes = mxCreateDoubleMatrix ((mwSize) n, 6, mxREAL);
  *paddings = mxCreateDoubleMatrix ((mwSize) n, 6, mxREAL);
  double *size = mxGetPr (*sizes), *padding = mxGetPr (*paddings);
  for (long i = 0; i < n; i++)
    {
      char what[32];
      snprintf (what, sizeof what, "layer %ld", i + 1);
      ae_layer_spec_t spec;
      read_spec (layers, (mwIndex) i, what, 0, current_grid (&net), &spec);
      ae_error_t err = { 0 };
      if (ae_net_add (&net, &spec, &err) != AE_OK)
        mx_fail ("invalidLayers", "%s%s%s", n > 1 ? what : "", n > 1 ? ": " : "", err.message);
      const ae_layer_t *layer = &net.layers[i];
      const ae_grid_t grids[2] = { layer->in, layer->out };
      for (int g = 0; g < 2; g++)
        {
          size[i + (3 * g) * n] = grids[g].h;
          size[i + (3 * g + 1) * n] = grids[g].w;
          size[i + (3 * g + 2) * n] = grids[g].c;
        }
      switch (spec.kind)
        {
        case AE_LAYER_CONV: case AE_LAYER_CONV_TRANSPOSED:
        case AE_LAYER_MAX_POOL: case AE_LAYER_AVG_POOL:
          resolved_padding (layer, padding + i, n);
          break;
        default:
          break;
        }
    }
}

const float *
mex_model_targets (const mxArray *yt, const ae_net_t *net, long n_samples, const char *what)
{
  long n;
  const float *y = mx_float_columns (yt, what, ae_net_n_output (net, net->n_layers), &n);
  if (n != n_samples)
    mx_fail ("sizeMismatch", "%s must match the samples one for one", what);
  return y;
}

const float *
mex_model_conditions (const mxArray *ct, const ae_net_t *net, long n_samples, const char *what)
{
  const int given = ct && !mxIsEmpty (ct);
  if (net->n_condition == 0)
    {
      if (given)
        mx_fail ("invalidArgument", "%s are given, but the model has no condition layers",
                 what);
      return NULL;
    }
  if (!given)
    mx_fail ("invalidArgument", "the model is conditional: %s (%d values per sample) are"
             " needed", what, net->n_condition);
  long n;
  const float *c = mx_float_columns (ct, what, net->n_condition, &n);
  if (n != n_samples)
    mx_fail ("sizeMismatch", "%s are for %ld samples, the data have %ld", what, n, n_samples);
  return c;
}
