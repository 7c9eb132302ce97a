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
                    "a %dx%d window does not fit the %dx%dx%d input padded to %ldx%ld", k_h,
                    k_w, in_h, in_w, in_c, padded_h, padded_w);
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

/* Samples go through the matrix products in groups, so that one SGEMM does
   a group's work: per-sample products are too small for OpenBLAS's threads,
   which then spent a third of an epoch of Keras's VAE waiting. A group's
   scratch stays within GROUP_FLOATS. */
enum { GROUP_FLOATS = 1 << 22 };

static long
positions (const ae_conv_shape_t *s)
{
  return (long) s->out_h * s->out_w;
}

static long
col_rows (const ae_conv_shape_t *s)
{
  return (long) s->in_c * s->k_h * s->k_w;
}

/* samples per group for batches of n_batch */
static int
group_size (const ae_conv_shape_t *s, int n_batch)
{
  long per_sample = positions (s) * (col_rows (s) + s->out_c);
  long g = GROUP_FLOATS / (per_sample > 0 ? per_sample : 1);
  if (g < 1)
    g = 1;
  return (int) (g < n_batch ? g : n_batch);
}

long
ae_conv_col_size (const ae_conv_shape_t *s, int max_batch)
{
  return group_size (s, max_batch) * positions (s) * (col_rows (s) + s->out_c);
}

/* col [in_c k_h k_w][ld] gathers in [in_c][in_h][in_w] under each filter
   position, zero outside the image, into the P columns from `first`. */
