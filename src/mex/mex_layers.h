/* Layers as Octave writes them, read and written through the core's type
   table (ae_layer.h): a model's layer struct (its "type" and the fields its
   type declares) or a MATLAB layer made by convolution2dLayer, reluLayer, ...
   (its "Type" and the properties its type declares). No kind is named here:
   a new kind's settings are read and written by its declaration alone. */
#ifndef MEX_LAYERS_H
#define MEX_LAYERS_H

#include "autoencoder.h"
#include "mex.h"

/* The spec of element i of the struct array layers, and its type: a model's
   layer (matlab = 0) or a MATLAB layer (matlab = 1). transposed: as the core
   sees Octave's images (rows as columns; see mex_model.c), so that pairs and
   paddings swap their vertical and horizontal parts. Raises
   autoencoder:invalidModel naming `what` for an unknown type or a setting out
   of its range. */
const ae_layer_type_t *mex_layer_spec (const mxArray *layers, mwIndex i, const char *what,
                                       int matlab, int transposed, ae_layer_spec_t *spec);

/* A 1-by-1 struct with every field a model's layer may have (type, W, b, each
   type's settings and buffers), all empty: the one field set, so that layers
   of any types concatenate. */
mxArray *mex_layer_blank (void);

/* The octave dimensions of a placed layer's weights (transposed view: the
   reverse of its weight_shape), 1 when it has none; their count is returned. */
int mex_layer_weight_dims (const ae_layer_t *layer, mwSize dims[4]);

#endif
