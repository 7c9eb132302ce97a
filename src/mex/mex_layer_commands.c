/* Layer structs through the core's type table, and the commands that ask it:

     types = __autoencoder__ ("layer_types")    the declarations (see below)
     [c, sizes, padding, shapes, description] = __autoencoder__ ("layer", L, [h w c])
     [sizes, paddings, descriptions] = __autoencoder__ ("geometry", layers, [h w c])

   "layer" makes a model's layer struct c from the MATLAB layer L on an input
   of that size: its settings written out ("same" worked out), W, b and
   buffers empty, their sizes in the struct shapes. "geometry" places a
   model's layer list. sizes(k, :) = [input output], each [height width
   channels]; paddings(k, :) = [top bottom left right] of a layer that has a
   padding, then a transposed convolution's output padding [rows columns]. */
#include <stdio.h>
#include <string.h>

#include "mex_args.h"
#include "mex_commands.h"
#include "mex_layers.h"

static const char *const setting_type_names[] = {
  [AE_SETTING_COUNT] = "count", [AE_SETTING_REAL] = "real", [AE_SETTING_STEP] = "step",
  [AE_SETTING_PAIR] = "pair", [AE_SETTING_PADDING] = "padding", [AE_SETTING_GRID] = "grid",
  [AE_SETTING_CHOICE] = "choice"
};

static const void *
at_const (const ae_layer_spec_t *spec, const ae_setting_t *s)
{
  return (const char *) spec + s->offset;
}

/* ---- "layer_types": the declarations, one struct per type ---- */

static mxArray *
settings_struct (const ae_layer_type_t *type)
{
  static const char *const names[] = { "field", "option", "what", "type", "lo", "hi",
                                       "hi_open", "default", "positional", "weight_dim",
                                       "choices" };
  mxArray *s = mxCreateStructMatrix (1, (mwSize) type->n_settings, 11, (const char **) names);
  for (int k = 0; k < type->n_settings; k++)
    {
      const ae_setting_t *d = &type->settings[k];
      mxSetField (s, k, "field", mxCreateString (d->field ? d->field : ""));
      mxSetField (s, k, "option", mxCreateString (d->option ? d->option : ""));
      mxSetField (s, k, "what", mxCreateString (d->what));
      mxSetField (s, k, "type", mxCreateString (setting_type_names[d->type]));
      mxSetField (s, k, "lo", mx_scalar_value (d->lo));
      mxSetField (s, k, "hi", mx_scalar_value (d->hi));
      mxSetField (s, k, "hi_open", mxCreateLogicalScalar (d->hi_open != 0));
      mxSetField (s, k, "default", d->type == AE_SETTING_CHOICE
                                     ? mxCreateString (d->choices[(int) d->fallback])
                                     : mx_scalar_value (d->fallback));
      mxSetField (s, k, "positional", mxCreateLogicalScalar (d->positional != 0));
      mxSetField (s, k, "weight_dim", mx_scalar_value (d->weight_dim));
      mxArray *choices = mxCreateCellMatrix (1, (mwSize) d->n_choices);
      for (int c = 0; c < d->n_choices; c++)
        mxSetCell (choices, c, mxCreateString (d->choices[c]));
      mxSetField (s, k, "choices", choices);
    }
  return s;
}

void
mex_command_layer_types (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  (void) prhs;
  if (nrhs != 1 || nlhs > 2)
    mx_fail ("invalidCall", "usage: [types, blank] = __autoencoder__ (\"layer_types\")");
  static const char *const names[] = { "name", "matlab", "kind", "settings", "mirror_passes",
                                       "buffers" };
  const int n = ae_layer_n_types ();
  mxArray *types = mxCreateStructMatrix (1, (mwSize) n, 6, (const char **) names);
  for (int t = 0; t < n; t++)
    {
      const ae_layer_type_t *type = ae_layer_type (t);
      mxSetField (types, t, "name", mxCreateString (type->name));
      mxSetField (types, t, "matlab", mxCreateString (type->matlab ? type->matlab : ""));
      mxSetField (types, t, "kind", mxCreateString (ae_layer_ops (type->kind)->name));
      mxSetField (types, t, "settings", settings_struct (type));
      mxSetField (types, t, "mirror_passes", mxCreateLogicalScalar (type->mirror_passes != 0));
      mxArray *buffers = mxCreateCellMatrix (1, (mwSize) type->n_buffers);
      for (int k = 0; k < type->n_buffers; k++)
        mxSetCell (buffers, k, mxCreateString (type->buffers[k]));
      mxSetField (types, t, "buffers", buffers);
    }
  plhs[0] = types;
  if (nlhs > 1)
    plhs[1] = mex_layer_blank ();
}