static void
im2col (float *col, long ld, long first, const float *in, const ae_conv_shape_t *s)
{
  for (int c = 0; c < s->in_c; c++)
    for (int ky = 0; ky < s->k_h; ky++)
      for (int kx = 0; kx < s->k_w; kx++)
        {
          float *row = col + ((c * s->k_h + ky) * s->k_w + kx) * ld + first;
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

/* The adjoint of im2col: in [in_c][in_h][in_w] = the sum of the entries of
   col's P columns from `first` that read each pixel. */
static void
col2im (float *in, const float *col, long ld, long first, const ae_conv_shape_t *s)
{
  memset (in, 0, (size_t) s->in_c * s->in_h * s->in_w * sizeof *in);
  for (int c = 0; c < s->in_c; c++)
    for (int ky = 0; ky < s->k_h; ky++)
      for (int kx = 0; kx < s->k_w; kx++)
        {
          const float *row = col + ((c * s->k_h + ky) * s->k_w + kx) * ld + first;
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

/* grid [out_c][g P] <-> g samples [g][out_c][P] */
static void
gather (float *grid, const float *samples, int g, const ae_conv_shape_t *s)
{
  const long P = positions (s);
  for (int b = 0; b < g; b++)
    for (int c = 0; c < s->out_c; c++)
      memcpy (grid + c * g * P + b * P, samples + b * ae_conv_out_size (s) + c * P,
              (size_t) P * sizeof *grid);
}

static void
scatter (float *samples, const float *grid, int g, const ae_conv_shape_t *s)
{
  const long P = positions (s);
  for (int b = 0; b < g; b++)
    for (int c = 0; c < s->out_c; c++)
      memcpy (samples + b * ae_conv_out_size (s) + c * P, grid + c * g * P + b * P,
              (size_t) P * sizeof *samples);
}

static void
add_bias (float *planes, const float *bias, int n_channels, long n_positions)
{
  for (int c = 0; c < n_channels; c++)
    for (long p = 0; p < n_positions; p++)
      planes[c * n_positions + p] += bias[c];
}

void
ae_conv_bias_gradient (float *d_bias, const float *planes, int n_channels, long n_positions)
{
  for (int c = 0; c < n_channels; c++)
    {
      double sum = 0;
      for (long p = 0; p < n_positions; p++)
        sum += planes[c * n_positions + p];
      d_bias[c] += (float) sum;
    }
}

/* The three products of a group of g samples, shared by the convolution and
   its adjoint: grid [out_c][g P] = weight [out_c][K] . col [K][g P] ... */
static void
filter_product (float *grid, const float *weight, const float *col, int g,
                const ae_conv_shape_t *s)
{
  const int K = (int) col_rows (s), n = (int) (g * positions (s));
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, s->out_c, n, K, 1.0f, weight, K, col,
               n, 0.0f, grid, n);
}

/* ... col [K][g P] = weight^T [K][out_c] . grid [out_c][g P] ... */
static void
filter_transpose_product (float *col, const float *weight, const float *grid, int g,
                          const ae_conv_shape_t *s)
{
  const int K = (int) col_rows (s), n = (int) (g * positions (s));
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, K, n, s->out_c, 1.0f, weight, K, grid,
               n, 0.0f, col, n);
}

/* ... and d_weight [out_c][K] += grid [out_c][g P] . col^T [g P][K] */
static void
add_filter_gradient (float *d_weight, const float *grid, const float *col, int g,
                     const ae_conv_shape_t *s)
{
  const int K = (int) col_rows (s), n = (int) (g * positions (s));
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, s->out_c, K, n, 1.0f, grid, n, col, n,
               1.0f, d_weight, K);
}

void
ae_conv_forward (float *out, const float *in, const float *weight, const float *bias,
                 int n_batch, const ae_conv_shape_t *s, float *col)
{
  const long K = col_rows (s), P = positions (s);
  /* a group's scratch: col [K][g P], then grid [out_c][g P] */
  const int group = group_size (s, n_batch);
  float *grid = col + K * group * P;
  for (int first = 0; first < n_batch; first += group)
    {
      const int g = n_batch - first < group ? n_batch - first : group;
      for (int b = 0; b < g; b++)
        im2col (col, g * P, b * P, in + (first + b) * ae_conv_in_size (s), s);
      filter_product (grid, weight, col, g, s);
      scatter (out + first * ae_conv_out_size (s), grid, g, s);
      for (int b = 0; b < g; b++)
        add_bias (out + (first + b) * ae_conv_out_size (s), bias, s->out_c, P);
    }
}

void
ae_conv_backward (float *d_in, float *d_weight, float *d_bias, const float *d_out,
                  const float *in, const float *weight, int n_batch, const ae_conv_shape_t *s,
                  float *col)
{
  const long K = col_rows (s), P = positions (s);
  /* a group's scratch: col [K][g P], then grid [out_c][g P] */
  const int group = group_size (s, n_batch);
  float *grid = col + K * group * P;
  for (int first = 0; first < n_batch; first += group)
    {
      const int g = n_batch - first < group ? n_batch - first : group;
      for (int b = 0; b < g; b++)
        {
          im2col (col, g * P, b * P, in + (first + b) * ae_conv_in_size (s), s);
          ae_conv_bias_gradient (d_bias, d_out + (first + b) * ae_conv_out_size (s), s->out_c,
                                 P);
        }
      gather (grid, d_out + first * ae_conv_out_size (s), g, s);
      add_filter_gradient (d_weight, grid, col, g, s);
      if (!d_in)
        continue;
      /* the input's gradient, back onto the images */
      filter_transpose_product (col, weight, grid, g, s);
      for (int b = 0; b < g; b++)
        col2im (d_in + (first + b) * ae_conv_in_size (s), col, g * P, b * P, s);
    }
}

void
ae_conv_transposed_forward (float *out, const float *in, const float *weight,
                            const float *bias, int n_batch, const ae_conv_shape_t *s,
                            float *col)
{
  const long K = col_rows (s), P = positions (s);
  /* a group's scratch: col [K][g P], then grid [out_c][g P] */
  const int group = group_size (s, n_batch);
  float *grid = col + K * group * P;
  for (int first = 0; first < n_batch; first += group)
    {
      const int g = n_batch - first < group ? n_batch - first : group;
      /* the convolution's input gradient: col = weight^T . in, onto the images */
      gather (grid, in + first * ae_conv_out_size (s), g, s);
      filter_transpose_product (col, weight, grid, g, s);
      for (int b = 0; b < g; b++)
        {
          float *out_b = out + (first + b) * ae_conv_in_size (s);
          col2im (out_b, col, g * P, b * P, s);
          add_bias (out_b, bias, s->in_c, (long) s->in_h * s->in_w);
        }
    }
}

void
ae_conv_transposed_backward (float *d_in, float *d_weight, float *d_bias,
                             const float *d_out, const float *in, const float *weight,
                             int n_batch, const ae_conv_shape_t *s, float *col)
{
  const long K = col_rows (s), P = positions (s);
  /* a group's scratch: col [K][g P], then grid [out_c][g P] */
  const int group = group_size (s, n_batch);
  float *grid = col + K * group * P;
  for (int first = 0; first < n_batch; first += group)
    {
      const int g = n_batch - first < group ? n_batch - first : group;
      for (int b = 0; b < g; b++)
        {
          const float *d_out_b = d_out + (first + b) * ae_conv_in_size (s);
          ae_conv_bias_gradient (d_bias, d_out_b, s->in_c, (long) s->in_h * s->in_w);
          im2col (col, g * P, b * P, d_out_b, s);
        }
      /* out = col2im (W^T in), so d_weight += in . im2col (d_out)^T */
      gather (grid, in + first * ae_conv_out_size (s), g, s);
      add_filter_gradient (d_weight, grid, col, g, s);
      /* and d_in = W . im2col (d_out), a convolution */
      if (!d_in)
        continue;
      filter_product (grid, weight, col, g, s);
      scatter (d_in + first * ae_conv_out_size (s), grid, g, s);
    }
}
