/* Fully connected layer: out = in . weight + bias, three SGEMM-shaped steps. */
#ifndef AE_DENSE_H
#define AE_DENSE_H

/* Parameters: weight [n_in][n_out] (row-major, which is Octave's n_out-by-n_in
   matrix W of y = W*x + b), then bias [n_out]. */

/* out [n_batch][n_out] = in [n_batch][n_in] . weight [n_in][n_out] + bias [n_out],
   on n_threads (see ae_threads.h; the same bits for any count) */
void ae_dense_forward (float *out, const float *in, const float *weight,
                       const float *bias, int n_batch, int n_in, int n_out, int n_threads);

/* d_weight [n_in][n_out] += in^T . d_out;  d_bias [n_out] += sum over the batch of d_out;
   d_in [n_batch][n_in] = d_out . weight^T, skipped when d_in is NULL; the
   parameter gradients are skipped when d_weight is NULL. */
void ae_dense_backward (float *d_in, float *d_weight, float *d_bias,
                        const float *d_out, const float *in, const float *weight,
                        int n_batch, int n_in, int n_out, int n_threads);

#endif
