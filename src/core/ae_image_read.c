#include "ae_image_read.h"
#include "ae_image_header.h"

#include <math.h>
#include <omp.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef AE_NO_PNG
#include <png.h>
#endif
#ifndef AE_NO_JPEG
#include <jpeglib.h>
#include <jerror.h>
#endif

int
ae_image_decodes (const char *format)
{
#ifndef AE_NO_PNG
  if (strcmp (format, "png") == 0)
    return 1;
#endif
#ifndef AE_NO_JPEG
  if (strcmp (format, "jpeg") == 0)
    return 1;
#endif
  (void) format;
  return 0;
}

void
ae_image_free (ae_image_t *image)
{
  free (image->pixels);
  image->pixels = NULL;
}

/* The pixel buffer for a declared size, or why not: checked before any
   allocation, in size_t arithmetic that cannot wrap (both sides below 2^31). */
static ae_status_t __attribute__ ((unused))
allocate_pixels (long height, long width, int channels, int bits, long max_pixels,
                 ae_image_t *image, ae_error_t *err)
{
  if (height < 1 || width < 1)
    return ae_fail (err, AE_ERR_FORMAT, "the file declares %ldx%ld pixels", height, width);
  if ((double) height * (double) width > (double) max_pixels)
    return ae_fail (err, AE_ERR_MEMORY, "the file declares %ldx%ld pixels, more than the %ld allowed",
                    height, width, max_pixels);
  const size_t bytes = (size_t) height * (size_t) width * (size_t) channels * (size_t) (bits / 8);
  image->pixels = malloc (bytes);
  if (!image->pixels)
    return ae_fail (err, AE_ERR_MEMORY, "the file declares %ldx%ld pixels: %zu bytes could not be allocated",
                    height, width, bytes);
  image->height = (int) height, image->width = (int) width;
  image->channels = channels, image->bits = bits;
  return AE_OK;
}

#ifndef AE_NO_PNG
/* libpng reports errors by calling this, which must not return */
typedef struct {
  jmp_buf jump;
  char message[200];
} png_failure_t;

static void
png_failed (png_structp png, png_const_charp message)
{
  png_failure_t *failure = png_get_error_ptr (png);
  snprintf (failure->message, sizeof failure->message, "%s", message);
  longjmp (failure->jump, 1);
}

static void
png_warned (png_structp png, png_const_charp message)
{
  (void) png, (void) message;   /* benign ones (a bad gamma chunk, say): the pixels are fine */
}

static ae_status_t
decode_png (FILE *f, long max_pixels, ae_image_t *image, ae_error_t *err)
{
  png_failure_t failure = { .message = "" };
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &failure, png_failed, png_warned);
  if (!png)
    return ae_fail (err, AE_ERR_MEMORY, "libpng could not start");
  png_infop info = png_create_info_struct (png);
  png_bytep *volatile rows = NULL;
  ae_status_t volatile status = AE_OK;
  if (setjmp (failure.jump))
    {
      png_destroy_read_struct (&png, &info, NULL);
      free (rows);
      ae_image_free (image);
      return status != AE_OK ? status : ae_fail (err, AE_ERR_FORMAT, "a broken PNG file: %s",
                                                 failure.message);
    }
  if (!info)
    png_error (png, "out of memory");
  png_init_io (png, f);
  png_read_info (png, info);
  const int colour_type = png_get_color_type (png, info);
  const int bit_depth = png_get_bit_depth (png, info);
  if (colour_type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb (png);
  if (colour_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8)
    png_set_expand_gray_1_2_4_to_8 (png);
  if (colour_type & PNG_COLOR_MASK_ALPHA)
    png_set_strip_alpha (png);
  if (bit_depth == 16)
    {
      const uint16_t one = 1;
      if (*(const unsigned char *) &one == 1)
        png_set_swap (png);   /* PNG's 16-bit values are big-endian */
    }
  png_set_interlace_handling (png);
  png_read_update_info (png, info);
  const long height = (long) png_get_image_height (png, info);
  const long width = (long) png_get_image_width (png, info);
  const int channels = png_get_channels (png, info);
  const int bits = bit_depth == 16 ? 16 : 8;
  if (channels != 1 && channels != 3)
    {
      status = ae_fail (err, AE_ERR_FORMAT, "a PNG file of %d channels", channels);
      png_error (png, "");
    }
  status = allocate_pixels (height, width, channels, bits, max_pixels, image, err);
  if (status != AE_OK)
    png_error (png, "");
  rows = malloc ((size_t) height * sizeof *rows);
  if (!rows)
    {
      status = ae_fail (err, AE_ERR_MEMORY, "no memory for %ld rows", height);
      png_error (png, "");
    }
  const size_t row_bytes = (size_t) width * (size_t) channels * (size_t) (bits / 8);
  for (long r = 0; r < height; r++)
    rows[r] = (png_bytep) image->pixels + (size_t) r * row_bytes;
  png_read_image (png, rows);
  png_destroy_read_struct (&png, &info, NULL);
  free (rows);
  return AE_OK;
}
#endif

