/* Status codes and the error report every fallible core function fills. */
#ifndef AE_STATUS_H
#define AE_STATUS_H

/* Success and warnings are >= 0, errors are < 0. */
typedef enum {
  AE_OK = 0,
  AE_INTERRUPTED = 1,      /* stopped on request; results so far are valid */
  AE_ERR_ARGUMENT = -1,    /* a caller passed an impossible value */
  AE_ERR_MEMORY = -2,      /* an allocation failed */
  AE_ERR_IO = -3,          /* a file could not be opened or read */
  AE_ERR_FORMAT = -4,      /* a file's contents are not what its header says */
  AE_ERR_NUMERIC = -5      /* a loss became NaN or Inf */
} ae_status_t;

typedef struct {
  ae_status_t status;
  char message[256];
} ae_error_t;

/* Records status and a printf-style message in err (which may be NULL);
   returns status so a caller can write `return ae_fail (err, ...)`. */
ae_status_t ae_fail (ae_error_t *err, ae_status_t status, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* Short lower-case name of a status, used in error identifiers. */
const char *ae_status_name (ae_status_t status);

/* Long computations (forward passes over a data set, evaluations, metrics,
   full-batch losses) ask ae_interrupt_requested between chunks of work, a few
   tens of milliseconds apart, and stop with AE_INTERRUPTED when it answers
   non-zero. The check is process-wide, like the thread count: the MEX gateway
   points it at Octave's Ctrl-C flag; by default (check NULL) nothing stops. */
typedef int (*ae_interrupt_check_t) (void *context);
void ae_set_interrupt_check (ae_interrupt_check_t check, void *context);
int ae_interrupt_requested (void);

/* What the mini-batch trainers call after each batch (step): how many of the
   epoch's samples are done, of how many. The MEX gateway draws its progress
   line and polls Ctrl-C there. A nonzero answer stops the epoch with
   AE_INTERRUPTED. */
typedef int (*ae_after_batch_t) (void *context, long samples_done, long samples_total);

#endif
