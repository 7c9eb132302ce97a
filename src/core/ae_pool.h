/* Pooling and nearest-neighbour upsampling over images stored per sample as
   [channel][row][column]. A pooling layer's geometry is a convolution shape
   (ae_conv.h) with as many output channels as input channels. */
#ifndef AE_POOL_H
#define AE_POOL_H

#include "ae_conv.h"

/* out [n][c][out_h][out_w] = the largest value of each window of
   in [n][c][in_h][in_w]; padding never wins. */
void ae_max_pool_forward (float *out, const float *in, int n_batch, const ae_conv_shape_t *s);

/* d_in (overwritten) gets each d_out at its window's first largest value. */
void ae_max_pool_backward (float *d_in, const float *d_out, const float *in, int n_batch,
                           const ae_conv_shape_t *s);

/* The mean of each window, padding counted as zeros (PyTorch's
   count_include_pad=True). */
void ae_avg_pool_forward (float *out, const float *in, int n_batch, const ae_conv_shape_t *s);
void ae_avg_pool_backward (float *d_in, const float *d_out, int n_batch,
                           const ae_conv_shape_t *s);

/* out [n][c][f h][f w]: each pixel of in [n][c][h][w] repeated f-by-f. */
void ae_upsample_forward (float *out, const float *in, int n_batch, int n_channels, int h,
                          int w, int factor);
/* d_in (overwritten) = the sum of each pixel's f-by-f block of d_out. */
void ae_upsample_backward (float *d_in, const float *d_out, int n_batch, int n_channels,
                           int h, int w, int factor);

#endif
