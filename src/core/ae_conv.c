#include "ae_conv.h"

#include <cblas.h>
#include <string.h>

ae_status_t
ae_conv_shape_init (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c, int k_h,
                    int k_w, int stride, int pad_top, int pad_bottom, int pad_left,
                    int pad_right, ae_error_t *err)
{
  memset (s, 0, sizeof *s);
  if (in_c < 1 || in_h < 1 || in_w < 1 || out_c < 1 || k_h < 1 || k_w < 1 || stride < 1
      || pad_top < 0 || pad_bottom < 0 || pad_left < 0 || pad_right < 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "convolution sizes must be positive and paddings >= 0 (input %dx%dx%d,"
                    " %d filters of %dx%d, stride %d)", in_h, in_w, in_c, out_c, k_h, k_w,
                    stride);
  const long padded_h = (long) in_h + pad_top + pad_bottom;
  const long padded_w = (long) in_w + pad_left + pad_right;
  if (padded_h < k_h || padded_w < k_w)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "a %dx%d filter does not fit a %ldx%ld padded input", k_h, k_w, padded_h,
                    padded_w);
  *s = (ae_conv_shape_t) {
    .in_c = in_c, .in_h = in_h, .in_w = in_w, .out_c = out_c,
    .out_h = (int) ((padded_h - k_h) / stride + 1), .out_w = (int) ((padded_w - k_w) / stride + 1),
    .k_h = k_h, .k_w = k_w, .stride = stride, .pad_top = pad_top, .pad_bottom = pad_bottom,
    .pad_left = pad_left, .pad_right = pad_right
  };
  return AE_OK;
}

static int
same_padding (int in, int k, int stride)
{
  int out = (in + stride - 1) / stride;
  int total = (out - 1) * stride + k - in;
  return total > 0 ? total : 0;
}

ae_status_t
ae_conv_shape_same (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c, int k_h,
                    int k_w, int stride, ae_error_t *err)
{
  if (stride < 1 || in_h < 1 || in_w < 1)
    return ae_conv_shape_init (s, in_c, in_h, in_w, out_c, k_h, k_w, stride, 0, 0, 0, 0, err);
  int pad_h = same_padding (in_h, k_h, stride), pad_w = same_padding (in_w, k_w, stride);
  return ae_conv_shape_init (s, in_c, in_h, in_w, out_c, k_h, k_w, stride, pad_h / 2,
                             pad_h - pad_h / 2, pad_w / 2, pad_w - pad_w / 2, err);
}

ae_status_t
ae_conv_shape_transposed (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c,
                          int k_h, int k_w, int stride, int pad_top, int pad_bottom,
                          int pad_left, int pad_right, int output_padding_h,
                          int output_padding_w, ae_error_t *err)
{
  memset (s, 0, sizeof *s);
  if (output_padding_h < 0 || output_padding_w < 0 || output_padding_h >= stride
      || output_padding_w >= stride)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the output padding (%d, %d) must be >= 0 and below the stride %d",
                    output_padding_h, output_padding_w, stride);
  long big_h = (long) (in_h - 1) * stride - pad_top - pad_bottom + k_h + output_padding_h;
  long big_w = (long) (in_w - 1) * stride - pad_left - pad_right + k_w + output_padding_w;
  if (in_h < 1 || in_w < 1 || stride < 1 || big_h < 1 || big_w < 1 || big_h > (1 << 30)
      || big_w > (1 << 30))
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "a transposed convolution of a %dx%d input, %dx%d filters, stride %d and"
                    " padding %d/%d/%d/%d has no output", in_h, in_w, k_h, k_w, stride,
                    pad_top, pad_bottom, pad_left, pad_right);
  /* the output padding adds rows that the adjoint convolution never reads:
     padding at the bottom of its input that it skips, as PyTorch's does */
  ae_status_t status = ae_conv_shape_init (s, out_c, (int) big_h, (int) big_w, in_c, k_h, k_w,
                                           stride, pad_top, pad_bottom, pad_left, pad_right,
                                           err);
  if (status == AE_OK && (s->out_h != in_h || s->out_w != in_w))
    return ae_fail (err, AE_ERR_ARGUMENT, "inconsistent transposed convolution geometry");
  return status;
}

