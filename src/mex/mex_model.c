#include "mex_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mex_args.h"

static const char *const part_names[2] = { "encoder", "decoder" };

/* Octave's images are H-by-W-by-C with the rows varying fastest, the core's
   [c][y][x] with x fastest: the core sees each image transposed, so Octave's
   rows are the core's columns. Sizes, strides and paddings swap their
   vertical and horizontal parts here, and an Octave FH-by-FW-by-C-by-F filter
   array is then exactly the core's weight [F][C][FW][FH]. */

/* stride (a scalar or [rows columns] alike) and padding [top bottom left right]
   of Octave's image, as the core's. */
static void
read_stride_padding (const mxArray *part, mwIndex i, const char *what, ae_conv_spec_t *spec)
{
  int pad[4];
  mx_integers (mx_field (part, i, "stride", what), "a layer's stride", 1, 1, 1 << 16,
               &spec->stride);
  mx_integers (mx_field (part, i, "padding", what), "a layer's padding", 4, 0, 1 << 16, pad);
  spec->pad_left = pad[0];
  spec->pad_right = pad[1];
  spec->pad_top = pad[2];
  spec->pad_bottom = pad[3];
}

/* The size of dimension d (from 0) of a, 1 past its last. */
static int
dim (const mxArray *a, int d)
{
  return d < (int) mxGetNumberOfDimensions (a) ? (int) mxGetDimensions (a)[d] : 1;
}

/* A convolution's W is FH-by-FW-by-C-by-F, a transposed one's FH-by-FW-by-F-by-C
   (MATLAB's layouts); F filters make F output channels. */
static ae_status_t
read_convolution (const mxArray *part, mwIndex i, const char *what, int transposed,
                  ae_net_t *net, ae_error_t *err)
{
  const mxArray *w = mx_field (part, i, "W", what);
  if (!(mxIsSingle (w) || mxIsDouble (w)) || mxIsComplex (w) || mxIsSparse (w)
      || mxGetNumberOfDimensions (w) > 4 || mxGetNumberOfElements (w) == 0)
    mx_fail ("invalidModel", "%s: W must be a real, non-empty array of at most 4 dimensions",
             what);
  ae_conv_spec_t spec = { .k_h = dim (w, 1), .k_w = dim (w, 0),
                          .n_filters = dim (w, transposed ? 2 : 3) };
  read_stride_padding (part, i, what, &spec);
  const int n_channels = dim (w, transposed ? 3 : 2);
  const int in_c = net->n_layers ? net->layers[net->n_layers - 1].out.c : net->input.c;
  if (n_channels != in_c)
    mx_fail ("invalidModel", "%s: W is for %d input channels, its input has %d", what,
             n_channels, in_c);
  if (!transposed)
    return ae_net_add_conv (net, &spec, err);
  int output_padding[2];
  mx_integers (mx_field (part, i, "output_padding", what), "a layer's output padding", 2, 0,
               1 << 16, output_padding);
  spec.output_padding_h = output_padding[1];
  spec.output_padding_w = output_padding[0];
  return ae_net_add_conv_transposed (net, &spec, err);
}

