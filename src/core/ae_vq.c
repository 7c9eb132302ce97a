#include "ae_vq.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the scores of a product stay under 4M floats (16 MB) whatever K is */
enum { SCORE_FLOATS = 1 << 22, MAX_CHUNK = 4096 };

ae_status_t
ae_vq_state_init (ae_vq_state_t *s, int n_codes, int dim, long max_rows, ae_error_t *err)
{
  memset (s, 0, sizeof *s);
  s->n_codes = n_codes;
  s->dim = dim;
  s->max_rows = max_rows;
  s->chunk = SCORE_FLOATS / n_codes;
  if (s->chunk > MAX_CHUNK)
    s->chunk = MAX_CHUNK;
  if (s->chunk < 1)
    s->chunk = 1;
  s->codes = malloc ((size_t) max_rows * sizeof *s->codes);
  s->rows = malloc ((size_t) max_rows * dim * sizeof *s->rows);
  s->scores = malloc ((size_t) s->chunk * n_codes * sizeof *s->scores);
  s->code_norms = malloc ((size_t) n_codes * sizeof *s->code_norms);
  s->batch_counts = malloc ((size_t) n_codes * sizeof *s->batch_counts);
  s->batch_sums = malloc ((size_t) n_codes * dim * sizeof *s->batch_sums);
  if (!s->codes || !s->rows || !s->scores || !s->code_norms || !s->batch_counts
      || !s->batch_sums)
    {
      ae_vq_state_free (s);
      return ae_fail (err, AE_ERR_MEMORY, "no memory for vector quantization of %ld vectors"
                      " of %d values by %d codes", max_rows, dim, n_codes);
    }
  return AE_OK;
}

void
ae_vq_state_free (ae_vq_state_t *s)
{
  free (s->codes);
  free (s->rows);
  free (s->scores);
  free (s->code_norms);
  free (s->batch_counts);
  free (s->batch_sums);
  memset (s, 0, sizeof *s);
}

/* rows [n P][D] from the samples' [D][P]: a vector's values are P apart */
static void
gather_rows (float *rows, const float *in, int n_batch, long P, int D)
{
  for (int b = 0; b < n_batch; b++)
    {
      const float *sample = in + (long) b * D * P;
      float *r = rows + (long) b * P * D;
      for (long p = 0; p < P; p++)
        for (int d = 0; d < D; d++)
          r[p * D + d] = sample[(long) d * P + p];
    }
}

/* codes of rows [first, first + count): the least |e_k|^2 - 2 z.e_k */
static void
nearest_codes (ae_vq_state_t *s, const float *codebook, long first, long count)
{
  const int K = s->n_codes, D = s->dim;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) count, K, D, -2.0f,
               s->rows + first * D, D, codebook, D, 0.0f, s->scores, K);
  for (long r = 0; r < count; r++)
    {
      const float *score = s->scores + r * K;
      int best = 0;
      float least = FLT_MAX;
      for (int k = 0; k < K; k++)
        {
          const float distance = score[k] + s->code_norms[k];
          if (distance < least)
            {
              least = distance;
              best = k;
            }
        }
      s->codes[first + r] = best;
    }
}

void
ae_vq_forward (ae_vq_state_t *s, float *out, const float *in, const float *codebook,
               int n_batch, long n_positions, int training)
{
  const int K = s->n_codes, D = s->dim;
  const long P = n_positions, n_rows = (long) n_batch * P;
  s->n_rows = n_rows;
  gather_rows (s->rows, in, n_batch, P, D);
  for (int k = 0; k < K; k++)
    {
      double norm = 0;
      for (int d = 0; d < D; d++)
        norm += (double) codebook[(long) k * D + d] * codebook[(long) k * D + d];
      s->code_norms[k] = (float) norm;
    }
  for (long first = 0; first < n_rows; first += s->chunk)
    nearest_codes (s, codebook, first, n_rows - first < s->chunk ? n_rows - first : s->chunk);
  for (int b = 0; b < n_batch; b++)
    for (long p = 0; p < P; p++)
      {
        const float *e = codebook + (long) s->codes[(long) b * P + p] * D;
        float *o = out + (long) b * D * P + p;
        for (int d = 0; d < D; d++)
          o[(long) d * P] = e[d];
      }
  if (!training)
    return;
  memset (s->batch_counts, 0, (size_t) K * sizeof *s->batch_counts);
  memset (s->batch_sums, 0, (size_t) K * D * sizeof *s->batch_sums);
  for (long r = 0; r < n_rows; r++)
    {
      const int k = s->codes[r];
      s->batch_counts[k] += 1;
      for (int d = 0; d < D; d++)
        s->batch_sums[(long) k * D + d] += s->rows[r * D + d];
    }
}

