#include "ae_image_source.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Reasons kept for the warning that names the files skipped. */
enum { KEPT_FAILURES = 16 };

struct ae_image_source {
  ae_sample_source_t base;   /* first: the trainer's pointer is this struct's */
  const char *const *paths;
  long n_files;
  ae_image_shape_t shape;
  int n_threads;
  size_t image_size;         /* values of one image */
  const size_t *order;       /* this epoch's, the trainer's */
  long n;
  int batch_size;            /* this epoch's */
  int capacity;              /* the largest batch the buffers hold */
  int started;               /* the reader thread runs */
  /* two batches: the reader decodes into one while the trainer copies the other */
  float *buffer[2];
  ae_error_t *errors[2];
  const char **batch_paths[2];
  int count[2];              /* images in buffer b, the unreadable left out */
  long holds[2];             /* the batch (its first position) buffer b holds, or -1 */
  pthread_t reader;
  pthread_mutex_t lock;
  pthread_cond_t wake, done;
  long requested;            /* the batch asked of the reader, or -1 */
  int requested_buffer;
  int busy;                  /* the reader is decoding */
  long decoding;             /* the batch it decodes */
  int quit;
  int cancel;                /* set atomically: the batch being decoded is dropped */
  unsigned char *failed;     /* [n_files] files met unreadable */
  long n_failed;
  long failed_files[KEPT_FAILURES];
  ae_error_t failed_why[KEPT_FAILURES];
  double waited;
  double reading;            /* the reader's seconds decoding */
};

/* The batch at position first into buffer b, the unreadable files left out
   and recorded; on the reader thread, without the lock. */
static void
decode_batch (ae_image_source_t *s, int b, long first)
{
  const int count = (int) (s->n - first < s->batch_size ? s->n - first : s->batch_size);
  for (int k = 0; k < count; k++)
    s->batch_paths[b][k] = s->paths[s->order[first + k]];
  const ae_status_t read = ae_image_read_files_quietly ((const char *const *) s->batch_paths[b],
                                                        count, &s->shape, s->n_threads,
                                                        &s->cancel, s->buffer[b], s->errors[b]);
  if (read == AE_INTERRUPTED)
    return;   /* cancelled: nothing kept, no file blamed */
  int put = 0;
  pthread_mutex_lock (&s->lock);
  for (int k = 0; k < count; k++)
    {
      if (s->errors[b][k].status == AE_OK)
        {
          if (put != k)
            memmove (s->buffer[b] + s->image_size * (size_t) put,
                     s->buffer[b] + s->image_size * (size_t) k, s->image_size * sizeof (float));
          put++;
          continue;
        }
      const size_t file = s->order[first + k];
      if (!s->failed[file])
        {
          s->failed[file] = 1;
          if (s->n_failed < KEPT_FAILURES)
            {
              s->failed_files[s->n_failed] = (long) file;
              s->failed_why[s->n_failed] = s->errors[b][k];
            }
          s->n_failed++;
        }
    }
  s->count[b] = put;
  s->holds[b] = first;
  pthread_mutex_unlock (&s->lock);
}

static void *
reader_loop (void *arg)
{
  ae_image_source_t *s = arg;
  pthread_mutex_lock (&s->lock);
  for (;;)
    {
      while (!s->quit && s->requested < 0)
        pthread_cond_wait (&s->wake, &s->lock);
      if (s->quit)
        break;
      const long first = s->requested;
      const int b = s->requested_buffer;
      s->requested = -1;
      s->busy = 1;
      s->decoding = first;
      s->holds[b] = -1;
      pthread_mutex_unlock (&s->lock);
      const double start = ae_seconds_now ();
      decode_batch (s, b, first);
      pthread_mutex_lock (&s->lock);
      s->reading += ae_seconds_now () - start;
      s->busy = 0;
      pthread_cond_broadcast (&s->done);
    }
  pthread_mutex_unlock (&s->lock);
  return NULL;
}