#ifndef AE_NO_JPEG
typedef struct {
  struct jpeg_error_mgr manager;   /* first: libjpeg's callbacks get a pointer to it */
  jmp_buf jump;
  int cut_short;
} jpeg_failure_t;

static void
jpeg_failed (j_common_ptr cinfo)
{
  longjmp (((jpeg_failure_t *) cinfo->err)->jump, 1);
}

/* libjpeg only warns about data that end early and fills the rest of the
   image with grey: such a file is refused (Pillow refuses it too). Other
   warnings (extraneous bytes before a marker, common in cameras' files)
   leave the pixels intact. */
static void
jpeg_warned (j_common_ptr cinfo, int level)
{
  if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
    ((jpeg_failure_t *) cinfo->err)->cut_short = 1;
}

static ae_status_t
decode_jpeg (FILE *f, long max_pixels, ae_image_t *image, ae_error_t *err)
{
  struct jpeg_decompress_struct cinfo;
  jpeg_failure_t failure = { .cut_short = 0 };
  cinfo.err = jpeg_std_error (&failure.manager);
  failure.manager.error_exit = jpeg_failed;
  failure.manager.emit_message = jpeg_warned;
  ae_status_t volatile status = AE_OK;
  if (setjmp (failure.jump))
    {
      char message[JMSG_LENGTH_MAX] = "";
      if (status == AE_OK)
        failure.manager.format_message ((j_common_ptr) &cinfo, message);
      jpeg_destroy_decompress (&cinfo);
      ae_image_free (image);
      return status != AE_OK ? status : ae_fail (err, AE_ERR_FORMAT, "a broken JPEG file: %s", message);
    }
  jpeg_create_decompress (&cinfo);
  jpeg_stdio_src (&cinfo, f);
  jpeg_read_header (&cinfo, TRUE);
  if (cinfo.num_components == 1)
    cinfo.out_color_space = JCS_GRAYSCALE;
  else if (cinfo.num_components == 3)
    cinfo.out_color_space = JCS_RGB;
  else
    {
      status = ae_fail (err, AE_ERR_FORMAT, "a JPEG file of %d components (CMYK), not decoded here",
                        cinfo.num_components);
      longjmp (failure.jump, 1);
    }
  status = allocate_pixels ((long) cinfo.image_height, (long) cinfo.image_width,
                            cinfo.num_components, 8, max_pixels, image, err);
  if (status != AE_OK)
    longjmp (failure.jump, 1);
  jpeg_start_decompress (&cinfo);
  const size_t row_bytes = (size_t) image->width * (size_t) image->channels;
  while (cinfo.output_scanline < cinfo.output_height && !failure.cut_short)
    {
      JSAMPROW row = (JSAMPROW) image->pixels + (size_t) cinfo.output_scanline * row_bytes;
      jpeg_read_scanlines (&cinfo, &row, 1);
    }
  if (failure.cut_short)
    {
      status = ae_fail (err, AE_ERR_FORMAT, "a JPEG file cut short: its data end at row %u of %u",
                        cinfo.output_scanline, cinfo.output_height);
      longjmp (failure.jump, 1);
    }
  jpeg_abort_decompress (&cinfo);   /* what follows the last row (markers, padding) is not needed */
  jpeg_destroy_decompress (&cinfo);
  return AE_OK;
}
#endif

