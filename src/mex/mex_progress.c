/* A long epoch's progress line (mex_progress.h). mexPrintf reaches the
   terminal at once in octave-cli, in the GUI and in a Jupyter kernel, so the
   line needs no flush, and the hook calls back into no Octave code: the
   core's trainer is mid-epoch and nothing may raise an error here. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "autoencoder.h"
#include "mex_args.h"
#include "mex_options.h"
#include "mex_progress.h"

enum { BAR_WIDTH = 20 };
static const double REDRAW_SECONDS = 0.25;
/* an epoch expected to take less than this draws no line at all */
static const double LONG_EPOCH_SECONDS = 3.0;

void
mex_progress_read (mex_progress_t *p, const mxArray *opts)
{
  *p = (mex_progress_t) {
    .enabled = mex_optional_scalar (opts, "progress", 0, 0, 1) != 0,
    .n_epochs = (int) mex_optional_scalar (opts, "epochs", 0, 0, 1e9),
    .after = mex_optional_scalar (opts, "progress_after", 1, 0, INFINITY),
  };
}

void
mex_progress_begin (mex_progress_t *p, int epoch)
{
  p->epoch = epoch;
  p->start = ae_seconds_now ();
  p->last_drawn = 0;
  p->width = 0;
}

/* "1:05" or "1:02:05" */
static void
format_duration (char *out, size_t size, double seconds)
{
  long s = seconds < 0 || !isfinite (seconds) ? 0 : (long) (seconds + 0.5);
  if (s >= 3600)
    snprintf (out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    snprintf (out, size, "%ld:%02ld", s / 60, s % 60);
}

static void
draw (mex_progress_t *p, long done, long total, double elapsed)
{
  char bar[BAR_WIDTH + 1], left[32], label[32], line[160];
  int filled = (int) ((double) BAR_WIDTH * done / total);
  for (int k = 0; k < BAR_WIDTH; k++)
    bar[k] = k < filled ? '#' : '.';
  bar[BAR_WIDTH] = '\0';
  format_duration (left, sizeof left, elapsed / done * (total - done));
  if (p->n_epochs > 0)
    snprintf (label, sizeof label, "epoch %d/%d", p->epoch, p->n_epochs);
  else
    snprintf (label, sizeof label, "epoch %d", p->epoch);
  int width = snprintf (line, sizeof line, "%s [%s] %ld/%ld, %.0f samples/s, %s left",
                        label, bar, done, total, done / elapsed, left);
  /* under 80 columns, so a terminal never wraps it (a wrapped line cannot
     be redrawn in place); padded over the longer line drawn before */
  mexPrintf ("\r%-*s", p->width > width ? p->width : width, line);
  p->width = width;
}

int
mex_progress_after_batch (void *context, long samples_done, long samples_total)
{
  mex_progress_t *p = context;
  if (mx_interrupt_requested (NULL))
    return 1;
  if (!p->enabled || samples_done >= samples_total)
    return 0;
  double now = ae_seconds_now (), elapsed = now - p->start;
  if (elapsed < p->after || now - p->last_drawn < REDRAW_SECONDS || samples_done <= 0)
    return 0;
  if (p->width == 0 && elapsed / samples_done * samples_total < LONG_EPOCH_SECONDS
      && p->after > 0)
    return 0;
  draw (p, samples_done, samples_total, elapsed);
  p->last_drawn = now;
  return 0;
}

void
mex_progress_end (mex_progress_t *p)
{
  if (p->width > 0)
    mexPrintf ("\r%*s\r", p->width, "");
  p->width = 0;
}