/* Asks the reader for the batch at first into buffer b; with the lock held. */
static void
request (ae_image_source_t *s, long first, int b)
{
  s->requested = first;
  s->requested_buffer = b;
  pthread_cond_signal (&s->wake);
}

/* Waits, with the lock held, until the reader is idle and has nothing
   asked of it (or, with first >= 0, until a buffer holds that batch),
   asking the calling thread's interrupt check every 20 ms: 1 when
   interrupted. */
static int
wait_for_reader (ae_image_source_t *s, long first)
{
  for (;;)
    {
      if (first >= 0 ? s->holds[0] == first || s->holds[1] == first
                     : !s->busy && s->requested < 0)
        return 0;
      struct timespec until;
      clock_gettime (CLOCK_REALTIME, &until);
      until.tv_nsec += 20000000;
      if (until.tv_nsec >= 1000000000)
        until.tv_sec++, until.tv_nsec -= 1000000000;
      if (pthread_cond_timedwait (&s->done, &s->lock, &until) == ETIMEDOUT)
        {
          pthread_mutex_unlock (&s->lock);
          const int stop = ae_interrupt_requested ();
          pthread_mutex_lock (&s->lock);
          if (stop)
            return 1;
        }
    }
}

static ae_status_t
start_epoch (ae_sample_source_t *base, const size_t *order, long n, int batch_size,
             ae_error_t *err)
{
  ae_image_source_t *s = (ae_image_source_t *) base;
  if (batch_size < 1 || batch_size > s->capacity || n > s->n_files)
    return ae_fail (err, AE_ERR_ARGUMENT, "an epoch of %ld samples in batches of %d from %ld"
                    " files in batches of at most %d", n, batch_size, s->n_files, s->capacity);
  pthread_mutex_lock (&s->lock);
  s->requested = -1;   /* a read ahead of the last epoch, if any, is dropped */
  const int stopped = wait_for_reader (s, -1);
  if (!stopped)
    {
      s->order = order, s->n = n, s->batch_size = batch_size;
      s->holds[0] = s->holds[1] = -1;
      if (n > 0)
        request (s, 0, 0);
    }
  pthread_mutex_unlock (&s->lock);
  return stopped ? ae_fail (err, AE_INTERRUPTED, "interrupted while waiting for the image reader")
                 : AE_OK;
}

static int
fill (ae_sample_source_t *base, long first, int n, float *batch, ae_error_t *err)
{
  ae_image_source_t *s = (ae_image_source_t *) base;
  const double start = ae_seconds_now ();
  pthread_mutex_lock (&s->lock);
  int stopped = 0;
  if (s->holds[0] != first && s->holds[1] != first && s->requested != first
      && !(s->busy && s->decoding == first))
    {
      /* not read ahead (the trainer skipped): once the reader is idle */
      stopped = wait_for_reader (s, -1);
      if (!stopped)
        request (s, first, 0);
    }
  if (stopped || wait_for_reader (s, first))
    {
      pthread_mutex_unlock (&s->lock);
      return -ae_fail (err, AE_INTERRUPTED, "interrupted while waiting for the image reader");
    }
  const int b = s->holds[0] == first ? 0 : 1;
  const long next = first + s->batch_size;
  if (next < s->n)
    request (s, next, 1 - b);   /* the next batch while this one is copied and trained on */
  const int count = s->count[b] < n ? s->count[b] : n;
  s->waited += ae_seconds_now () - start;
  pthread_mutex_unlock (&s->lock);
  memcpy (batch, s->buffer[b], (size_t) count * s->image_size * sizeof (float));
  return count;
}