/* ---- placing layers: "layer" and "geometry" ---- */

/* [height width channels], or [height width channels 1] for a sequence of them */
static ae_grid_t
input_grid (const mxArray *input_size)
{
  int hwcs[4] = { 0 };
  const int sequence = mxGetNumberOfElements (input_size) == 4;
  mx_integers (input_size, "the input size [height width channels]", 3 + sequence, 1,
               1 << 30, hwcs);
  if (sequence && hwcs[3] != 1)
    mx_fail ("invalidArgument", "the input size's 4th value marks a sequence: it must be 1");
  return (ae_grid_t) { hwcs[2], hwcs[0], hwcs[1], sequence };
}

static void
place (ae_layer_t *layer, const ae_layer_spec_t *spec, ae_grid_t in, const char *what)
{
  ae_error_t err = { 0 };
  if (ae_layer_place (layer, spec, in, &err) != AE_OK)
    mx_fail (err.status == AE_ERR_MEMORY ? "outOfMemory" : "invalidLayers", "%s%s%s", what,
             *what ? ": " : "", err.message);
}

/* Row `row` of the n-row sizes and paddings of a placed layer (untransposed). */
static void
write_geometry (const ae_layer_t *layer, double *size, double *padding, long row, long n)
{
  const ae_grid_t grids[2] = { layer->in, layer->out };
  for (int g = 0; g < 2; g++)
    {
      size[row + (3 * g) * n] = grids[g].h;
      size[row + (3 * g + 1) * n] = grids[g].w;
      size[row + (3 * g + 2) * n] = grids[g].c;
      size[row + (6 + g) * n] = grids[g].sequence;   /* after the six: is each a sequence */
    }
  if (!ae_layer_ops (layer->spec.kind)->resolve)
    return;
  const ae_conv_spec_t w = ae_layer_resolved (layer).window;
  const double values[6] = { w.pad_top, w.pad_bottom, w.pad_left, w.pad_right,
                             w.output_padding_h, w.output_padding_w };
  for (int k = 0; k < 6; k++)
    padding[row + k * n] = values[k];
}

/* Setting s of a resolved spec as a model keeps it (untransposed). */
static mxArray *
setting_array (const ae_setting_t *s, const ae_layer_spec_t *spec)
{
  const int *v = at_const (spec, s);
  switch (s->type)
    {
    case AE_SETTING_REAL:
      return mx_scalar_value (*(const float *) at_const (spec, s));
    case AE_SETTING_COUNT:
    case AE_SETTING_STEP:
      return mx_scalar_value (v[0]);
    case AE_SETTING_CHOICE:
      return mxCreateString (s->choices[v[0]]);
    case AE_SETTING_PAIR:
      {
        mxArray *a = mxCreateDoubleMatrix (1, 2, mxREAL);
        mxGetPr (a)[0] = v[0], mxGetPr (a)[1] = v[1];
        return a;
      }
    case AE_SETTING_GRID:
      {
        const ae_grid_t *g = at_const (spec, s);
        mxArray *a = mxCreateDoubleMatrix (1, 3, mxREAL);
        mxGetPr (a)[0] = g->h, mxGetPr (a)[1] = g->w, mxGetPr (a)[2] = g->c;
        return a;
      }
    case AE_SETTING_PADDING:   /* resolved: never "same" */
      {
        mxArray *a = mxCreateDoubleMatrix (1, 4, mxREAL);
        for (int k = 0; k < 4; k++)
          mxGetPr (a)[k] = v[1 + k];
        return a;
      }
    }
  return mxCreateDoubleMatrix (0, 0, mxREAL);
}

static mxArray *
dims_array (const mwSize *dims, int n)
{
  mxArray *a = mxCreateDoubleMatrix (1, (mwSize) n, mxREAL);
  for (int k = 0; k < n; k++)
    mxGetPr (a)[k] = (double) dims[k];
  return a;
}

/* The sizes of the layer's W, b and buffers; the layer placed in the
   transposed view, where W's dimensions are its weight_shape reversed. */
static mxArray *
shapes_struct (const ae_layer_type_t *type, const ae_layer_t *layer)
{
  mxArray *shapes = mxCreateStructMatrix (1, 1, 0, NULL);
  mwSize dims[4];
  const int n = mex_layer_weight_dims (layer, dims);
  mxAddField (shapes, "W");
  mxSetField (shapes, 0, "W", dims_array (dims, n));
  const mwSize bias[2] = { (mwSize) layer->n_bias, 1 };
  mxAddField (shapes, "b");
  mxSetField (shapes, 0, "b", dims_array (bias, 2));
  for (int k = 0; k < type->n_buffers; k++)
    {
      long start;
      const mwSize each[2] = { (mwSize) ae_layer_buffer_size (layer, type->n_buffers, k, &start),
                               1 };
      mxAddField (shapes, type->buffers[k]);
      mxSetField (shapes, 0, type->buffers[k], dims_array (each, 2));
    }
  return shapes;
}

