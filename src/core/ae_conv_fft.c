#include "ae_conv_fft.h"

#include <fftw3.h>
#include <string.h>

/* The crossover, measured with bench/bench_conv on 2 cores after im2col
   learned to multiply groups of samples (bench/RESULTS.md). Through FFTs a
   forward and backward pass of 7x7 filters takes 0.46 of im2col's time on
   28x28 images with 16 -> 16 channels and 0.32 on 64x64 with 8 -> 8, but
   1.06 on 14x14 with 32 -> 64 (0.69 from 11x11 on) and 2.08 on 28x28 with
   1 -> 32, where too few channel pairs share the transforms; 3x3 filters
   always take 1.6 to 3.5 times as long. */
#define AE_CONV_FFT_MIN_AREA 49          /* 7x7 */
#define AE_CONV_FFT_SMALL_IMAGE 400      /* on images of fewer pixels ... */
#define AE_CONV_FFT_SMALL_IMAGE_AREA 121 /* ... only from 11x11 */
#define AE_CONV_FFT_MIN_CHANNELS 4

struct ae_conv_fft {
  ae_conv_shape_t s;
  int fft_h, fft_w;
  long n_freq;                 /* fft_h * (fft_w / 2 + 1) complex values per spectrum */
  fftwf_plan to_freq, to_space;
  float *plane;                /* [fft_h][fft_w] */
  fftwf_complex *kernels;      /* [out_c][in_c] filter spectra */
  fftwf_complex *d_kernels;    /* [out_c][in_c] weight gradient spectra, summed over a batch */
  fftwf_complex *images;       /* [in_c] spectra of padded input-grid planes */
  fftwf_complex *grads;        /* [out_c] spectra of output-grid planes */
  fftwf_complex *acc;          /* one spectrum */
};

int
ae_conv_fft_pays (const ae_conv_shape_t *s)
{
  const int channels = s->in_c < s->out_c ? s->in_c : s->out_c;
  const int area = s->k_h * s->k_w;
  const int small_image = s->in_h * s->in_w < AE_CONV_FFT_SMALL_IMAGE;
  return s->stride == 1 && !ae_conv_is_full_kernel (s) && channels >= AE_CONV_FFT_MIN_CHANNELS
         && area >= (small_image ? AE_CONV_FFT_SMALL_IMAGE_AREA : AE_CONV_FFT_MIN_AREA);
}

/* The smallest n' >= n whose prime factors are 2, 3, 5 and 7: FFTW is several
   times faster on those than on a size with a large prime factor. Padding the
   transform further is safe: the spectra only need room for no wrap. */
static int
smooth_size (int n)
{
  for (;; n++)
    {
      int m = n;
      for (int p = 2; p <= 7; p++)
        while (m % p == 0)
          m /= p;
      if (m == 1)
        return n;
    }
}

ae_conv_fft_t *
ae_conv_fft_new (const ae_conv_shape_t *s, ae_error_t *err)
{
  if (s->stride != 1)
    {
      ae_fail (err, AE_ERR_ARGUMENT, "the FFT path needs stride 1, not %d", s->stride);
      return NULL;
    }
  ae_conv_fft_t *f = fftwf_malloc (sizeof *f);
  if (!f)
    {
      ae_fail (err, AE_ERR_MEMORY, "cannot allocate an FFT convolution");
      return NULL;
    }
  memset (f, 0, sizeof *f);
  f->s = *s;
  f->fft_h = smooth_size (s->in_h + s->pad_top + s->pad_bottom);
  f->fft_w = smooth_size (s->in_w + s->pad_left + s->pad_right);
  f->n_freq = (long) f->fft_h * (f->fft_w / 2 + 1);
  const long n_filters = (long) s->out_c * s->in_c;
  f->plane = fftwf_malloc ((size_t) f->fft_h * f->fft_w * sizeof (float));
  f->kernels = fftwf_malloc ((size_t) (2 * n_filters + s->in_c + s->out_c + 1) * f->n_freq
                             * sizeof (fftwf_complex));
  if (!f->plane || !f->kernels)
    {
      ae_conv_fft_free (f);
      ae_fail (err, AE_ERR_MEMORY, "cannot allocate the spectra of a %dx%d FFT convolution",
               f->fft_h, f->fft_w);
      return NULL;
    }
  f->d_kernels = f->kernels + n_filters * f->n_freq;
  f->images = f->d_kernels + n_filters * f->n_freq;
  f->grads = f->images + (long) s->in_c * f->n_freq;
  f->acc = f->grads + (long) s->out_c * f->n_freq;
  /* spectra sit at offsets FFTW did not plan with: plan for unaligned arrays */
  f->to_freq = fftwf_plan_dft_r2c_2d (f->fft_h, f->fft_w, f->plane, f->acc,
                                      FFTW_ESTIMATE | FFTW_UNALIGNED);
  f->to_space = fftwf_plan_dft_c2r_2d (f->fft_h, f->fft_w, f->acc, f->plane,
                                       FFTW_ESTIMATE | FFTW_UNALIGNED | FFTW_DESTROY_INPUT);
  if (!f->to_freq || !f->to_space)
    {
      ae_conv_fft_free (f);
      ae_fail (err, AE_ERR_MEMORY, "FFTW could not plan a %dx%d transform", f->fft_h,
               f->fft_w);
      return NULL;
    }
  return f;
}

