/* Finite-difference gradient checking (after KANN's kad_check_grad). */
#ifndef AE_GRADCHECK_H
#define AE_GRADCHECK_H

#include <stddef.h>

/* Scalar objective of some buffer the checker perturbs; ctx is the caller's. */
typedef double (*ae_objective_fn) (void *ctx);

/* Compares grad[n], the analytic gradient of f with respect to x[n], with
   central differences (f(x + h e_i) - f(x - h e_i)) / 2h at up to n_probe
   evenly spread entries (all when n_probe >= n). x is restored. Returns the
   largest error |g - d| / max(scale, |g|, |d|); *worst gets its index. */
double ae_check_grad (ae_objective_fn f, void *ctx, float *x, const float *grad, size_t n,
                      float h, double scale, size_t n_probe, size_t *worst);

#endif