static mxArray *
description (const ae_layer_t *layer)
{
  char text[160];
  ae_layer_describe (layer, text, sizeof text);
  return mxCreateString (text);
}

void
mex_command_layer (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 5)
    mx_fail ("invalidCall", "usage: [c, sizes, padding, shapes, description] ="
             " __autoencoder__ (\"layer\", L, [h w c])");
  if (!mxIsStruct (prhs[1]) || mxGetNumberOfElements (prhs[1]) != 1)
    mx_fail ("invalidLayers", "the layer must be one struct made by a layer function");
  const ae_grid_t in = input_grid (prhs[2]);
  ae_layer_spec_t spec, transposed_spec;
  const ae_layer_type_t *type = mex_layer_spec (prhs[1], 0, "", 1, 0, &spec);
  mex_layer_spec (prhs[1], 0, "", 1, 1, &transposed_spec);
  ae_layer_t layer, transposed;
  place (&layer, &spec, in, "");
  place (&transposed, &transposed_spec, (ae_grid_t) { in.c, in.w, in.h, in.sequence }, "");
  const ae_layer_spec_t resolved = ae_layer_resolved (&layer);
  mxArray *c = mex_layer_blank ();
  mxSetField (c, 0, "type", mxCreateString (type->name));
  for (int k = 0; k < type->n_settings; k++)
    {
      const ae_setting_t *s = &type->settings[k];
      if (!s->field)
        continue;
      /* a real as given, not as the core's float */
      const mxArray *given = s->option ? mxGetField (prhs[1], 0, s->option) : NULL;
      mxSetField (c, 0, s->field, s->type == AE_SETTING_REAL && given && !mxIsEmpty (given)
                                    ? mxDuplicateArray (given) : setting_array (s, &resolved));
    }
  plhs[0] = c;
  mxArray *size = mxCreateDoubleMatrix (1, 8, mxREAL);
  mxArray *padding = mxCreateDoubleMatrix (1, 6, mxREAL);
  write_geometry (&layer, mxGetPr (size), mxGetPr (padding), 0, 1);
  mxArray *outputs[4] = { size, padding, shapes_struct (type, &transposed),
                          description (&layer) };
  for (int k = 0; k < 4; k++)
    if (k + 1 < nlhs)
      plhs[k + 1] = outputs[k];
    else
      mxDestroyArray (outputs[k]);
}

void
mex_command_geometry (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  if (nrhs != 3 || nlhs > 3)
    mx_fail ("invalidCall", "usage: [sizes, paddings, descriptions] ="
             " __autoencoder__ (\"geometry\", layers, [h w c])");
  const mxArray *layers = prhs[1];
  if (!mxIsStruct (layers))
    mx_fail ("invalidLayers", "the layers must be a struct array");
  const long n = (long) mxGetNumberOfElements (layers);
  if (n > AE_MAX_LAYERS)
    mx_fail ("invalidLayers", "a network has at most %d layers, not %ld", AE_MAX_LAYERS, n);
  ae_net_t net;
  ae_net_begin_grid (&net, input_grid (prhs[2]));
  mxArray *sizes = mxCreateDoubleMatrix ((mwSize) n, 8, mxREAL);
  mxArray *paddings = mxCreateDoubleMatrix ((mwSize) n, 6, mxREAL);
  mxArray *descriptions = mxCreateCellMatrix ((mwSize) n, 1);
  for (long i = 0; i < n; i++)
    {
      char what[32];
      snprintf (what, sizeof what, "layer %ld", i + 1);
      ae_layer_spec_t spec;
      mex_layer_spec (layers, (mwIndex) i, what, 0, 0, &spec);
      ae_error_t err = { 0 };
      if (ae_net_add (&net, &spec, &err) != AE_OK)
        mx_fail ("invalidLayers", "%s%s%s", n > 1 ? what : "", n > 1 ? ": " : "", err.message);
      write_geometry (&net.layers[i], mxGetPr (sizes), mxGetPr (paddings), i, n);
      mxSetCell (descriptions, (mwIndex) i, description (&net.layers[i]));
    }
  plhs[0] = sizes;
  mxArray *rest[2] = { paddings, descriptions };
  for (int k = 0; k < 2; k++)
    if (k + 1 < nlhs)
      plhs[k + 1] = rest[k];
    else
      mxDestroyArray (rest[k]);
}