void
ae_conv_fft_free (ae_conv_fft_t *f)
{
  if (!f)
    return;
  if (f->to_freq)
    fftwf_destroy_plan (f->to_freq);
  if (f->to_space)
    fftwf_destroy_plan (f->to_space);
  fftwf_free (f->plane);
  fftwf_free (f->kernels);
  fftwf_free (f);
}

/* spectrum = FFT of a rows x cols block placed at (top, left) of a zero plane */
static void
spectrum_of (ae_conv_fft_t *f, fftwf_complex *spectrum, const float *block, int rows, int cols,
             int top, int left)
{
  memset (f->plane, 0, (size_t) f->fft_h * f->fft_w * sizeof (float));
  for (int y = 0; y < rows; y++)
    memcpy (f->plane + (long) (y + top) * f->fft_w + left, block + (long) y * cols,
            (size_t) cols * sizeof (float));
  fftwf_execute_dft_r2c (f->to_freq, f->plane, spectrum);
}

static void
kernel_spectra (ae_conv_fft_t *f, const float *weight)
{
  const ae_conv_shape_t *s = &f->s;
  const long area = (long) s->k_h * s->k_w;
  for (long i = 0; i < (long) s->out_c * s->in_c; i++)
    spectrum_of (f, f->kernels + i * f->n_freq, weight + i * area, s->k_h, s->k_w, 0, 0);
}

/* the padded input-grid planes [in_c][in_h][in_w] */
static void
image_spectra (ae_conv_fft_t *f, const float *planes)
{
  const ae_conv_shape_t *s = &f->s;
  for (int c = 0; c < s->in_c; c++)
    spectrum_of (f, f->images + c * f->n_freq, planes + (long) c * s->in_h * s->in_w, s->in_h,
                 s->in_w, s->pad_top, s->pad_left);
}

/* the output-grid planes [out_c][out_h][out_w], at the corner */
static void
grad_spectra (ae_conv_fft_t *f, const float *planes)
{
  const ae_conv_shape_t *s = &f->s;
  for (int o = 0; o < s->out_c; o++)
    spectrum_of (f, f->grads + o * f->n_freq, planes + (long) o * s->out_h * s->out_w,
                 s->out_h, s->out_w, 0, 0);
}

/* acc += a * b, or a * conj(b) when conjugate */
static void
multiply_add (float (*restrict acc)[2], const float (*restrict a)[2],
              const float (*restrict b)[2], long n, int conjugate)
{
  const float sign = conjugate ? -1.0f : 1.0f;
  for (long k = 0; k < n; k++)
    {
      const float b_im = sign * b[k][1];
      acc[k][0] += a[k][0] * b[k][0] - a[k][1] * b_im;
      acc[k][1] += a[k][0] * b_im + a[k][1] * b[k][0];
    }
}

/* f->plane = the inverse transform of f->acc, scaled to undo FFTW's factor */
static float
to_space (ae_conv_fft_t *f)
{
  fftwf_execute_dft_c2r (f->to_space, f->acc, f->plane);
  return 1.0f / ((float) f->fft_h * f->fft_w);
}

/* out [out_c][out_h][out_w] = the correlations of the image spectra with the
   filters (a stride-1 convolution), plus bias when not NULL */
static void
correlate (ae_conv_fft_t *f, float *out, const float *bias)
{
  const ae_conv_shape_t *s = &f->s;
  for (int o = 0; o < s->out_c; o++)
    {
      memset (f->acc, 0, (size_t) f->n_freq * sizeof (fftwf_complex));
      for (int c = 0; c < s->in_c; c++)
        multiply_add (f->acc, f->images + c * f->n_freq,
                      f->kernels + ((long) o * s->in_c + c) * f->n_freq, f->n_freq, 1);
      const float scale = to_space (f), b = bias ? bias[o] : 0.0f;
      float *plane = out + (long) o * s->out_h * s->out_w;
      for (int y = 0; y < s->out_h; y++)
        for (int x = 0; x < s->out_w; x++)
          plane[(long) y * s->out_w + x] = scale * f->plane[(long) y * f->fft_w + x] + b;
    }
}

/* in [in_c][in_h][in_w] = the full convolutions of the output-grid spectra
   with the filters, without the padding (the adjoint of correlate), plus bias */