double
ae_vq_distortion (const float *in, const float *out, long n)
{
  double sum = 0;
  for (long i = 0; i < n; i++)
    {
      const double diff = (double) in[i] - out[i];
      sum += diff * diff;
    }
  return sum;
}

double
ae_vq_terms (float *d_in, float *d_codebook, const float *in, const float *out,
             const ae_vq_state_t *s, int n_batch, long n_positions, float commitment_scale,
             float codebook_scale)
{
  const int D = s->dim;
  const long P = n_positions, n = (long) n_batch * D * P;
  if (d_in)
    for (long i = 0; i < n; i++)
      d_in[i] += 2.0f * commitment_scale * (in[i] - out[i]);
  if (d_codebook)
    for (int b = 0; b < n_batch; b++)
      for (long p = 0; p < P; p++)
        {
          const long at = (long) b * D * P + p;
          float *g = d_codebook + (long) s->codes[(long) b * P + p] * D;
          for (int d = 0; d < D; d++)
            g[d] += 2.0f * codebook_scale * (out[at + (long) d * P] - in[at + (long) d * P]);
        }
  return ae_vq_distortion (in, out, n);
}

void
ae_vq_update (float *codebook, float *counts, float *sums, const ae_vq_state_t *s,
              float decay, float epsilon)
{
  const int K = s->n_codes, D = s->dim;
  double total = 0;
  for (int k = 0; k < K; k++)
    {
      counts[k] = (float) (decay * counts[k] + (1.0 - decay) * s->batch_counts[k]);
      total += counts[k];
    }
  if (!sums)
    return;
  for (int k = 0; k < K; k++)
    {
      if (counts[k] == 0)
        continue;   /* never given a vector: the code keeps its place */
      const double smoothed = (counts[k] + epsilon) * total / (total + K * (double) epsilon);
      for (int d = 0; d < D; d++)
        {
          const long at = (long) k * D + d;
          sums[at] = (float) (decay * sums[at] + (1.0 - decay) * s->batch_sums[at]);
          codebook[at] = (float) (sums[at] / smoothed);
        }
    }
}

int
ae_vq_restart (float *codebook, float *counts, float *sums, const ae_vq_state_t *s,
               float threshold, ae_rng_t *rng)
{
  const int K = s->n_codes, D = s->dim;
  int restarted = 0;
  if (s->n_rows < 1)
    return 0;
  for (int k = 0; k < K; k++)
    if (counts[k] < threshold)
      {
        const float *z = s->rows + (long) ae_rng_below (rng, (size_t) s->n_rows) * D;
        memcpy (codebook + (long) k * D, z, (size_t) D * sizeof *z);
        counts[k] = threshold;
        if (sums)
          for (int d = 0; d < D; d++)
            sums[(long) k * D + d] = threshold * z[d];
        restarted++;
      }
  return restarted;
}

double
ae_vq_perplexity (const double *counts, int n_codes, int *used)
{
  double total = 0, entropy = 0;
  *used = 0;
  for (int k = 0; k < n_codes; k++)
    total += counts[k];
  if (total <= 0)
    return 0;
  for (int k = 0; k < n_codes; k++)
    if (counts[k] > 0)
      {
        const double p = counts[k] / total;
        entropy -= p * log (p);
        ++*used;
      }
  return exp (entropy);
}
