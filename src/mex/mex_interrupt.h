/* Octave's signal state, read from C (mex_interrupt.cc). */
#ifndef MEX_INTERRUPT_H
#define MEX_INTERRUPT_H

#include "mex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether Octave has caught a signal (Ctrl-C, SIGTERM, ...) not yet
   answered: the core's should-stop and interrupt checks. Any thread may ask. */
int mex_signal_pending (void);

/* Answers a pending Ctrl-C (clears it, returns 1) so that training can
   return the model it has; any other signal stays pending (returns 0). */
int mex_take_interrupt (void);

/* The gateway's commands (__autoencoder__.c), called by mexFunction. */
void mex_dispatch (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[]);

#ifdef __cplusplus
}
#endif

#endif
