/* A bidirectional LSTM (MATLAB's bilstmLayer, PyTorch's nn.LSTM with
   bidirectional=True): one LSTM (ae_lstm.h) over each sample's steps, one
   over its steps in reverse (within its own length, not the batch's), their
   outputs side by side at each step, h [n][T][2H] = [forward, backward].

   Parameters, one array: the forward direction's w_in [C][4H], w_rec
   [H][4H] and bias [4H], then the backward direction's (so Octave's stacked
   8H-by-C InputWeights of MATLAB's layer hold the two directions' weights
   one after the other per input). */
#ifndef AE_BILSTM_H
#define AE_BILSTM_H

#include "ae_lstm.h"

/* Parameters of one direction: 4H (C + H + 1); the layer has twice that. */
long ae_bilstm_direction_size (const ae_sequence_shape_t *s);

long ae_bilstm_state_size (const ae_sequence_shape_t *s);
long ae_bilstm_scratch_size (const ae_sequence_shape_t *s);

/* h [n][T][2H] from x [n][T][C]; state [ae_bilstm_state_size] is written. */
void ae_bilstm_forward (float *h, float *state, const float *x, const float *params,
                        const ae_sequence_shape_t *s);

/* From d_h [n][T][2H]: the parameters' gradients added to d_params, d_x
   overwritten (skipped when NULL); x and state are the forward pass's. */
void ae_bilstm_backward (float *d_x, float *d_params, float *scratch, const float *d_h,
                         const float *x, const float *state, const float *params,
                         const ae_sequence_shape_t *s);

#endif
