/* The data a command reads: a user's array, or data kept by "columns". */
#ifndef MEX_DATA_H
#define MEX_DATA_H

#include "autoencoder.h"
#include "mex.h"

/* A real, full, finite single or double matrix with `rows` rows (any count
   when rows < 0), read as float: the array's own data when it is single,
   otherwise a mxMalloc'd copy; or data kept by "columns" (a struct), read
   in place. *n_columns gets its column count. */
const float *mx_float_columns (const mxArray *a, const char *what, long rows,
                               long *n_columns);

/* Sequences as Octave hands them to the gateway: struct ("frames", F,
   "lengths", L), F the frame-by-total matrix of every sample's steps back to
   back (read as mx_float_columns reads data), L the 1-by-N steps of each
   (integers >= 1 that add up to total). The offsets are mxMalloc'd. */
int mx_is_sequences (const mxArray *a);
void mx_sequences (const mxArray *a, const char *what, int frame, ae_sequences_t *seq);

/* The same struct for sequences of seq's lengths of `frame` values a step,
   its frames uninitialised: *frames points at them ([total][frame]). */
mxArray *mx_sequences_value (int frame, const ae_sequences_t *seq, float **frames);

#endif
