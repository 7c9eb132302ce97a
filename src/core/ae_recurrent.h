/* What the recurrent kernels (ae_lstm.c, ae_gru.c) share: the batch's
   sizes and lengths, and the input projection of all steps at once, forward
   and backward. */
#ifndef AE_RECURRENT_H
#define AE_RECURRENT_H

#include <math.h>

typedef struct {
  int n_batch, n_steps, n_in, n_hidden;
  const int *lengths;   /* each sample's steps (1 to n_steps), or NULL: all n_steps */
} ae_sequence_shape_t;

/* The steps of sample b. */
static inline int
ae_sequence_length (const ae_sequence_shape_t *s, int b)
{
  return s->lengths ? s->lengths[b] : s->n_steps;
}

static inline float
ae_sigmoidf (float a)
{
  return 1.0f / (1.0f + expf (-a));
}

/* gates [n*T][n_gates] = x [n*T][C] . w_in [C][n_gates] + bias, in one SGEMM. */
void ae_recurrent_project (float *gates, const float *x, const float *w_in, const float *bias,
                           const ae_sequence_shape_t *s, int n_gates);

/* Its backward from d_gates [n*T][n_gates]: d_w_in and d_bias added to,
   d_x [n*T][C] overwritten (skipped when NULL). */
void ae_recurrent_project_backward (float *d_x, float *d_w_in, float *d_bias,
                                    const float *d_gates, const float *x, const float *w_in,
                                    const ae_sequence_shape_t *s, int n_gates);

#endif
