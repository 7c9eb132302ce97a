/* Vector quantization (van den Oord et al. 2017, "Neural Discrete
   Representation Learning"): every position's vector of D channels is
   replaced by its nearest entry of a codebook of K vectors, and the
   gradient passes the quantization straight through. A sample is [D][P],
   P positions (h x w) of D channels, as every grid of the package.

   The objective's quantization term of one sample, with z the encoder's
   vectors, e = the codes they were given, sg() a stopped gradient:

     codebook loss  sum_p |sg(z_p) - e_p|^2    (trains the codebook; absent
                                                when it is moved by averages)
     commitment     beta sum_p |z_p - sg(e_p)|^2   (keeps z near its code)

   Moving averages (the paper's appendix, Sonnet's VectorQuantizerEMA)
   replace the codebook loss: per code, N_k <- decay N_k + (1 - decay) n_k
   and m_k <- decay m_k + (1 - decay) sum of the vectors it was given, and
   e_k = m_k / N'_k with Laplace smoothing N'_k = (N_k + eps) n / (n + K eps),
   n = sum N_k. N and m start at zero: their ratio is then the decayed mean
   of the code's vectors from the first step (the bias of both averages
   cancels, as Sonnet's debiased averages do), and a code never given a
   vector keeps its place. A dead code (N_k under a threshold; Dhariwal et al. 2020,
   Jukebox) restarts at a vector of the last batch. */
#ifndef AE_VQ_H
#define AE_VQ_H

#include "ae_rng.h"
#include "ae_status.h"

/* What a forward pass leaves for the loss terms and the updates. */
typedef struct {
  int n_codes, dim;            /* K, D */
  long max_rows, n_rows;       /* vectors of the largest and of the last pass */
  int *codes;                  /* [max_rows] each vector's code, sample-major */
  float *rows;                 /* [max_rows][D] the vectors, a row each */
  float *scores;               /* [chunk][K] distances less |z|^2 */
  float *code_norms;           /* [K] |e_k|^2 */
  double *batch_counts;        /* [K] the last training pass's vectors per code */
  double *batch_sums;          /* [K][D] and their sums */
  long chunk;                  /* rows scored per product */
} ae_vq_state_t;

/* Workspace for passes of up to max_rows vectors; AE_ERR_MEMORY names the
   sizes. ae_vq_state_free frees what init made (and a zeroed state). */
ae_status_t ae_vq_state_init (ae_vq_state_t *s, int n_codes, int dim, long max_rows,
                              ae_error_t *err);
void ae_vq_state_free (ae_vq_state_t *s);

/* out [n][D][P] = the nearest codes of in [n][D][P] (ties to the lower
   index); with `training` the counts and sums of the vectors each code got
   as well. codebook [K][D]. */
void ae_vq_forward (ae_vq_state_t *s, float *out, const float *in, const float *codebook,
                    int n_batch, long n_positions, int training);

/* sum |in - out|^2 over n values: the distortion, each sample's codebook
   loss and commitment before their weights. */
double ae_vq_distortion (const float *in, const float *out, long n);

/* The terms' gradients of the last forward pass (which ran on in and gave
   out, [n][D][P]): d_in += commitment_scale * 2 (in - out) unless d_in is
   NULL, and d_codebook [K][D] += codebook_scale * 2 (e_k - z) for every
   vector z given code k, unless d_codebook is NULL. Returns the distortion. */
double ae_vq_terms (float *d_in, float *d_codebook, const float *in, const float *out,
                    const ae_vq_state_t *s, int n_batch, long n_positions,
                    float commitment_scale, float codebook_scale);

/* After a training step: counts [K] (the codes' moving counts N_k) move
   towards the last batch's with decay; with sums [K][D] (moving averages:
   not NULL) the codebook becomes m_k / N'_k as above. */
void ae_vq_update (float *codebook, float *counts, float *sums, const ae_vq_state_t *s,
                   float decay, float epsilon);

/* Codes whose count is below threshold start again at a vector of the last
   batch drawn by rng, with a count of threshold (and sums of that count
   times it); returns how many. */
int ae_vq_restart (float *codebook, float *counts, float *sums, const ae_vq_state_t *s,
                   float threshold, ae_rng_t *rng);

/* The perplexity exp(-sum p_k log p_k) of counts [K] (p_k = counts_k / sum)
   and, in *used, the codes with a count above zero; 0 for no counts. */
double ae_vq_perplexity (const double *counts, int n_codes, int *used);

#endif