ae_status_t
ae_image_decode (const char *path, long max_pixels, ae_image_t *image, ae_error_t *err)
{
  memset (image, 0, sizeof *image);
  FILE *f;
  const ae_status_t opened = ae_image_open (path, &f, err);
  if (opened != AE_OK)
    return opened;
  unsigned char magic[8] = { 0 };
  const size_t n = fread (magic, 1, sizeof magic, f);
  rewind (f);
  ae_status_t status;
  (void) max_pixels;   /* unused where neither library is built in */
  if (n == 0)
    status = ae_fail (err, AE_ERR_FORMAT, "the file is empty");
#ifndef AE_NO_PNG
  else if (n == 8 && memcmp (magic, "\x89PNG\r\n\x1a\n", 8) == 0)
    status = decode_png (f, max_pixels, image, err);
#endif
#ifndef AE_NO_JPEG
  else if (n >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF)
    status = decode_jpeg (f, max_pixels, image, err);
#endif
  else
    status = ae_fail (err, AE_ERR_FORMAT, "not a PNG or JPEG file this build decodes");
  fclose (f);
  return status;
}

/* The resize of one axis, as ae_resize's resize_weights: output i reads
   inputs index[i taps + t] with weights weight[i taps + t]. */
typedef struct {
  int taps;
  int *index;
  float *weight;
} axis_weights_t;

static double
keys_cubic (double x)
{
  x = fabs (x);
  if (x <= 1)
    return (1.5 * x - 2.5) * x * x + 1;
  if (x <= 2)
    return ((-0.5 * x + 2.5) * x - 4) * x + 2;
  return 0;
}

static ae_status_t
axis_weights (int n_in, int n_out, axis_weights_t *a, ae_error_t *err)
{
  const double scale = (double) n_out / n_in;
  const double stretch = scale < 1 ? scale : 1;   /* shrinking widens the kernel */
  const double width = 4 / stretch;
  a->taps = (int) ceil (width) + 2;
  a->index = malloc ((size_t) n_out * (size_t) a->taps * sizeof *a->index);
  a->weight = malloc ((size_t) n_out * (size_t) a->taps * sizeof *a->weight);
  double *w = malloc ((size_t) a->taps * sizeof *w);
  if (!a->index || !a->weight || !w)
    {
      free (w);
      return ae_fail (err, AE_ERR_MEMORY, "no memory for the resize's weights");
    }
  for (int i = 0; i < n_out; i++)
    {
      /* 1-based as in ae_resize: input pixel j is centred at j */
      const double centre = (i + 0.5) / scale + 0.5;
      const long first = (long) floor (centre - width / 2);
      double sum = 0;
      for (int t = 0; t < a->taps; t++)
        sum += w[t] = stretch * keys_cubic (stretch * (centre - (double) (first + t)));
      for (int t = 0; t < a->taps; t++)
        {
          /* mirrored edges: 0 reads pixel 1, n_in + 1 reads pixel n_in */
          long j = ((first + t - 1) % (2L * n_in) + 2L * n_in) % (2L * n_in);
          if (j >= n_in)
            j = 2L * n_in - 1 - j;
          a->index[(size_t) i * a->taps + t] = (int) j;
          a->weight[(size_t) i * a->taps + t] = (float) (w[t] / sum);
        }
    }
  free (w);
  return AE_OK;
}

static void
axis_weights_free (axis_weights_t *a)
{
  free (a->index);
  free (a->weight);
}

/* The image's values as channels planes of height x width, column by
   column, in [0, 1] as Octave's single (double (v) / 255) gives them;
   colour made grey (in double, as ae_image_folder does it) when one plane
   is wanted. */
