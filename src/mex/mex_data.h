/* The data a command reads: a user's array, or data kept by "columns". */
#ifndef MEX_DATA_H
#define MEX_DATA_H

#include "mex.h"

/* A real, full, finite single or double matrix with `rows` rows (any count
   when rows < 0), read as float: the array's own data when it is single,
   otherwise a mxMalloc'd copy; or data kept by "columns" (a struct), read
   in place. *n_columns gets its column count. */
const float *mx_float_columns (const mxArray *a, const char *what, long rows,
                               long *n_columns);

#endif