static void
read_layer (const mxArray *part, mwIndex i, const char *part_name, ae_net_t *net,
            int is_variational_encoder_end)
{
  char what[64];
  snprintf (what, sizeof what, "%s layer %d", part_name, (int) i + 1);
  char *type = mx_string (mx_field (part, i, "type", what), what);
  ae_error_t err = { 0 };
  ae_status_t status = AE_OK;
  ae_activation_t activation;
  if (strcmp (type, "dense") == 0)
    {
      const mxArray *w = mx_field (part, i, "W", what);
      if (!(mxIsSingle (w) || mxIsDouble (w)) || mxIsComplex (w) || mxIsSparse (w)
          || mxGetNumberOfDimensions (w) != 2 || mxGetM (w) == 0)
        mx_fail ("invalidModel", "%s: W must be a real, non-empty matrix", what);
      status = ae_net_add_dense (net, (int) mxGetM (w), &err);
    }
  else if (strcmp (type, "gaussian") == 0)
    {
      if (!is_variational_encoder_end)
        mx_fail ("invalidModel",
                 "%s: a gaussian layer may only end the encoder of a model of kind \"vae\"",
                 what);
      status = ae_net_add_gaussian (net, &err);
    }
  else if (strcmp (type, "conv") == 0 || strcmp (type, "tconv") == 0)
    status = read_convolution (part, i, what, type[0] == 't', net, &err);
  else if (strcmp (type, "maxpool") == 0 || strcmp (type, "avgpool") == 0)
    {
      ae_conv_spec_t spec = { 0 };
      int pool[2];
      mx_integers (mx_field (part, i, "size", what), "a pooling layer's size", 2, 1, 1 << 16,
                   pool);
      spec.k_h = pool[1];
      spec.k_w = pool[0];
      read_stride_padding (part, i, what, &spec);
      status = ae_net_add_pool (net, type[0] == 'm' ? AE_LAYER_MAX_POOL : AE_LAYER_AVG_POOL,
                                &spec, &err);
    }
  else if (strcmp (type, "resize") == 0)
    {
      int factor;
      mx_integers (mx_field (part, i, "size", what), "a resize layer's scale", 1, 1, 1 << 16,
                   &factor);
      status = ae_net_add_upsample (net, factor, &err);
    }
  else if (strcmp (type, "reshape") == 0)
    {
      int hwc[3];
      mx_integers (mx_field (part, i, "size", what), "a reshape layer's size", 3, 1, 1 << 30,
                   hwc);
      status = ae_net_add_reshape (net, (ae_grid_t) { hwc[2], hwc[1], hwc[0] }, &err);
    }
  else if (ae_activation_parse (type, &activation) == 0)
    {
      double slope = 0;
      if (activation == AE_ACT_LEAKY_RELU)
        slope = mx_scalar (mx_field (part, i, "scale", what), "the leaky relu scale", 0, 1);
      status = ae_net_add_activation (net, activation, (float) slope, &err);
    }
  else
    mx_fail ("invalidModel", "%s: unknown layer type '%s'", what, type);
  if (status != AE_OK)
    mx_fail ("invalidModel", "%s: %s", what, err.message);
  mxFree (type);
}

static int
has_weights (const ae_layer_t *layer)
{
  return layer->n_weights > 0;
}

/* Copies layer i's W and b into params, checking their sizes against the network. */
static void
read_weights (const mxArray *part, mwIndex i, const char *part_name, const ae_layer_t *layer,
              float *params)
{
  const mxArray *w = mxGetField (part, i, "W"), *b = mx_field (part, i, "b", "a layer");
  char what[64];
  const char *type = layer->kind == AE_LAYER_DENSE ? "dense"
                     : layer->kind == AE_LAYER_CONV ? "conv" : "tconv";
  snprintf (what, sizeof what, "%s layer %d (%s)", part_name, (int) i + 1, type);
  if (layer->kind == AE_LAYER_DENSE && (int) mxGetN (w) != layer->n_in)
    mx_fail ("invalidModel", "%s: W is %d-by-%d but its input has %d values", what,
             (int) mxGetM (w), (int) mxGetN (w), layer->n_in);
  if ((long) mxGetNumberOfElements (w) != layer->n_weights)
    mx_fail ("invalidModel", "%s: W has %ld values, the layer has %ld weights", what,
             (long) mxGetNumberOfElements (w), layer->n_weights);
  if ((long) mxGetNumberOfElements (b) != layer->n_bias)
    mx_fail ("invalidModel", "%s: b has %d elements, the layer has %ld outputs to bias", what,
             (int) mxGetNumberOfElements (b), layer->n_bias);
  const float *w_values = mx_floats (w, what), *b_values = mx_floats (b, what);
  memcpy (params + layer->param_offset, w_values, (size_t) layer->n_weights * sizeof (float));
  memcpy (params + layer->param_offset + layer->n_weights, b_values,
          (size_t) layer->n_bias * sizeof (float));
}