static void
to_planes (const ae_image_t *image, int channels, float *planes)
{
  const int h = image->height, w = image->width, c = image->channels;
  const size_t plane = (size_t) h * (size_t) w;
  /* MATLAB's rgb2gray weights */
  static const double grey[3] = { 0.298936021293775, 0.587043074451121, 0.114020904255103 };
  const int make_grey = channels == 1 && c == 3;
  if (image->bits == 8)
    {
      float unit[256];
      for (int v = 0; v < 256; v++)
        unit[v] = (float) (v / 255.0);
      for (int r = 0; r < h; r++)
        {
          const uint8_t *from = (const uint8_t *) image->pixels + (size_t) r * w * c;
          float *to = planes + r;
          if (make_grey)
            for (int col = 0; col < w; col++, from += 3)
              to[(size_t) h * col] = (float) (grey[0] * unit[from[0]] + grey[1] * unit[from[1]]
                                              + grey[2] * unit[from[2]]);
          else
            for (int k = 0; k < c; k++)
              for (int col = 0; col < w; col++)
                to[k * plane + (size_t) h * col] = unit[from[(size_t) col * c + k]];
        }
      return;
    }
  const uint16_t *from = image->pixels;
  for (int r = 0; r < h; r++)
    for (int col = 0; col < w; col++, from += c)
      {
        float *to = planes + r + (size_t) h * col;
        if (make_grey)
          *to = (float) (grey[0] * (from[0] / 65535.0) + grey[1] * (from[1] / 65535.0)
                         + grey[2] * (from[2] / 65535.0));
        else
          for (int k = 0; k < c; k++)
            to[k * plane] = (float) (from[k] / 65535.0);
      }
}

