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

#endif