void
mex_model_read (const mxArray *model, mex_model_t *m)
{
  char *kind = mx_string (mx_field (model, 0, "kind", "the model"), "model.kind");
  int variational = strcmp (kind, "vae") == 0, classifier = strcmp (kind, "classifier") == 0;
  if (!variational && !classifier && strcmp (kind, "ae") != 0)
    mx_fail ("invalidModel", "model.kind must be \"ae\", \"vae\" or \"classifier\", got \"%s\"",
             kind);
  mxFree (kind);
  const mxArray *input_size = mx_field (model, 0, "input_size", "the model");
  if (!mxIsDouble (input_size) || mxIsComplex (input_size)
      || mxGetNumberOfElements (input_size) == 0)
    mx_fail ("invalidModel", "model.input_size must be a non-empty real double vector");
  const size_t n_dims = mxGetNumberOfElements (input_size);
  double n_input = 1;
  for (size_t k = 0; k < n_dims; k++)
    {
      double size = mxGetPr (input_size)[k];
      if (!(size >= 1 && size <= (1 << 30) && size == floor (size)))
        mx_fail ("invalidModel", "model.input_size(%d) must be a positive integer",
                 (int) k + 1);
      n_input *= size;
    }
  if (n_input > (1 << 30))
    mx_fail ("invalidModel", "model.input_size describes more than 2^30 values");
  /* H-by-W(-by-C) images are the core's C x W x H grids (see read_stride_padding) */
  const double *sz = mxGetPr (input_size);
  if (n_dims == 2 || n_dims == 3)
    ae_net_begin_grid (&m->net, (ae_grid_t) { n_dims == 3 ? (int) sz[2] : 1, (int) sz[1],
                                              (int) sz[0] });
  else
    ae_net_begin (&m->net, (int) n_input);
  const mxArray *parts[2];
  for (int p = 0; p < 2; p++)
    {
      parts[p] = mx_field (model, 0, part_names[p], "the model");
      if (!mxIsStruct (parts[p]) || mxGetNumberOfElements (parts[p]) == 0)
        mx_fail ("invalidModel", "model.%s must be a non-empty struct array of layers",
                 part_names[p]);
      mwIndex n = mxGetNumberOfElements (parts[p]);
      for (mwIndex i = 0; i < n; i++)
        read_layer (parts[p], i, part_names[p], &m->net, variational && p == 0 && i == n - 1);
      if (p == 0)
        ae_net_end_encoder (&m->net);
    }
  if (variational != ae_net_is_variational (&m->net))
    mx_fail ("invalidModel", "a model of kind \"vae\" must end its encoder with a gaussian layer");
  /* a classifier's "decoder" maps its features to the class logits */
  if (!classifier && ae_net_n_output (&m->net, m->net.n_layers) != m->net.n_input)
    mx_fail ("invalidModel", "the decoder gives %d values, the input has %d",
             ae_net_n_output (&m->net, m->net.n_layers), m->net.n_input);
  m->params = mxCalloc ((size_t) (m->net.n_params ? m->net.n_params : 1), sizeof (float));
  int layer = 0;
  for (int p = 0; p < 2; p++)
    for (mwIndex i = 0; i < mxGetNumberOfElements (parts[p]); i++, layer++)
      if (has_weights (&m->net.layers[layer]))
        read_weights (parts[p], i, part_names[p], &m->net.layers[layer], m->params);
}

mxArray *
mex_model_write (const mxArray *model, const mex_model_t *m)
{
  mxArray *copy = mxDuplicateArray (model);
  int layer = 0;
  for (int p = 0; p < 2; p++)
    {
      mxArray *part = mxGetField (copy, 0, part_names[p]);
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
        }
    }
  return copy;
}
