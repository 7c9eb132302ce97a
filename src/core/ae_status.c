#include "ae_status.h"

#include <stdarg.h>
#include <stdio.h>

ae_status_t
ae_fail (ae_error_t *err, ae_status_t status, const char *fmt, ...)
{
  if (err)
    {
      va_list args;
      va_start (args, fmt);
      vsnprintf (err->message, sizeof err->message, fmt, args);
      va_end (args);
      err->status = status;
    }
  return status;
}

const char *
ae_status_name (ae_status_t status)
{
  switch (status)
    {
    case AE_OK: return "ok";
    case AE_INTERRUPTED: return "interrupted";
    case AE_ERR_ARGUMENT: return "invalidArgument";
    case AE_ERR_MEMORY: return "outOfMemory";
    case AE_ERR_IO: return "io";
    case AE_ERR_FORMAT: return "badFormat";
    case AE_ERR_NUMERIC: return "diverged";
    }
  return "unknown";
}

static ae_interrupt_check_t interrupt_check;
static void *interrupt_context;

void
ae_set_interrupt_check (ae_interrupt_check_t check, void *context)
{
  interrupt_check = check;
  interrupt_context = context;
}

int
ae_interrupt_requested (void)
{
  return interrupt_check && interrupt_check (interrupt_context);
}
