/* The numbers of the kinds that no file outside the kind table names
   (ae_layers.c and its sequence half, ae_layers_sequence.c), after
   ae_layer.h's named ones, and what the two halves share. Private to them. */
#ifndef AE_LAYER_KINDS_H
#define AE_LAYER_KINDS_H

#include "ae_layer.h"

enum {
  KIND_GLOBAL_AVG_POOL = AE_LAYER_N_NAMED_KINDS,
  KIND_MASKED_CONV,
  KIND_FIRST_SEQUENCE,                   /* the kinds of ae_layers_sequence.c: */
  KIND_LSTM = KIND_FIRST_SEQUENCE, KIND_GRU, KIND_BILSTM, KIND_REPEAT, KIND_HIERARCHICAL_LSTM,
  KIND_END
};

/* The entry of a sequence kind, KIND_FIRST_SEQUENCE <= kind < KIND_END. */
const ae_layer_ops_t *ae_sequence_kind (int kind);

/* The sequence half's layer types. */
int ae_sequence_n_types (void);
const ae_layer_type_t *ae_sequence_type (int index);

/* c x h x w: a frame's values. */
static inline long
ae_grid_frame_size (ae_grid_t g)
{
  return (long) g.c * g.h * g.w;
}

#endif
