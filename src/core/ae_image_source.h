/* Training samples read from image files a batch at a time, for data sets
   larger than memory: a trainer's sample source (ae_train.h) over a list of
   PNG and JPEG files, each decoded, converted and resized to one shape
   (ae_image_read.h). While the trainer takes a step on one batch, a reader
   thread decodes the next batch of the epoch's order into a second buffer,
   so that the disk and the decoding overlap the step; the memory held is
   two batches, whatever the number of files. A sample is the same values
   ae_image_read_files gives, so the same seed trains the same way as on
   the images in memory. */
#ifndef AE_IMAGE_SOURCE_H
#define AE_IMAGE_SOURCE_H

#include "ae_image_read.h"
#include "ae_train.h"

typedef struct ae_image_source ae_image_source_t;

/* A source over n_files paths (kept, not copied) for batches of at most
   batch_size, read on n_threads threads of the reader's own (the trainer's
   threads are its own too). AE_ERR_MEMORY or AE_ERR_ARGUMENT, with nothing
   to free, on failure. */
ae_status_t ae_image_source_new (const char *const *paths, long n_files,
                                 const ae_image_shape_t *shape, int batch_size, int n_threads,
                                 ae_image_source_t **source, ae_error_t *err);

/* What the trainer is given (ae_trainer_set_source). */
ae_sample_source_t *ae_image_source_base (ae_image_source_t *source);

/* The files that could not be read so far (each counted once, however
   many epochs met it): their count, and the index and reason of up to
   max of them, in the order met. */
long ae_image_source_failures (const ae_image_source_t *source, long *files, ae_error_t *why,
                               long max);

/* Seconds the trainer waited for the reader so far (its share of the run's
   time that the step did not hide). */
double ae_image_source_wait_seconds (const ae_image_source_t *source);

/* Seconds the reader thread spent decoding so far (mostly hidden behind the
   trainer's steps). */
double ae_image_source_read_seconds (const ae_image_source_t *source);

/* Stops the reader thread (a batch being decoded is dropped after the file
   each of its threads decodes) and frees everything. */
void ae_image_source_free (ae_image_source_t *source);

#endif
