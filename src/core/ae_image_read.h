/* Image files decoded in C: PNG through libpng, JPEG through libjpeg(-turbo),
   each converted to single in [0, 1], to the channels wanted and resized to
   the size wanted (ae_resize's bicubic arithmetic) in the same pass, the
   files of a call split over the package's threads. The header's declared
   size is checked before any pixel buffer is allocated. A build without one
   of the libraries (AE_NO_PNG, AE_NO_JPEG) says so through
   ae_image_decodes, and its callers read those files another way. */
#ifndef AE_IMAGE_READ_H
#define AE_IMAGE_READ_H

#include "ae_status.h"

/* One decoded image as the file holds it: rows top to bottom, each row's
   pixels left to right, each pixel's channels (1 grey or 3 red, green, blue;
   an alpha channel dropped, a palette expanded) interleaved; 8 or 16 bits a
   value (16-bit values in the machine's byte order). */
typedef struct {
  int height, width, channels, bits;
  void *pixels;   /* malloc'd; ae_image_free */
} ae_image_t;

/* Whether this build decodes the format ("png" or "jpeg"). */
int ae_image_decodes (const char *format);

/* Decodes the file at path, refusing with AE_ERR_MEMORY before allocating
   anything a file that declares more than max_pixels pixels or whose pixels
   cannot be allocated; AE_ERR_IO for a file that cannot be opened,
   AE_ERR_FORMAT for one that is not PNG or JPEG, is broken or cut short (a
   JPEG whose data end early, which libjpeg fills with grey and only warns
   about, is refused too), or is a CMYK JPEG. */
ae_status_t ae_image_decode (const char *path, long max_pixels, ae_image_t *image,
                             ae_error_t *err);

void ae_image_free (ae_image_t *image);

/* The output of ae_image_convert and ae_image_read_files. */
typedef struct {
  int height, width;   /* every image resized to this (an image of this size is copied) */
  int channels;        /* 1: colour made grey with MATLAB's rgb2gray weights; 3: grey repeated */
  long max_pixels;     /* the most pixels a file may declare */
} ae_image_shape_t;

/* Writes image as height x width x channels single values in [0, 1], column
   by column (Octave's order: value (h, w, c) at h + height (w + width c)),
   resized as ae_resize does (Keys' cubic with a = -0.5, a kernel widened by
   the factor when shrinking, mirrored edges) and clipped to [0, 1].
   AE_ERR_MEMORY when its scratch cannot be allocated. */
ae_status_t ae_image_convert (const ae_image_t *image, const ae_image_shape_t *shape,
                              float *out, ae_error_t *err);

/* Decodes and converts n_files files into images (file k at k height width
   channels values), on n_threads threads. A file that cannot be read gets
   its reason in errors[k] (status AE_OK for one read; its images left as
   they were otherwise) and does not fail the call. Ctrl-C
   (ae_interrupt_requested, asked by the calling thread after each of its
   files) stops it with AE_INTERRUPTED, the files not reached marked
   AE_INTERRUPTED. */
ae_status_t ae_image_read_files (const char *const *paths, int n_files,
                                 const ae_image_shape_t *shape, int n_threads,
                                 float *images, ae_error_t *errors);

/* The same without asking ae_interrupt_requested, for a thread other than
   the one whose interrupt flag it reads (a reader thread's own): it stops
   instead once *cancel (read atomically; NULL: never) is set by another
   thread, after the files being decoded then. */
ae_status_t ae_image_read_files_quietly (const char *const *paths, int n_files,
                                         const ae_image_shape_t *shape, int n_threads,
                                         const int *cancel, float *images, ae_error_t *errors);

#endif
