/* Image and feature metrics, in double precision: reconstruction error,
   PSNR, SSIM (Wang et al. 2004), FID (Heusel et al. 2017) and the precision
   and recall of Kynkaanniemi et al. 2019. */
#ifndef AE_METRICS_H
#define AE_METRICS_H

#include "ae_status.h"

/* mse[k] = mean over d values of (a - b)^2, for n samples of d contiguous values. */
void ae_mse (double *mse, const double *a, const double *b, long n, long d);

typedef struct {
  int window;          /* side of the Gaussian window (11) */
  double sigma;        /* its standard deviation (1.5) */
  double k1, k2;       /* 0.01, 0.03 */
  double range;        /* the data range L */
} ae_ssim_config_t;

/* SSIM of n_planes pairs of h-by-w planes (each plane contiguous, stored with
   h the fast index). ssim[p] = mean of the SSIM map over the 'valid' region,
   (h - window + 1)-by-(w - window + 1); map, when not NULL, receives the maps
   one after another. Returns AE_ERR_ARGUMENT when a plane is smaller than the
   window, AE_ERR_MEMORY when scratch space cannot be had, AE_INTERRUPTED
   when ae_interrupt_requested. */
ae_status_t ae_ssim (double *ssim, double *map, const double *a, const double *b,
                     long n_planes, int h, int w, const ae_ssim_config_t *config,
                     ae_error_t *err);

/* Frechet distance between Gaussians fitted to features x1 [n1][d] and
   x2 [n2][d] (covariances normalised by n - 1):
   |mu1 - mu2|^2 + Tr(C1 + C2 - 2 (C1 C2)^(1/2)), the trace of the root taken
   as the sum of square roots of the eigenvalues of C1^(1/2) C2 C1^(1/2).
   Returns AE_ERR_ARGUMENT for fewer than 2 samples, AE_ERR_NUMERIC if LAPACK
   fails. */
ae_status_t ae_fid (double *fid, const double *x1, long n1, const double *x2, long n2,
                    long d, ae_error_t *err);

/* Improved precision and recall: with radius(r) the distance from r to its
   k-th nearest other point of its own set, precision is the fraction of
   fake [n_fake][d] within radius(r) of some real [n_real][d] point r, recall
   the fraction of real points within radius(f) of some fake point f
   (inclusive). Distances come from blocked GEMM, between which
   ae_interrupt_requested may stop it (AE_INTERRUPTED). */
ae_status_t ae_precision_recall (double *precision, double *recall, const double *real,
                                 long n_real, const double *fake, long n_fake, long d,
                                 int k, ae_error_t *err);

#endif
