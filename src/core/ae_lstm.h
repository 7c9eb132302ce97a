/* A long short-term memory layer over a batch of sequences: the kernels of
   the lstm kind (src/core/LAYERS.md, "The time axis"), with the forget gate
   of MATLAB's lstmLayer and PyTorch's nn.LSTM and their gate order: input
   i, forget f, cell candidate g, output o. For each step t of a sample,

     a = x_t . w_in + h_{t-1} . w_rec + bias            (4H values)
     i, f, o = sigmoid (a_i, a_f, a_o),  g = tanh (a_g)
     c_t = f * c_{t-1} + i * g,  h_t = o * tanh (c_t),  h_0 = c_0 = 0.

   Layout, sample-major as every batch of the core: x [n][T][C] and h
   [n][T][H]; weights row-major w_in [C][4H], w_rec [H][4H], bias [4H] (so
   Octave's 4H-by-C InputWeights and 4H-by-H RecurrentWeights, MATLAB's
   layout, are these arrays as they lie in memory).

   Sequences are padded at the end: the steps of a sample at or past its
   length are padding, whose h is 0, which carry nothing to a later step and
   whose gradients are 0. */
#ifndef AE_LSTM_H
#define AE_LSTM_H

#include "ae_recurrent.h"

typedef ae_sequence_shape_t ae_lstm_shape_t;

/* Floats a forward pass keeps for the backward one: the activated gates
   [n][T][4H] and the cells [n][T][H]. */
long ae_lstm_state_size (const ae_lstm_shape_t *s);

/* Floats of scratch a backward pass needs: the gates' gradients [n][T][4H],
   the hidden and cell gradients carried back a step, [n][H] each, and one
   step's hidden gradient [H]. */
long ae_lstm_scratch_size (const ae_lstm_shape_t *s);

/* h [n][T][H] from x [n][T][C]; state [ae_lstm_state_size] is written. */
void ae_lstm_forward (float *h, float *state, const float *x, const float *w_in,
                      const float *w_rec, const float *bias, const ae_lstm_shape_t *s);

/* Back through the steps from d_h [n][T][H] = dL/dh (read at valid steps
   only): the weight gradients are added to d_w_in, d_w_rec and d_bias;
   d_x [n][T][C] is overwritten (0 at padded steps), skipped when NULL. x,
   h and state are the forward pass's. */
void ae_lstm_backward (float *d_x, float *d_w_in, float *d_w_rec, float *d_bias,
                       float *scratch, const float *d_h, const float *x, const float *h,
                       const float *state, const float *w_in, const float *w_rec,
                       const ae_lstm_shape_t *s);

#endif
