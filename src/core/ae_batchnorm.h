/* Batch normalization (Ioffe and Szegedy 2015) over channels: values are
   [n_batch][n_channels][n_positions] (a dense layer's features are channels
   of one position, an image's channels have h w positions), and each channel
   c is normalized over its n_batch * n_positions values:

     y = gamma_c (x - mean_c) / sqrt(var_c + eps) + beta_c

   In training the mean and the biased variance are the batch's own, and the
   running statistics move towards them (PyTorch's BatchNorm1d/2d, MATLAB's
   batchNormalizationLayer: running = (1 - decay) running + decay batch, with
   the unbiased variance); in inference they replace the batch's. */
#ifndef AE_BATCHNORM_H
#define AE_BATCHNORM_H

/* Training: out from in with the batch's statistics; mean [C] and inv_std
   [C] = 1 / sqrt(var + eps) are kept for the backward pass and var [C] (the
   biased variance) for the running statistics. */
void ae_batchnorm_forward_train (float *out, const float *in, const float *gamma,
                                 const float *beta, int n_batch, int n_channels,
                                 long n_positions, float eps, float *mean, float *inv_std,
                                 float *var);

/* Inference: out from in with the running statistics. */
void ae_batchnorm_forward_eval (float *out, const float *in, const float *gamma,
                                const float *beta, const float *running_mean,
                                const float *running_var, int n_batch, int n_channels,
                                long n_positions, float eps);

/* The backward pass of the training forward: d_gamma and d_beta added to
   (unless d_gamma is NULL), d_in (when not NULL) overwritten:
     d_in = gamma inv_std / m (m d_out - sum d_out - x_hat sum (d_out x_hat)),
   m = n_batch n_positions, x_hat = (in - mean) inv_std. */
void ae_batchnorm_backward (float *d_in, float *d_gamma, float *d_beta, const float *d_out,
                            const float *in, const float *gamma, const float *mean,
                            const float *inv_std, int n_batch, int n_channels,
                            long n_positions);

/* running_mean += mean_decay (mean - running_mean), running_var likewise by
   variance_decay with the unbiased variance var m / (m - 1) (var itself when
   m = 1). */
void ae_batchnorm_update_running (float *running_mean, float *running_var, const float *mean,
                                  const float *var, int n_channels, long m, float mean_decay,
                                  float variance_decay);

#endif
