/* A gated recurrent unit layer over a batch of sequences (Cho et al. 2014),
   the kernels of the gru kind, with the reset gate applied after the
   recurrent product as MATLAB's gruLayer (ResetGateMode
   "after-multiplication", its default) and PyTorch's nn.GRU do, and their
   gate order: reset r, update z, candidate n. For each step t of a sample,

     a = x_t . w_in + bias,  q = h_{t-1} . w_rec          (3H values each)
     r = sigmoid (a_r + q_r),  z = sigmoid (a_z + q_z)
     n = tanh (a_n + r * (q_n + rec_bias)),  h_t = (1 - z) * n + z * h_{t-1},
     h_0 = 0.

   rec_bias [H] is the candidate's recurrent bias (MATLAB's
   "recurrent-bias-after-multiplication", PyTorch's bias_hh's last third),
   or NULL for none. Layout as the LSTM's (ae_lstm.h): x [n][T][C], h [n][T][H], w_in
   [C][3H], w_rec [H][3H], bias [3H]; steps at or past a sample's length are
   padding (h 0, nothing carried, gradients 0). */
#ifndef AE_GRU_H
#define AE_GRU_H

#include "ae_recurrent.h"

typedef ae_sequence_shape_t ae_gru_shape_t;

/* Floats a forward pass keeps: the gates r, z, n [n][T][3H], q_n + rec_bias
   [n][T][H], and one step's recurrent products [n][3H]. */
long ae_gru_state_size (const ae_gru_shape_t *s);

/* Floats of scratch a backward pass needs. */
long ae_gru_scratch_size (const ae_gru_shape_t *s);

void ae_gru_forward (float *h, float *state, const float *x, const float *w_in,
                     const float *w_rec, const float *bias, const float *rec_bias,
                     const ae_gru_shape_t *s);

/* From d_h [n][T][H]: weight gradients added to d_w_in, d_w_rec, d_bias and
   d_rec_bias (NULL without a recurrent bias); d_x overwritten, skipped when
   NULL. */
void ae_gru_backward (float *d_x, float *d_w_in, float *d_w_rec, float *d_bias,
                      float *d_rec_bias, float *scratch, const float *d_h, const float *x,
                      const float *h, const float *state, const float *w_in,
                      const float *w_rec, const ae_gru_shape_t *s);

#endif
