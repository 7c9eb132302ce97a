/* The size an image file declares, read from its header alone, before any
   pixel is decoded: a file of a few megabytes may declare 60,000 x 60,000
   pixels (a decompression bomb), and a decoder asked to read it fills memory
   or the disk. PNG, JPEG (baseline, progressive, lossless), GIF (its first
   frame), BMP and TIFF (its first image), recognised by their first bytes,
   not by their names. */
#ifndef AE_IMAGE_HEADER_H
#define AE_IMAGE_HEADER_H

#include "ae_status.h"

#include <stdio.h>

typedef struct {
  long height, width;   /* in pixels, as declared */
  int channels;         /* values per pixel the decoder gives (an alpha channel
                           counted; 3 for a palette's colours) */
  const char *format;   /* "png", "jpeg", "gif", "bmp" or "tiff" */
} ae_image_header_t;

/* Reads the header of the file at path (at most the bytes up to the size it
   declares: a JPEG's segments are skipped, not read). AE_ERR_IO for a file
   that cannot be opened, AE_ERR_FORMAT for one of no known format or whose
   header is cut short or impossible (a zero size), with the reason. */
ae_status_t ae_image_header_read (const char *path, ae_image_header_t *header,
                                  ae_error_t *err);

/* Opens the file at path for reading into *file, or fails with AE_ERR_IO
   ("cannot open it", "not a regular file"): FIFOs, devices and folders are
   refused without blocking on them. */
ae_status_t ae_image_open (const char *path, FILE **file, ae_error_t *err);

#endif
