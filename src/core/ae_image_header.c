#include "ae_image_header.h"

#include "ae_bytes.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each format's reader gets the open file positioned after the first 16
   bytes, which are in `head`; it fills the header or fails naming why. */

static int
read_exactly (FILE *f, unsigned char *to, size_t n)
{
  return fread (to, 1, n, f) == n;
}

/* PNG: the IHDR chunk first, its width and height at bytes 16 and 20 */
static ae_status_t
png_header (FILE *f, const unsigned char *head, ae_image_header_t *h, ae_error_t *err)
{
  unsigned char ihdr[10];
  if (memcmp (head + 12, "IHDR", 4) != 0 || !read_exactly (f, ihdr, sizeof ihdr))
    return ae_fail (err, AE_ERR_FORMAT, "a PNG file without its IHDR header");
  static const int channels[7] = { 1, 0, 3, 3, 2, 0, 4 };   /* by colour type */
  const int colour_type = ihdr[9];
  h->width = (long) ae_get_be (ihdr, 4);
  h->height = (long) ae_get_be (ihdr + 4, 4);
  h->channels = colour_type <= 6 ? channels[colour_type] : 0;
  if (h->channels == 0)
    return ae_fail (err, AE_ERR_FORMAT, "a PNG file of colour type %d", colour_type);
  return AE_OK;
}

/* JPEG: segments up to the first start-of-frame marker (SOF0-SOF15 but the
   DHT, JPG and DAC markers C4, C8 and CC), each skipped by its length */
static ae_status_t
jpeg_header (FILE *f, ae_image_header_t *h, ae_error_t *err)
{
  if (fseek (f, 2, SEEK_SET) != 0)
    return ae_fail (err, AE_ERR_FORMAT, "a JPEG file cut short");
  for (int segment = 0; segment < 4096; segment++)
    {
      unsigned char marker[4];
      if (!read_exactly (f, marker, 2))
        break;
      while (marker[0] == 0xFF && marker[1] == 0xFF)   /* fill bytes */
        {
          marker[1] = (unsigned char) fgetc (f);
          if (feof (f))
            break;
        }
      if (marker[0] != 0xFF || !read_exactly (f, marker + 2, 2))
        break;
      const int code = marker[1];
      const unsigned length = (unsigned) ae_get_be (marker + 2, 2);
      if (length < 2)
        break;
      if (code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC)
        {
          unsigned char frame[6];
          if (length < 8 || !read_exactly (f, frame, sizeof frame))
            break;
          h->height = (long) ae_get_be (frame + 1, 2);
          h->width = (long) ae_get_be (frame + 3, 2);
          h->channels = frame[5];
          return AE_OK;
        }
      if (fseek (f, (long) length - 2, SEEK_CUR) != 0)
        break;
    }
  return ae_fail (err, AE_ERR_FORMAT, "a JPEG file without a frame header");
}

/* GIF: the blocks up to the first image descriptor (a frame may be larger
   than the logical screen the file's first bytes declare) */
static ae_status_t
gif_header (FILE *f, const unsigned char *head, ae_image_header_t *h, ae_error_t *err)
{
  long at = 13;
  if (head[10] & 0x80)   /* the global colour table */
    at += 3L << ((head[10] & 7) + 1);
  h->channels = 3;
  for (int block = 0; block < 65536 && fseek (f, at, SEEK_SET) == 0; block++)
    {
      int kind = fgetc (f);
      if (kind == 0x2C)   /* an image descriptor: left, top, width, height */
        {
          unsigned char descriptor[8];
          if (!read_exactly (f, descriptor, sizeof descriptor))
            break;
          h->width = (long) ae_get_le (descriptor + 4, 2);
          h->height = (long) ae_get_le (descriptor + 6, 2);
          return AE_OK;
        }
      if (kind != 0x21 || fgetc (f) == EOF)   /* an extension: its label, sub-blocks */
        break;
      at += 2;
      int size;
      while ((size = fgetc (f)) > 0 && fseek (f, size, SEEK_CUR) == 0)
        at += 1 + size;
      if (size != 0)
        break;
      at += 1;
    }
  return ae_fail (err, AE_ERR_FORMAT, "a GIF file without an image");
}

/* BMP: the info header after the 14-byte file header: its size, then the
   width and height (negative: stored top-down) */
