/* 2-D convolution and transposed convolution over images stored per sample
   as [channel][row][column] (PyTorch's NCHW), computed as im2col + SGEMM.
   A transposed convolution is the adjoint of a convolution with the same
   geometry, so one shape describes both: `in` is the convolution's input
   grid (the transposed convolution's output) and `out` its output grid. */
#ifndef AE_CONV_H
#define AE_CONV_H

#include "ae_status.h"

typedef struct {
  int in_c, in_h, in_w;            /* the convolution's input grid */
  int out_c, out_h, out_w;         /* its output grid */
  int k_h, k_w, stride;
  int pad_top, pad_bottom, pad_left, pad_right;
} ae_conv_shape_t;

/* The output grid of a convolution of in_h-by-in_w by k_h-by-k_w with the
   given stride and zero padding. Returns AE_ERR_ARGUMENT, naming the sizes,
   when a size is not positive or the kernel does not fit the padded image. */
ae_status_t ae_conv_shape_init (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c,
                                int k_h, int k_w, int stride, int pad_top, int pad_bottom,
                                int pad_left, int pad_right, ae_error_t *err);

/* "same" padding (TensorFlow's and MATLAB's): the output is ceil(in / stride)
   and the padding total(k) = max((out - 1) stride + k - in, 0) is split with
   the odd pixel at the bottom and right. */
ae_status_t ae_conv_shape_same (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c,
                                int k_h, int k_w, int stride, ae_error_t *err);

/* The transposed convolution of stride s and padding p that maps an in_h-by-in_w
   grid onto (in - 1) s - p_top - p_bottom + k + output_padding: its geometry as
   the convolution from that output back to in (the shape's `in` is then the
   transposed convolution's output). */
ae_status_t ae_conv_shape_transposed (ae_conv_shape_t *s, int in_c, int in_h, int in_w,
                                      int out_c, int k_h, int k_w, int stride, int pad_top,
                                      int pad_bottom, int pad_left, int pad_right,
                                      int output_padding_h, int output_padding_w,
                                      ae_error_t *err);

/* Values per sample of the input grid and of the output grid. */
static inline long
ae_conv_in_size (const ae_conv_shape_t *s)
{
  return (long) s->in_c * s->in_h * s->in_w;
}

static inline long
ae_conv_out_size (const ae_conv_shape_t *s)
{
  return (long) s->out_c * s->out_h * s->out_w;
}

/* d_bias [c] += the sum of plane c of planes [n_channels][n_positions]. */
void ae_conv_bias_gradient (float *d_bias, const float *planes, int n_channels,
                            long n_positions);

/* Whether the filter covers the whole unpadded input (one output position):
   the calls below then run the layer as a dense one, with no scratch. */
int ae_conv_is_full_kernel (const ae_conv_shape_t *s);

/* The scratch (floats) that each call below needs in col for batches of up
   to max_batch samples split over n_threads (see ae_threads.h): per thread,
   the im2col matrices and product rows of a group of samples, which one
   SGEMM handles at a time, and its partial weight and bias gradients. The
   calls split a batch over n_threads when it has that many samples; the
   results depend on n_threads (the order of the gradients' sums), never on
   timing. */
long ae_conv_col_size (const ae_conv_shape_t *s, int max_batch, int n_threads);

/* Convolution. weight [out_c][in_c][k_h][k_w] (PyTorch's layout), bias [out_c];
   out [n][out_c][out_h][out_w] = weight * in [n][in_c][in_h][in_w] + bias. */
void ae_conv_forward (float *out, const float *in, const float *weight, const float *bias,
                      int n_batch, const ae_conv_shape_t *s, float *col, int n_threads);

/* d_weight += dL/dweight, d_bias += dL/dbias, and d_in [n][in_c][in_h][in_w]
   = dL/din (overwritten; skipped when NULL) from d_out of the forward above.
   d_weight NULL skips both parameter gradients (and the im2col they need):
   a GAN's generator pass through its discriminator wants d_in alone. The
   transposed convolution's backward below does the same. */
void ae_conv_backward (float *d_in, float *d_weight, float *d_bias, const float *d_out,
                       const float *in, const float *weight, int n_batch,
                       const ae_conv_shape_t *s, float *col, int n_threads);

/* Transposed convolution of a shape made by ae_conv_shape_transposed: weight
   [out_c][in_c][k_h][k_w] as for the convolution (PyTorch's ConvTranspose2d
   weight [c_in][c_out][kh][kw] is the same array, read with the roles of the
   channels swapped), bias [in_c]; out [n][in_c][in_h][in_w] from in
   [n][out_c][out_h][out_w]. */
void ae_conv_transposed_forward (float *out, const float *in, const float *weight,
                                 const float *bias, int n_batch, const ae_conv_shape_t *s,
                                 float *col, int n_threads);

void ae_conv_transposed_backward (float *d_in, float *d_weight, float *d_bias,
                                  const float *d_out, const float *in, const float *weight,
                                  int n_batch, const ae_conv_shape_t *s, float *col,
                                  int n_threads);

#endif