long
ae_conv_col_size (const ae_conv_shape_t *s)
{
  return (long) s->in_c * s->k_h * s->k_w * s->out_h * s->out_w;
}

/* col [in_c k_h k_w][out_h out_w] gathers in [in_c][in_h][in_w] under each
   filter position, zero outside the image. */
static void
im2col (float *col, const float *in, const ae_conv_shape_t *s)
{
  const int n_out = s->out_h * s->out_w;
  for (int c = 0; c < s->in_c; c++)
    for (int ky = 0; ky < s->k_h; ky++)
      for (int kx = 0; kx < s->k_w; kx++)
        {
          float *row = col + (long) ((c * s->k_h + ky) * s->k_w + kx) * n_out;
          const float *plane = in + (long) c * s->in_h * s->in_w;
          for (int oy = 0; oy < s->out_h; oy++)
            {
              const int iy = oy * s->stride - s->pad_top + ky;
              float *dst = row + (long) oy * s->out_w;
              if (iy < 0 || iy >= s->in_h)
                {
                  memset (dst, 0, (size_t) s->out_w * sizeof *dst);
                  continue;
                }
              for (int ox = 0; ox < s->out_w; ox++)
                {
                  const int ix = ox * s->stride - s->pad_left + kx;
                  dst[ox] = ix >= 0 && ix < s->in_w ? plane[(long) iy * s->in_w + ix] : 0.0f;
                }
            }
        }
}

/* The adjoint of im2col: in [in_c][in_h][in_w] = the sum of col's entries
   that read each pixel. */
static void
col2im (float *in, const float *col, const ae_conv_shape_t *s)
{
  const int n_out = s->out_h * s->out_w;
  memset (in, 0, (size_t) s->in_c * s->in_h * s->in_w * sizeof *in);
  for (int c = 0; c < s->in_c; c++)
    for (int ky = 0; ky < s->k_h; ky++)
      for (int kx = 0; kx < s->k_w; kx++)
        {
          const float *row = col + (long) ((c * s->k_h + ky) * s->k_w + kx) * n_out;
          float *plane = in + (long) c * s->in_h * s->in_w;
          for (int oy = 0; oy < s->out_h; oy++)
            {
              const int iy = oy * s->stride - s->pad_top + ky;
              if (iy < 0 || iy >= s->in_h)
                continue;
              for (int ox = 0; ox < s->out_w; ox++)
                {
                  const int ix = ox * s->stride - s->pad_left + kx;
                  if (ix >= 0 && ix < s->in_w)
                    plane[(long) iy * s->in_w + ix] += row[(long) oy * s->out_w + ox];
                }
            }
        }
}

static long
in_size (const ae_conv_shape_t *s)
{
  return (long) s->in_c * s->in_h * s->in_w;
}

static long
out_size (const ae_conv_shape_t *s)
{
  return (long) s->out_c * s->out_h * s->out_w;
}

/* out [c][p] = bias[c] for every position p */
static void
fill_bias (float *out, const float *bias, int n_channels, int n_positions)
{
  for (int c = 0; c < n_channels; c++)
    for (int p = 0; p < n_positions; p++)
      out[(long) c * n_positions + p] = bias[c];
}

static void
add_bias_gradient (float *d_bias, const float *d_out, int n_channels, int n_positions)
{
  for (int c = 0; c < n_channels; c++)
    {
      double sum = 0;
      for (int p = 0; p < n_positions; p++)
        sum += d_out[(long) c * n_positions + p];
      d_bias[c] += (float) sum;
    }
}

