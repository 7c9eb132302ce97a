/* Branch-free float exp and log1p that loops auto-vectorize (libm's calls
   stop the vectorizer). Polynomials from Cephes (Moshier); the tests compare
   both with libm over their whole domains. */
#ifndef AE_FASTMATH_H
#define AE_FASTMATH_H

#include <stdint.h>
#include <string.h>

/* Elementwise loops are compiled twice, for x86-64-v3 (AVX2, FMA) and for the
   baseline, and the loader picks the one the processor runs (GCC's ifunc). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define AE_VECTOR_LOOP __attribute__ ((target_clones ("arch=x86-64-v3", "default")))
#else
#define AE_VECTOR_LOOP
#endif

/* Helpers called inside those loops must be inlined for the loops to vectorize. */
#if defined(__GNUC__)
#define AE_INLINE static inline __attribute__ ((always_inline))
#else
#define AE_INLINE static inline
#endif

AE_INLINE float
ae_bits_to_float (int32_t bits)
{
  float f;
  memcpy (&f, &bits, sizeof f);
  return f;
}

/* exp(x), relative error below 3e-7; x is clamped to [-87.3, 88.3], where
   the result stays a normal float. */
AE_INLINE float
ae_expf (float x)
{
  const float log2e = 1.44269504088896341f, ln2_hi = 0.693359375f, ln2_lo = -2.12194440e-4f;
  const float round_magic = 12582912.0f;   /* 1.5 * 2^23: adding it rounds to an integer */
  x = x < -87.3f ? -87.3f : (x > 88.3f ? 88.3f : x);
  float n = (x * log2e + round_magic) - round_magic;
  float r = x - n * ln2_hi - n * ln2_lo;           /* |r| <= ln2 / 2 */
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;                        /* exp(r) */
  return p * ae_bits_to_float (((int32_t) n + 127) << 23);   /* times 2^n */
}

/* log(1 + e) for e in [0, 1], relative error below 3e-7, exact in its
   first term for small e (as log1p is). */
AE_INLINE float
ae_log1pf_unit (float e)
{
  const float sqrt2 = 1.41421356237f, ln2_hi = 0.693359375f, ln2_lo = -2.12194440e-4f;
  float y = 1.0f + e;
  int big = y >= sqrt2;
  /* log(1+e) = k ln2 + log(1 + x), with 1 + x in [sqrt(1/2), sqrt(2)) */
  float x = big ? 0.5f * y - 1.0f : e;
  float k = big ? 1.0f : 0.0f;
  float z = x * x;
  float p = 7.0376836292e-2f;
  p = p * x - 1.1514610310e-1f;
  p = p * x + 1.1676998740e-1f;
  p = p * x - 1.2420140846e-1f;
  p = p * x + 1.4249322787e-1f;
  p = p * x - 1.6668057665e-1f;
  p = p * x + 2.0000714765e-1f;
  p = p * x - 2.4999993993e-1f;
  p = p * x + 3.3333331174e-1f;
  p = p * x * z + k * ln2_lo - 0.5f * z;
  return x + p + k * ln2_hi;
}

/* 1 / (1 + exp(-x)), from e = exp(-|x|) so nothing overflows. */
AE_INLINE float
ae_sigmoid_from (float x, float e)
{
  float inv = 1.0f / (1.0f + e);
  return x >= 0 ? inv : e * inv;
}

/* sigmoid(x) and tanh(x) from ae_expf of a non-positive number (no
   overflow), absolute error below 1e-6: the recurrent layers' gates. */
AE_INLINE float
ae_fast_sigmoidf (float x)
{
  return ae_sigmoid_from (x, ae_expf (-(x < 0 ? -x : x)));
}

AE_INLINE float
ae_fast_tanhf (float x)
{
  const float e = ae_expf (-2.0f * (x < 0 ? -x : x));
  const float t = (1.0f - e) / (1.0f + e);
  return x < 0 ? -t : t;
}

#endif
