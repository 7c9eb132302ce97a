/* Stride-1 convolutions and transposed convolutions through FFTW: each
   product of an image plane with a filter becomes a product of spectra, so
   the work per output no longer grows with the filter's area. Same shapes,
   layouts and results (to rounding) as ae_conv.h; which path a layer takes
   is ae_conv_fft_pays (measured, see bench/bench_conv.c). */
#ifndef AE_CONV_FFT_H
#define AE_CONV_FFT_H

#include "ae_conv.h"

/* Planned transforms and spectra for one shape: the padded input plane
   (in_h + pad_top + pad_bottom by in_w + pad_left + pad_right) is the
   transform size, large enough that no circular wrap reaches a result. */
typedef struct ae_conv_fft ae_conv_fft_t;

/* Whether the FFT path is the faster for this shape: stride 1, at least 4
   channels on either side and a filter of at least 7x7 pixels (11x11 on
   images of fewer than 400 pixels). */
int ae_conv_fft_pays (const ae_conv_shape_t *s);

/* NULL with err set when the shape has a stride other than 1 or memory runs out. */
ae_conv_fft_t *ae_conv_fft_new (const ae_conv_shape_t *s, ae_error_t *err);
void ae_conv_fft_free (ae_conv_fft_t *f);

/* As ae_conv_forward / ae_conv_backward / ae_conv_transposed_* without the col scratch. */
void ae_conv_fft_forward (ae_conv_fft_t *f, float *out, const float *in, const float *weight,
                          const float *bias, int n_batch);
void ae_conv_fft_backward (ae_conv_fft_t *f, float *d_in, float *d_weight, float *d_bias,
                           const float *d_out, const float *in, const float *weight,
                           int n_batch);
void ae_conv_fft_transposed_forward (ae_conv_fft_t *f, float *out, const float *in,
                                     const float *weight, const float *bias, int n_batch);
void ae_conv_fft_transposed_backward (ae_conv_fft_t *f, float *d_in, float *d_weight,
                                      float *d_bias, const float *d_out, const float *in,
                                      const float *weight, int n_batch);

#endif
