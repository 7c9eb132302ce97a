#include "mex_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mex_args.h"

static const char *const part_names[2] = { "encoder", "decoder" };

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

/* Copies layer i's W and b into params, checking their sizes against the network. */
static void
read_weights (const mxArray *part, mwIndex i, const char *part_name, const ae_layer_t *layer,
              float *params)
{
  const mxArray *w = mxGetField (part, i, "W"), *b = mx_field (part, i, "b", "a dense layer");
  char what[64];
  snprintf (what, sizeof what, "%s layer %d (dense)", part_name, (int) i + 1);
  if ((int) mxGetN (w) != layer->n_in)
    mx_fail ("invalidModel", "%s: W is %d-by-%d but its input has %d values", what,
             (int) mxGetM (w), (int) mxGetN (w), layer->n_in);
  long n_w, n_b, n_weights = (long) layer->n_in * layer->n_out;
  const float *w_values = mx_float_columns (w, what, layer->n_out, &n_w);
  if (mxGetNumberOfElements (b) != (size_t) layer->n_out)
    mx_fail ("invalidModel", "%s: b has %d elements, W has %d rows", what,
             (int) mxGetNumberOfElements (b), layer->n_out);
  const float *b_values = mx_float_columns (b, what, -1, &n_b);
  memcpy (params + layer->param_offset, w_values, (size_t) n_weights * sizeof (float));
  memcpy (params + layer->param_offset + n_weights, b_values,
          (size_t) layer->n_out * sizeof (float));
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
  double n_input = 1;
  for (size_t k = 0; k < mxGetNumberOfElements (input_size); k++)
    {
      double size = mxGetPr (input_size)[k];
      if (!(size >= 1 && size <= (1 << 30) && size == floor (size)))
        mx_fail ("invalidModel", "model.input_size(%d) must be a positive integer",
                 (int) k + 1);
      n_input *= size;
    }
  if (n_input > (1 << 30))
    mx_fail ("invalidModel", "model.input_size describes more than 2^30 values");
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
      if (m->net.layers[layer].kind == AE_LAYER_DENSE)
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
          if (l->kind != AE_LAYER_DENSE)
            continue;
          const float *w = m->params + l->param_offset;
          mxDestroyArray (mxGetField (part, i, "W"));
          mxDestroyArray (mxGetField (part, i, "b"));
          mxSetField (part, i, "W", mx_single_matrix (w, l->n_out, l->n_in));
          mxSetField (part, i, "b", mx_single_matrix (w + (long) l->n_in * l->n_out, l->n_out, 1));
        }
    }
  return copy;
}
