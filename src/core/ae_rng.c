#include "ae_rng.h"

#include <math.h>

/* The SplitMix64 finaliser: a bijection of 64-bit words with full avalanche,
   so mix(key + counter * golden) is a counter-based generator (Steele et al. 2014). */
static uint64_t
mix64 (uint64_t z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static const uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;

void
ae_rng_seed (ae_rng_t *rng, uint64_t seed, uint64_t stream)
{
  rng->key = mix64 (mix64 (seed) ^ mix64 (stream + golden_gamma));
  rng->counter = 0;
}

uint64_t
ae_rng_next (ae_rng_t *rng)
{
  rng->counter++;
  return mix64 (rng->key + rng->counter * golden_gamma);
}

float
ae_rng_uniform (ae_rng_t *rng)
{
  /* 24 random bits, centred in their cell, so 0 and 1 are never returned */
  return ((float) (ae_rng_next (rng) >> 40) + 0.5f) * (1.0f / 16777216.0f);
}

size_t
ae_rng_below (ae_rng_t *rng, size_t n)
{
  /* Lemire's multiply-shift; the bias is below n / 2^64 */
  return (size_t) (((unsigned __int128) ae_rng_next (rng) * n) >> 64);
}

void
ae_rng_normal (ae_rng_t *rng, float *out, size_t n)
{
  const double two_pi = 6.283185307179586;
  for (size_t i = 0; i < n; i += 2)
    {
      double u1 = ((double) (ae_rng_next (rng) >> 11) + 0.5) * 0x1p-53;
      double u2 = ((double) (ae_rng_next (rng) >> 11) + 0.5) * 0x1p-53;
      double radius = sqrt (-2.0 * log (u1));   /* r = sqrt(-2 ln u1) */
      out[i] = (float) (radius * cos (two_pi * u2));
      if (i + 1 < n)
        out[i + 1] = (float) (radius * sin (two_pi * u2));
    }
}

void
ae_rng_permutation (ae_rng_t *rng, size_t *index, size_t n)
{
  for (size_t i = 0; i < n; i++)
    index[i] = i;
  for (size_t i = n; i > 1; i--)
    {
      size_t j = ae_rng_below (rng, i);
      size_t tmp = index[i - 1];
      index[i - 1] = index[j];
      index[j] = tmp;
    }
}
