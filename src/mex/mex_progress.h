/* The progress line a long epoch draws in place: the batches done, samples
   per second and the time left, redrawn a few times a second and erased
   before the epoch's own line is printed. */
#ifndef MEX_PROGRESS_H
#define MEX_PROGRESS_H

#include "mex.h"

typedef struct {
  int enabled;
  int epoch, n_epochs;       /* for the label; n_epochs 0 when open-ended */
  double after;              /* seconds into the epoch before the first line */
  double start, last_drawn;
  int width;                 /* of the line on screen; 0 when none */
} mex_progress_t;

/* Reads opts.progress (draw at all; default no), opts.epochs (the run's
   epoch count, for the label; 0 when open-ended) and opts.progress_after
   (seconds into the epoch; default 1). Raises the error of a bad value, so it
   comes before the core allocates. */
void mex_progress_read (mex_progress_t *p, const mxArray *opts);

/* Starts epoch number epoch's clock; raises nothing. */
void mex_progress_begin (mex_progress_t *p, int epoch);

/* The trainers' after-batch hook (ae_after_batch_t, context a
   mex_progress_t): stops on a pending Ctrl-C, otherwise draws the line when
   it is due. */
int mex_progress_after_batch (void *context, long samples_done, long samples_total);

/* Erases the line, if one was drawn. */
void mex_progress_end (mex_progress_t *p);

#endif
