#include "ae_pool.h"

#include <string.h>

/* Every output position (oy, ox) of one plane. */
#define FOR_EACH_WINDOW(s, oy, ox)                                             \
  for (int oy = 0; oy < (s)->out_h; oy++)                                      \
    for (int ox = 0; ox < (s)->out_w; ox++)

/* The input index of the window's pixel (ky, kx), or -1 in the padding. */
static inline long
window_pixel (const ae_conv_shape_t *s, int oy, int ox, int ky, int kx)
{
  const int iy = oy * s->stride - s->pad_top + ky, ix = ox * s->stride - s->pad_left + kx;
  return iy >= 0 && iy < s->in_h && ix >= 0 && ix < s->in_w ? (long) iy * s->in_w + ix : -1;
}

/* The index of the window's first largest value, or -1 when it is all padding. */
static long
window_argmax (const float *plane, const ae_conv_shape_t *s, int oy, int ox)
{
  long best = -1;
  for (int ky = 0; ky < s->k_h; ky++)
    for (int kx = 0; kx < s->k_w; kx++)
      {
        long i = window_pixel (s, oy, ox, ky, kx);
        if (i >= 0 && (best < 0 || plane[i] > plane[best]))
          best = i;
      }
  return best;
}

static long
n_planes (int n_batch, const ae_conv_shape_t *s)
{
  return (long) n_batch * s->in_c;
}

void
ae_max_pool_forward (float *out, const float *in, int n_batch, const ae_conv_shape_t *s)
{
  const long in_plane = (long) s->in_h * s->in_w, out_plane = (long) s->out_h * s->out_w;
  for (long p = 0; p < n_planes (n_batch, s); p++)
    FOR_EACH_WINDOW (s, oy, ox)
      {
        long best = window_argmax (in + p * in_plane, s, oy, ox);
        out[p * out_plane + (long) oy * s->out_w + ox] = best >= 0 ? in[p * in_plane + best] : 0;
      }
}

void
ae_max_pool_backward (float *d_in, const float *d_out, const float *in, int n_batch,
                      const ae_conv_shape_t *s)
{
  const long in_plane = (long) s->in_h * s->in_w, out_plane = (long) s->out_h * s->out_w;
  memset (d_in, 0, (size_t) (n_planes (n_batch, s) * in_plane) * sizeof *d_in);
  for (long p = 0; p < n_planes (n_batch, s); p++)
    FOR_EACH_WINDOW (s, oy, ox)
      {
        long best = window_argmax (in + p * in_plane, s, oy, ox);
        if (best >= 0)
          d_in[p * in_plane + best] += d_out[p * out_plane + (long) oy * s->out_w + ox];
      }
}

void
ae_avg_pool_forward (float *out, const float *in, int n_batch, const ae_conv_shape_t *s)
{
  const long in_plane = (long) s->in_h * s->in_w, out_plane = (long) s->out_h * s->out_w;
  const float scale = 1.0f / (s->k_h * s->k_w);
  for (long p = 0; p < n_planes (n_batch, s); p++)
    FOR_EACH_WINDOW (s, oy, ox)
      {
        float sum = 0;
        for (int ky = 0; ky < s->k_h; ky++)
          for (int kx = 0; kx < s->k_w; kx++)
            {
              long i = window_pixel (s, oy, ox, ky, kx);
              sum += i >= 0 ? in[p * in_plane + i] : 0.0f;
            }
        out[p * out_plane + (long) oy * s->out_w + ox] = scale * sum;
      }
}

void
ae_avg_pool_backward (float *d_in, const float *d_out, int n_batch, const ae_conv_shape_t *s)
{
  const long in_plane = (long) s->in_h * s->in_w, out_plane = (long) s->out_h * s->out_w;
  const float scale = 1.0f / (s->k_h * s->k_w);
  memset (d_in, 0, (size_t) (n_planes (n_batch, s) * in_plane) * sizeof *d_in);
  for (long p = 0; p < n_planes (n_batch, s); p++)
    FOR_EACH_WINDOW (s, oy, ox)
      {
        const float g = scale * d_out[p * out_plane + (long) oy * s->out_w + ox];
        for (int ky = 0; ky < s->k_h; ky++)
          for (int kx = 0; kx < s->k_w; kx++)
            {
              long i = window_pixel (s, oy, ox, ky, kx);
              if (i >= 0)
                d_in[p * in_plane + i] += g;
            }
      }
}

void
ae_upsample_forward (float *out, const float *in, int n_batch, int n_channels, int h, int w,
                     int factor)
{
  const long n = (long) n_batch * n_channels, out_w = (long) w * factor;
  for (long p = 0; p < n; p++)
    for (long y = 0; y < (long) h * factor; y++)
      for (long x = 0; x < out_w; x++)
        out[(p * h * factor + y) * out_w + x] = in[(p * h + y / factor) * w + x / factor];
}

void
ae_upsample_backward (float *d_in, const float *d_out, int n_batch, int n_channels, int h,
                      int w, int factor)
{
  const long n = (long) n_batch * n_channels, out_w = (long) w * factor;
  memset (d_in, 0, (size_t) (n * h * w) * sizeof *d_in);
  for (long p = 0; p < n; p++)
    for (long y = 0; y < (long) h * factor; y++)
      for (long x = 0; x < out_w; x++)
        d_in[(p * h + y / factor) * w + x / factor] += d_out[(p * h * factor + y) * out_w + x];
}