static void
convolve_back (ae_conv_fft_t *f, float *in, const float *bias)
{
  const ae_conv_shape_t *s = &f->s;
  for (int c = 0; c < s->in_c; c++)
    {
      memset (f->acc, 0, (size_t) f->n_freq * sizeof (fftwf_complex));
      for (int o = 0; o < s->out_c; o++)
        multiply_add (f->acc, f->grads + o * f->n_freq,
                      f->kernels + ((long) o * s->in_c + c) * f->n_freq, f->n_freq, 0);
      const float scale = to_space (f), b = bias ? bias[c] : 0.0f;
      float *plane = in + (long) c * s->in_h * s->in_w;
      for (int y = 0; y < s->in_h; y++)
        for (int x = 0; x < s->in_w; x++)
          plane[(long) y * s->in_w + x]
            = scale * f->plane[(long) (y + s->pad_top) * f->fft_w + x + s->pad_left] + b;
    }
}

/* d_kernels [o][c] += images[c] . conj(grads[o]): the weight gradient's spectra */
static void
add_weight_gradient_spectra (ae_conv_fft_t *f)
{
  const ae_conv_shape_t *s = &f->s;
  for (int o = 0; o < s->out_c; o++)
    for (int c = 0; c < s->in_c; c++)
      multiply_add (f->d_kernels + ((long) o * s->in_c + c) * f->n_freq,
                    f->images + c * f->n_freq, f->grads + o * f->n_freq, f->n_freq, 1);
}

static void
add_weight_gradient (ae_conv_fft_t *f, float *d_weight)
{
  const ae_conv_shape_t *s = &f->s;
  for (long i = 0; i < (long) s->out_c * s->in_c; i++)
    {
      memcpy (f->acc, f->d_kernels + i * f->n_freq, (size_t) f->n_freq * sizeof (fftwf_complex));
      const float scale = to_space (f);
      float *dw = d_weight + i * s->k_h * s->k_w;
      for (int ky = 0; ky < s->k_h; ky++)
        for (int kx = 0; kx < s->k_w; kx++)
          dw[ky * s->k_w + kx] += scale * f->plane[(long) ky * f->fft_w + kx];
    }
}

void
ae_conv_fft_forward (ae_conv_fft_t *f, float *out, const float *in, const float *weight,
                     const float *bias, int n_batch)
{
  kernel_spectra (f, weight);
  for (int b = 0; b < n_batch; b++)
    {
      image_spectra (f, in + b * ae_conv_in_size (&f->s));
      correlate (f, out + b * ae_conv_out_size (&f->s), bias);
    }
}

void
ae_conv_fft_backward (ae_conv_fft_t *f, float *d_in, float *d_weight, float *d_bias,
                      const float *d_out, const float *in, const float *weight, int n_batch)
{
  const ae_conv_shape_t *s = &f->s;
  if (d_in)
    kernel_spectra (f, weight);
  memset (f->d_kernels, 0, (size_t) s->out_c * s->in_c * f->n_freq * sizeof (fftwf_complex));
  for (int b = 0; b < n_batch; b++)
    {
      const float *d_out_b = d_out + b * ae_conv_out_size (s);
      image_spectra (f, in + b * ae_conv_in_size (s));
      grad_spectra (f, d_out_b);
      add_weight_gradient_spectra (f);
      ae_conv_bias_gradient (d_bias, d_out_b, s->out_c, (long) s->out_h * s->out_w);
      if (d_in)
        convolve_back (f, d_in + b * ae_conv_in_size (s), NULL);
    }
  add_weight_gradient (f, d_weight);
}

void
ae_conv_fft_transposed_forward (ae_conv_fft_t *f, float *out, const float *in,
                                const float *weight, const float *bias, int n_batch)
{
  kernel_spectra (f, weight);
  for (int b = 0; b < n_batch; b++)
    {
      grad_spectra (f, in + b * ae_conv_out_size (&f->s));
      convolve_back (f, out + b * ae_conv_in_size (&f->s), bias);
    }
}

void
ae_conv_fft_transposed_backward (ae_conv_fft_t *f, float *d_in, float *d_weight,
                                 float *d_bias, const float *d_out, const float *in,
                                 const float *weight, int n_batch)
{
  const ae_conv_shape_t *s = &f->s;
  if (d_in)
    kernel_spectra (f, weight);
  memset (f->d_kernels, 0, (size_t) s->out_c * s->in_c * f->n_freq * sizeof (fftwf_complex));
  for (int b = 0; b < n_batch; b++)
    {
      const float *d_out_b = d_out + b * ae_conv_in_size (s);
      image_spectra (f, d_out_b);
      grad_spectra (f, in + b * ae_conv_out_size (s));
      add_weight_gradient_spectra (f);
      ae_conv_bias_gradient (d_bias, d_out_b, s->in_c, (long) s->in_h * s->in_w);
      if (d_in)
        correlate (f, d_in + b * ae_conv_out_size (s), NULL);
    }
  add_weight_gradient (f, d_weight);
}
