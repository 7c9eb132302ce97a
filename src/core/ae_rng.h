/* A counter-based random generator, passed explicitly: its whole state is
   (key, counter), so a run is reproducible from its seed and a checkpoint
   can store the state as two integers. */
#ifndef AE_RNG_H
#define AE_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t key;
  uint64_t counter;
} ae_rng_t;

/* Independent streams of one seed: each use of randomness in a run has its own. */
enum { AE_STREAM_INIT = 0, AE_STREAM_SHUFFLE = 1, AE_STREAM_NOISE = 2,
       AE_STREAM_VALIDATION = 3, AE_STREAM_USER = 4 };

void ae_rng_seed (ae_rng_t *rng, uint64_t seed, uint64_t stream);

/* Next 64 random bits. */
uint64_t ae_rng_next (ae_rng_t *rng);

/* Uniform in the open interval (0, 1). */
float ae_rng_uniform (ae_rng_t *rng);

/* Uniform integer in [0, n). */
size_t ae_rng_below (ae_rng_t *rng, size_t n);

/* out[n] ~ N(0, 1), by the Box-Muller transform. */
void ae_rng_normal (ae_rng_t *rng, float *out, size_t n);

/* index[n] = a uniformly random permutation of 0..n-1 (Fisher-Yates). */
void ae_rng_permutation (ae_rng_t *rng, size_t *index, size_t n);

#endif
