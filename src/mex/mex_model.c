#include "mex_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mex_args.h"
#include "mex_data.h"
#include "mex_layers.h"

static const char *const part_names[2] = { "encoder", "decoder" };

/* Octave's images are H-by-W-by-C with the rows varying fastest, the core's
   [c][y][x] with x fastest: the core sees each image transposed, so Octave's
   rows are the core's columns. Sizes, strides and paddings swap their
   vertical and horizontal parts when a model is read, and an Octave
   FH-by-FW-by-C-by-F filter array is then exactly the core's weight
   [F][C][FW][FH]. Geometry alone does not depend on the orientation: the
   geometry command reads the layers unswapped, so that the core's messages
   name sizes as the user wrote them. */

static void
read_layer (const mxArray *part, mwIndex i, const char *part_name, ae_net_t *net,
            int is_variational_encoder_end)
{
  char what[64];
  snprintf (what, sizeof what, "%s layer %d", part_name, (int) i + 1);
  ae_layer_spec_t spec;
  mex_layer_spec (part, i, what, 0, 1, &spec);
  if (spec.kind == AE_LAYER_GAUSSIAN && !is_variational_encoder_end)
    mx_fail ("invalidModel",
             "%s: a gaussian layer may only end the encoder of a model of kind \"vae\"", what);
  ae_error_t err = { 0 };
  if (ae_net_add (net, &spec, &err) != AE_OK)
    mx_fail ("invalidModel", "%s: %s", what, err.message);
}

/* The type of element i, which mex_layer_spec has read. */
static const ae_layer_type_t *
layer_type (const mxArray *part, mwIndex i)
{
  char *name = mxArrayToString (mxGetField (part, i, "type"));
  const ae_layer_type_t *type = ae_layer_type_find (name, 0);
  mxFree (name);
  return type;
}

static int
has_weights (const ae_layer_t *layer)
{
  return layer->n_weights > 0;
}

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

/* "4-by-6" of n dimensions, trailing ones dropped past the second. */
static void
dims_text (const mwSize *dims, int n, char *text, size_t size)
{
  while (n > 2 && dims[n - 1] == 1)
    n--;
  int used = 0;
  for (int k = 0; k < n && used < (int) size; k++)
    used += snprintf (text + used, size - used, "%s%ld", k ? "-by-" : "", (long) dims[k]);
}

/* W must have the layer's weight dimensions (MATLAB's layout). */
static void
check_weight_dims (const mxArray *w, const ae_layer_t *layer, const char *what)
{
  mwSize want[4];
  const int n_want = mex_layer_weight_dims (layer, want);
  const int n_have = (int) mxGetNumberOfDimensions (w);
  const mwSize *have = mxGetDimensions (w);
  int same = 1;
  for (int k = 0; k < 4; k++)
    same &= (k < n_have ? have[k] : 1) == (k < n_want ? want[k] : 1);
  if (same && n_have <= 4)
    return;
  char have_text[64], want_text[64];
  dims_text (have, n_have, have_text, sizeof have_text);
  dims_text (want, n_want, want_text, sizeof want_text);
  mx_fail ("invalidModel", "%s: W is %s but the layer needs %s", what, have_text, want_text);
}

/* Copies layer i's W and b into params (and its buffers after them),
   checking their sizes against the network. */
static void
read_weights (const mxArray *part, mwIndex i, const char *part_name, const ae_layer_t *layer,
              float *params)
{
  const ae_layer_type_t *type = layer_type (part, i);
  char what[64];
  snprintf (what, sizeof what, "%s layer %d (%s)", part_name, (int) i + 1, type->name);
  check_weight_dims (mx_field (part, i, "W", what), layer, what);
  read_values (part, i, "W", what, layer->n_weights, params + layer->param_offset);
  read_values (part, i, "b", what, layer->n_bias,
               params + layer->param_offset + layer->n_weights);
  for (int f = 0; f < type->n_buffers; f++)
    {
      long start;
      const long n_values = ae_layer_buffer_size (layer, type->n_buffers, f, &start);
      read_values (part, i, type->buffers[f], what, n_values,
                   params + layer->buffer_offset + start);
    }
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
  /* model.sequence (true): each sample is a run of steps of that size */
  const mxArray *sequence = mxGetField (model, 0, "sequence");
  const int steps = sequence && !mxIsEmpty (sequence)
                    && mx_scalar (sequence, "model.sequence", 0, 1) != 0;
  if (n_dims == 2 || n_dims == 3)
    return (ae_grid_t) { n_dims == 3 ? (int) sz[2] : 1, (int) sz[1], (int) sz[0], steps };
  return (ae_grid_t) { (int) n_input, 1, 1, steps };
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
  else if (ae_net_grid (&m->net, m->net.n_layers).sequence != m->net.input.sequence)
    mx_fail ("invalidModel", "the decoder gives %s, the input is %s",
             m->net.input.sequence ? "no sequence" : "a sequence",
             m->net.input.sequence ? "one" : "not");
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
    read_net (model, gan_part_names, 1, (ae_grid_t) { (int) latent, 1, 1, 0 }, 0, &g->gen);
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
          const ae_layer_type_t *type = layer_type (part, i);
          for (int f = 0; f < type->n_buffers; f++)
            {
              long start;
              const long n_values = ae_layer_buffer_size (l, type->n_buffers, f, &start);
              mxDestroyArray (mxGetField (part, i, type->buffers[f]));
              mxSetField (part, i, type->buffers[f],
                          mx_single_matrix (m->params + l->buffer_offset + start, n_values,
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

long
mex_model_data (const mxArray *a, const char *what, const ae_net_t *net, const float **x,
                ae_sequences_t *seq)
{
  long n;
  *x = NULL;
  if (ae_net_is_sequence (net))
    {
      mx_sequences (a, what, net->n_input, seq);
      return seq->n;
    }
  *x = mx_float_columns (a, what, net->n_input, &n);
  return n;
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