static ae_status_t
bmp_header (FILE *f, ae_image_header_t *h, ae_error_t *err)
{
  unsigned char info[12];
  if (fseek (f, 14, SEEK_SET) != 0 || !read_exactly (f, info, sizeof info))
    return ae_fail (err, AE_ERR_FORMAT, "a BMP file cut short");
  const uint32_t size = (uint32_t) ae_get_le (info, 4);
  h->channels = 3;
  if (size == 12)   /* the OS/2 core header: 16-bit sizes */
    {
      h->width = (long) ae_get_le (info + 4, 2);
      h->height = (long) ae_get_le (info + 6, 2);
      return AE_OK;
    }
  if (size < 40)
    return ae_fail (err, AE_ERR_FORMAT, "a BMP file with an info header of %u bytes", size);
  const int32_t width = (int32_t) (uint32_t) ae_get_le (info + 4, 4);
  const int32_t height = (int32_t) (uint32_t) ae_get_le (info + 8, 4);
  h->width = width < 0 ? -(long) width : width;
  h->height = height < 0 ? -(long) height : height;
  return AE_OK;
}

/* TIFF: the first image file directory's ImageWidth (256), ImageLength
   (257) and SamplesPerPixel (277), in the byte order the file states */
static uint32_t
tiff_get (const unsigned char *p, int n, int big)
{
  return (uint32_t) (big ? ae_get_be (p, n) : ae_get_le (p, n));
}

static ae_status_t
tiff_header (FILE *f, const unsigned char *head, ae_image_header_t *h, ae_error_t *err)
{
  const int big = head[0] == 'M';
  const uint32_t offset = tiff_get (head + 4, 4, big);
  unsigned char count[2];
  if (fseek (f, (long) offset, SEEK_SET) != 0 || !read_exactly (f, count, 2))
    return ae_fail (err, AE_ERR_FORMAT, "a TIFF file without its first directory");
  const unsigned n = tiff_get (count, 2, big);
  h->channels = 1;
  for (unsigned k = 0; k < n; k++)
    {
      unsigned char entry[12];
      if (!read_exactly (f, entry, sizeof entry))
        return ae_fail (err, AE_ERR_FORMAT, "a TIFF directory cut short");
      const unsigned tag = tiff_get (entry, 2, big), type = tiff_get (entry + 2, 2, big);
      const uint32_t value = tiff_get (entry + 8, type == 3 ? 2 : 4, big);   /* SHORT or LONG */
      if (tag == 256)
        h->width = value;
      else if (tag == 257)
        h->height = value;
      else if (tag == 277)
        h->channels = (int) value;
    }
  return AE_OK;
}

static ae_status_t
read_format (FILE *f, const unsigned char *head, ae_image_header_t *h, ae_error_t *err)
{
  if (memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return h->format = "png", png_header (f, head, h, err);
  if (head[0] == 0xFF && head[1] == 0xD8)
    return h->format = "jpeg", jpeg_header (f, h, err);
  if (memcmp (head, "GIF87a", 6) == 0 || memcmp (head, "GIF89a", 6) == 0)
    return h->format = "gif", gif_header (f, head, h, err);
  if (head[0] == 'B' && head[1] == 'M')
    return h->format = "bmp", bmp_header (f, h, err);
  if (memcmp (head, "II*\0", 4) == 0 || memcmp (head, "MM\0*", 4) == 0)
    return h->format = "tiff", tiff_header (f, head, h, err);
  return ae_fail (err, AE_ERR_FORMAT, "not a PNG, JPEG, GIF, BMP or TIFF file");
}

/* Opens a regular file for reading, or says why not. It is opened without
   blocking, since a FIFO or device put where an image was (a folder that
   changes under an epoch) would otherwise block its reader for ever. */
ae_status_t
ae_image_open (const char *path, FILE **file, ae_error_t *err)
{
  *file = NULL;
  const int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return ae_fail (err, AE_ERR_IO, "cannot open it");
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return ae_fail (err, AE_ERR_IO, "not a regular file");
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  *file = fdopen (fd, "rb");
  if (!*file)
    {
      close (fd);
      return ae_fail (err, AE_ERR_MEMORY, "cannot open it: no memory for its stream");
    }
  return AE_OK;
}

ae_status_t
ae_image_header_read (const char *path, ae_image_header_t *header, ae_error_t *err)
{
  memset (header, 0, sizeof *header);
  FILE *f;
  const ae_status_t opened = ae_image_open (path, &f, err);
  if (opened != AE_OK)
    return opened;
  unsigned char head[16];
  ae_status_t status = read_exactly (f, head, sizeof head)
                         ? read_format (f, head, header, err)
                         : ae_fail (err, AE_ERR_FORMAT, "a file of fewer than 16 bytes");
  fclose (f);
  if (status == AE_OK && (header->width < 1 || header->height < 1 || header->channels < 1))
    status = ae_fail (err, AE_ERR_FORMAT, "a %s file declaring %ldx%ld pixels of %d channels",
                      header->format, header->height, header->width, header->channels);
  return status;
}