ae_status_t
ae_image_source_new (const char *const *paths, long n_files, const ae_image_shape_t *shape,
                     int batch_size, int n_threads, ae_image_source_t **out, ae_error_t *err)
{
  *out = NULL;
  if (n_files < 1 || batch_size < 1 || shape->height < 1 || shape->width < 1
      || (shape->channels != 1 && shape->channels != 3))
    return ae_fail (err, AE_ERR_ARGUMENT, "an image source of %ld files of %dx%dx%d in batches"
                    " of %d", n_files, shape->height, shape->width, shape->channels, batch_size);
  ae_image_source_t *s = calloc (1, sizeof *s);
  if (!s)
    return ae_fail (err, AE_ERR_MEMORY, "no memory for an image source");
  s->base.start_epoch = start_epoch;
  s->base.fill = fill;
  s->paths = paths, s->n_files = n_files, s->shape = *shape;
  s->n_threads = n_threads < 1 ? 1 : n_threads;
  s->image_size = (size_t) shape->height * (size_t) shape->width * (size_t) shape->channels;
  s->capacity = batch_size;
  s->requested = -1;
  s->holds[0] = s->holds[1] = -1;
  int ok = pthread_mutex_init (&s->lock, NULL) == 0;
  ok = ok && pthread_cond_init (&s->wake, NULL) == 0 && pthread_cond_init (&s->done, NULL) == 0;
  s->failed = calloc ((size_t) n_files, 1);
  ok = ok && s->failed;
  for (int b = 0; ok && b < 2; b++)
    {
      s->buffer[b] = malloc ((size_t) batch_size * s->image_size * sizeof (float));
      s->errors[b] = malloc ((size_t) batch_size * sizeof (ae_error_t));
      s->batch_paths[b] = malloc ((size_t) batch_size * sizeof (const char *));
      ok = s->buffer[b] && s->errors[b] && s->batch_paths[b];
    }
  s->started = ok && pthread_create (&s->reader, NULL, reader_loop, s) == 0;
  if (!s->started)
    {
      ae_image_source_free (s);
      return ae_fail (err, AE_ERR_MEMORY, "no memory for two batches of %d images of %dx%dx%d",
                      batch_size, shape->height, shape->width, shape->channels);
    }
  *out = s;
  return AE_OK;
}

ae_sample_source_t *
ae_image_source_base (ae_image_source_t *source)
{
  return &source->base;
}

long
ae_image_source_failures (const ae_image_source_t *s, long *files, ae_error_t *why, long max)
{
  pthread_mutex_t *lock = (pthread_mutex_t *) &s->lock;
  pthread_mutex_lock (lock);
  for (long k = 0; k < max && k < s->n_failed && k < KEPT_FAILURES; k++)
    {
      files[k] = s->failed_files[k];
      why[k] = s->failed_why[k];
    }
  const long n = s->n_failed;
  pthread_mutex_unlock (lock);
  return n;
}

double
ae_image_source_wait_seconds (const ae_image_source_t *s)
{
  return s->waited;
}

double
ae_image_source_read_seconds (const ae_image_source_t *s)
{
  pthread_mutex_t *lock = (pthread_mutex_t *) &s->lock;
  pthread_mutex_lock (lock);
  const double seconds = s->reading;
  pthread_mutex_unlock (lock);
  return seconds;
}

void
ae_image_source_free (ae_image_source_t *s)
{
  if (!s)
    return;
  if (s->started)
    {
      pthread_mutex_lock (&s->lock);
      s->quit = 1;
      __atomic_store_n (&s->cancel, 1, __ATOMIC_RELAXED);   /* no waiting out a whole batch */
      pthread_cond_signal (&s->wake);
      pthread_mutex_unlock (&s->lock);
      pthread_join (s->reader, NULL);
    }
  for (int b = 0; b < 2; b++)
    {
      free (s->buffer[b]);
      free (s->errors[b]);
      free (s->batch_paths[b]);
    }
  pthread_mutex_destroy (&s->lock);
  pthread_cond_destroy (&s->wake);
  pthread_cond_destroy (&s->done);
  free (s->failed);
  free (s);
}