static float
clip01 (float v)
{
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Row r of the image as floats in [0, 1] (the values to_planes gives):
   channel k, or with k < 0 the grey of its colour. */
static void
pixel_row (const ae_image_t *image, int r, int k, const float *unit, float *row)
{
  static const double grey[3] = { 0.298936021293775, 0.587043074451121, 0.114020904255103 };
  const int w = image->width, c = image->channels;
  if (image->bits == 8)
    {
      const uint8_t *from = (const uint8_t *) image->pixels + (size_t) r * w * c;
      if (k < 0)
        for (int col = 0; col < w; col++, from += 3)
          row[col] = (float) (grey[0] * unit[from[0]] + grey[1] * unit[from[1]]
                              + grey[2] * unit[from[2]]);
      else
        for (int col = 0; col < w; col++)
          row[col] = unit[from[(size_t) col * c + k]];
      return;
    }
  const uint16_t *from = (const uint16_t *) image->pixels + (size_t) r * w * c;
  if (k < 0)
    for (int col = 0; col < w; col++, from += 3)
      row[col] = (float) (grey[0] * (from[0] / 65535.0) + grey[1] * (from[1] / 65535.0)
                          + grey[2] * (from[2] / 65535.0));
  else
    for (int col = 0; col < w; col++)
      row[col] = (float) (from[(size_t) col * c + k] / 65535.0);
}

/* The image resized to h_out x w_out, planes planes (1 and colour: grey),
   straight from its rows: each row's values resized across into scratch
   (a plane of w_out columns of h_in values each), then down those columns
   into out, clipped to [0, 1]. Reading the rows as they lie, instead of
   transposing the whole image first, halves the conversion's time. */
static void
resize_image (const ae_image_t *image, int planes, const axis_weights_t *rows,
              const axis_weights_t *cols, int h_out, int w_out, float *row, float *scratch,
              float *out)
{
  const int h_in = image->height;
  const int make_grey = planes == 1 && image->channels == 3;
  float unit[256];
  for (int v = 0; v < 256; v++)
    unit[v] = (float) (v / 255.0);
  for (int k = 0; k < planes; k++)
    {
      float *across = scratch;
      for (int r = 0; r < h_in; r++)
        {
          pixel_row (image, r, make_grey ? -1 : k, unit, row);
          for (int j = 0; j < w_out; j++)
            {
              const int *index = cols->index + (size_t) j * cols->taps;
              const float *weight = cols->weight + (size_t) j * cols->taps;
              float sum = 0;
              for (int t = 0; t < cols->taps; t++)
                sum += weight[t] * row[index[t]];
              across[(size_t) h_in * j + r] = sum;
            }
        }
      float *plane = out + (size_t) h_out * w_out * k;
      for (int j = 0; j < w_out; j++)
        {
          const float *column = across + (size_t) h_in * j;
          for (int i = 0; i < h_out; i++)
            {
              const int *index = rows->index + (size_t) i * rows->taps;
              const float *weight = rows->weight + (size_t) i * rows->taps;
              float sum = 0;
              for (int t = 0; t < rows->taps; t++)
                sum += weight[t] * column[index[t]];
              plane[(size_t) h_out * j + i] = clip01 (sum);
            }
        }
    }
}

ae_status_t
ae_image_convert (const ae_image_t *image, const ae_image_shape_t *shape, float *out,
                  ae_error_t *err)
{
  const int h = image->height, w = image->width;
  const int planes = shape->channels == 1 ? 1 : image->channels;
  const size_t out_plane = (size_t) shape->height * (size_t) shape->width;
  if (h == shape->height && w == shape->width)
    to_planes (image, shape->channels, out);
  else
    {
      axis_weights_t rows = { 0 }, cols = { 0 };
      float *row = malloc ((size_t) w * sizeof *row);
      float *scratch = malloc ((size_t) h * (size_t) shape->width * sizeof *scratch);
      ae_status_t status = row && scratch ? axis_weights (h, shape->height, &rows, err)
                                          : ae_fail (err, AE_ERR_MEMORY,
                                                     "no memory to resize a %dx%d image", h, w);
      if (status == AE_OK)
        status = axis_weights (w, shape->width, &cols, err);
      if (status == AE_OK)
        resize_image (image, planes, &rows, &cols, shape->height, shape->width, row, scratch, out);
      axis_weights_free (&rows);
      axis_weights_free (&cols);
      free (row);
      free (scratch);
      if (status != AE_OK)
        return status;
    }
  for (int k = planes; k < shape->channels; k++)   /* grey repeated as colour */
    memcpy (out + out_plane * k, out, out_plane * sizeof *out);
  return AE_OK;
}

/* Whether another thread has asked the reading to stop (cancel NULL: never). */
static int
cancelled (const int *cancel)
{
  return cancel && __atomic_load_n (cancel, __ATOMIC_RELAXED);
}

static ae_status_t
read_files (const char *const *paths, int n_files, const ae_image_shape_t *shape, int n_threads,
            int interruptible, const int *cancel, float *images, ae_error_t *errors)
{
  if (shape->height < 1 || shape->width < 1 || (shape->channels != 1 && shape->channels != 3))
    return ae_fail (errors, AE_ERR_ARGUMENT, "images of %dx%dx%d", shape->height, shape->width,
                    shape->channels);
  const size_t image_size = (size_t) shape->height * (size_t) shape->width * (size_t) shape->channels;
  int stop = 0;
  if (n_threads < 1)
    n_threads = 1;
  if (n_threads > n_files)
    n_threads = n_files > 0 ? n_files : 1;
  /* one file at a time to whichever thread is free: files differ in size */
#pragma omp parallel for schedule (dynamic, 1) num_threads (n_threads)
  for (int k = 0; k < n_files; k++)
    {
      int stopped;
#pragma omp atomic read
      stopped = stop;
      if (stopped || cancelled (cancel))
        {
          ae_fail (&errors[k], AE_INTERRUPTED, "interrupted before it was read");
          continue;
        }
      ae_image_t image;
      errors[k].status = AE_OK;
      errors[k].message[0] = '\0';
      if (ae_image_decode (paths[k], shape->max_pixels, &image, &errors[k]) == AE_OK)
        {
          ae_image_convert (&image, shape, images + image_size * (size_t) k, &errors[k]);
          ae_image_free (&image);
        }
      /* the calling thread alone asks: Octave's signal flags are its own */
      if (interruptible && omp_get_thread_num () == 0 && ae_interrupt_requested ())
        {
#pragma omp atomic write
          stop = 1;
        }
    }
  return stop || cancelled (cancel) ? AE_INTERRUPTED : AE_OK;
}

ae_status_t
ae_image_read_files (const char *const *paths, int n_files, const ae_image_shape_t *shape,
                     int n_threads, float *images, ae_error_t *errors)
{
  return read_files (paths, n_files, shape, n_threads, 1, NULL, images, errors);
}

ae_status_t
ae_image_read_files_quietly (const char *const *paths, int n_files,
                             const ae_image_shape_t *shape, int n_threads, const int *cancel,
                             float *images, ae_error_t *errors)
{
  return read_files (paths, n_files, shape, n_threads, 0, cancel, images, errors);
}