void
ae_conv_forward (float *out, const float *in, const float *weight, const float *bias,
                 int n_batch, const ae_conv_shape_t *s, float *col)
{
  const int n_k = s->in_c * s->k_h * s->k_w, n_p = s->out_h * s->out_w;
  for (int b = 0; b < n_batch; b++)
    {
      float *out_b = out + b * out_size (s);
      im2col (col, in + b * in_size (s), s);
      fill_bias (out_b, bias, s->out_c, n_p);
      /* out_b [out_c][P] += weight [out_c][K] . col [K][P] */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, s->out_c, n_p, n_k, 1.0f,
                   weight, n_k, col, n_p, 1.0f, out_b, n_p);
    }
}

void
ae_conv_backward (float *d_in, float *d_weight, float *d_bias, const float *d_out,
                  const float *in, const float *weight, int n_batch, const ae_conv_shape_t *s,
                  float *col)
{
  const int n_k = s->in_c * s->k_h * s->k_w, n_p = s->out_h * s->out_w;
  for (int b = 0; b < n_batch; b++)
    {
      const float *d_out_b = d_out + b * out_size (s);
      im2col (col, in + b * in_size (s), s);
      /* d_weight [out_c][K] += d_out_b [out_c][P] . col^T [P][K] */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, s->out_c, n_k, n_p, 1.0f,
                   d_out_b, n_p, col, n_p, 1.0f, d_weight, n_k);
      add_bias_gradient (d_bias, d_out_b, s->out_c, n_p);
      if (!d_in)
        continue;
      /* d_col [K][P] = weight^T [K][out_c] . d_out_b [out_c][P], then back onto the image */
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, n_k, n_p, s->out_c, 1.0f,
                   weight, n_k, d_out_b, n_p, 0.0f, col, n_p);
      col2im (d_in + b * in_size (s), col, s);
    }
}

void
ae_conv_transposed_forward (float *out, const float *in, const float *weight,
                            const float *bias, int n_batch, const ae_conv_shape_t *s,
                            float *col)
{
  const int n_k = s->in_c * s->k_h * s->k_w, n_p = s->out_h * s->out_w;
  const int n_in_p = s->in_h * s->in_w;
  for (int b = 0; b < n_batch; b++)
    {
      /* the convolution's input gradient: col = weight^T . in_b, onto the image */
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, n_k, n_p, s->out_c, 1.0f,
                   weight, n_k, in + b * out_size (s), n_p, 0.0f, col, n_p);
      float *out_b = out + b * in_size (s);
      col2im (out_b, col, s);
      for (int c = 0; c < s->in_c; c++)
        for (int p = 0; p < n_in_p; p++)
          out_b[(long) c * n_in_p + p] += bias[c];
    }
}

void
ae_conv_transposed_backward (float *d_in, float *d_weight, float *d_bias,
                             const float *d_out, const float *in, const float *weight,
                             int n_batch, const ae_conv_shape_t *s, float *col)
{
  const int n_k = s->in_c * s->k_h * s->k_w, n_p = s->out_h * s->out_w;
  for (int b = 0; b < n_batch; b++)
    {
      const float *d_out_b = d_out + b * in_size (s);
      const float *in_b = in + b * out_size (s);
      add_bias_gradient (d_bias, d_out_b, s->in_c, s->in_h * s->in_w);
      im2col (col, d_out_b, s);
      /* out = col2im (W^T in): dW [out_c][K] += in_b [out_c][P] . col^T */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, s->out_c, n_k, n_p, 1.0f,
                   in_b, n_p, col, n_p, 1.0f, d_weight, n_k);
      /* and d_in_b [out_c][P] = W [out_c][K] . im2col (d_out_b), a convolution */
      if (d_in)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, s->out_c, n_p, n_k, 1.0f,
                     weight, n_k, col, n_p, 0.0f, d_in + b * out_size (s), n_p);
    }
}
