/* The file readers: the IDX reader, the checkpoint container and the image
   header reader, on good, truncated, corrupted and lying files. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "test_util.h"

static char path[64];

static void
make_path (void)
{
  snprintf (path, sizeof path, "/tmp/ae_test_files_%ld", (long) getpid ());
}

static void
remove_path (void)
{
  unlink (path);
}

static void
write_bytes (const unsigned char *bytes, size_t n)
{
  FILE *f = fopen (path, "wb");
  ck_assert_ptr_nonnull (f);
  ck_assert_uint_eq (fwrite (bytes, 1, n, f), n);
  fclose (f);
}

START_TEST (idx_images_read_back_in_native_order)
{
  /* 2 items of 2-by-2 int16, big-endian */
  unsigned char file[] = { 0, 0, 0x0B, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2,
                           0, 1, 0, 2, 1, 0, 0xFF, 0xFF, 0, 5, 0, 6, 0, 7, 0x80, 0 };
  write_bytes (file, sizeof file);
  ae_idx_t idx;
  ae_error_t err;
  ck_assert_int_eq (ae_idx_read (path, 1 << 20, &idx, &err), AE_OK);
  ck_assert_int_eq (idx.n_dims, 3);
  ck_assert_uint_eq (idx.n_elements, 8);
  const int16_t *v = idx.data;
  ck_assert_int_eq (v[0], 1);
  ck_assert_int_eq (v[2], 256);
  ck_assert_int_eq (v[3], -1);
  ck_assert_int_eq (v[7], -32768);
  ae_idx_free (&idx);
}
END_TEST

START_TEST (idx_gzip_is_read_transparently)
{
  unsigned char raw[] = { 0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9 };
  gzFile gz = gzopen (path, "wb");
  ck_assert_ptr_nonnull (gz);
  ck_assert_int_eq (gzwrite (gz, raw, sizeof raw), (int) sizeof raw);
  gzclose (gz);
  ae_idx_t idx;
  ck_assert_int_eq (ae_idx_read (path, 1 << 20, &idx, NULL), AE_OK);
  ck_assert_int_eq (((unsigned char *) idx.data)[2], 9);
  ae_idx_free (&idx);
}
END_TEST

START_TEST (idx_bad_files_are_refused)
{
  ae_idx_t idx;
  ae_error_t err;
  unsigned char truncated[] = { 0, 0, 8, 2, 0, 0, 0, 100, 0, 0, 0, 100, 1, 2, 3 };
  write_bytes (truncated, sizeof truncated);
  ck_assert_int_eq (ae_idx_read (path, 1 << 20, &idx, &err), AE_ERR_FORMAT);
  ck_assert_ptr_nonnull (strstr (err.message, "truncated"));
  unsigned char lying[] = { 0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                            0xFF, 0xFF, 0xFF, 0xFF };
  write_bytes (lying, sizeof lying);
  ck_assert_int_eq (ae_idx_read (path, 1 << 20, &idx, &err), AE_ERR_FORMAT);
  ck_assert_ptr_nonnull (strstr (err.message, "claims more than"));
  unsigned char bad_type[] = { 0, 0, 7, 1, 0, 0, 0, 1, 5 };
  write_bytes (bad_type, sizeof bad_type);
  ck_assert_int_eq (ae_idx_read (path, 1 << 20, &idx, &err), AE_ERR_FORMAT);
  unsigned char no_dims[] = { 0, 0, 8, 0 };
  write_bytes (no_dims, sizeof no_dims);
  ck_assert_int_eq (ae_idx_read (path, 1 << 20, &idx, &err), AE_ERR_FORMAT);
  ck_assert_int_eq (ae_idx_read ("/nonexistent/idx", 1 << 20, &idx, &err), AE_ERR_IO);
}
END_TEST

START_TEST (checkpoint_round_trips_and_refuses_damage)
{
  const char payload[] = "a model, serialized";
  ae_error_t err;
  ck_assert_int_eq (ae_checkpoint_write (path, payload, sizeof payload, &err), AE_OK);
  void *read;
  size_t n;
  ck_assert_int_eq (ae_checkpoint_read (path, 1 << 20, &read, &n, &err), AE_OK);
  ck_assert_uint_eq (n, sizeof payload);
  ck_assert_mem_eq (read, payload, n);
  free (read);
  /* the file as written, then damaged one way at a time */
  unsigned char file[AE_CHECKPOINT_HEADER_BYTES + sizeof payload];
  FILE *f = fopen (path, "rb");
  ck_assert_uint_eq (fread (file, 1, sizeof file, f), sizeof file);
  fclose (f);
  for (size_t at = 0; at < sizeof file; at++)
    {
      unsigned char damaged[sizeof file];
      memcpy (damaged, file, sizeof file);
      damaged[at] ^= 0x10;
      write_bytes (damaged, sizeof damaged);
      ck_assert_msg (ae_checkpoint_read (path, 1 << 20, &read, &n, &err) == AE_ERR_FORMAT,
                     "a flipped bit at byte %zu went unnoticed", at);
      ck_assert_ptr_null (read);
    }
  for (size_t cut = 0; cut < sizeof file; cut++)
    {
      write_bytes (file, cut);
      ck_assert_int_eq (ae_checkpoint_read (path, 1 << 20, &read, &n, &err), AE_ERR_FORMAT);
    }
  write_bytes (file, sizeof file);
  ck_assert_int_eq (ae_checkpoint_read (path, 4, &read, &n, &err), AE_ERR_FORMAT);
  ck_assert_ptr_nonnull (strstr (err.message, "limit"));
  ck_assert_int_eq (ae_checkpoint_read ("/nonexistent/ckpt", 1 << 20, &read, &n, &err),
                    AE_ERR_IO);
  ck_assert_int_eq (ae_checkpoint_write ("/nonexistent/dir/ckpt", payload, 4, &err), AE_ERR_IO);
}
END_TEST

/* The header of bytes written to path: its status, and its size in *h. */
static ae_status_t
header_of (const unsigned char *bytes, size_t n, ae_image_header_t *h)
{
  write_bytes (bytes, n);
  ae_error_t err;
  return ae_image_header_read (path, h, &err);
}

START_TEST (image_headers_give_the_declared_size_before_any_pixel)
{
  ae_image_header_t h;
  /* PNG: 60,000 x 60,000 RGB declared, no pixel data at all */
  static const unsigned char png[] = { 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13,
                                       'I', 'H', 'D', 'R', 0, 0, 0xEA, 0x60, 0, 0, 0xEA,
                                       0x60, 8, 2, 0, 0, 0 };
  ck_assert_int_eq (header_of (png, sizeof png, &h), AE_OK);
  ck_assert (h.height == 60000 && h.width == 60000 && h.channels == 3);
  ck_assert_str_eq (h.format, "png");
  /* JPEG: an APP1 segment of 300 bytes skipped, then a progressive frame
     header (SOF2) of 480 rows, 640 columns, 3 components */
  unsigned char jpeg[400] = { 0xFF, 0xD8, 0xFF, 0xE1, 0x01, 0x2C };
  static const unsigned char sof2[] = { 0xFF, 0xC2, 0, 17, 8, 0x01, 0xE0, 0x02, 0x80, 3 };
  memcpy (jpeg + 4 + 300, sof2, sizeof sof2);
  ck_assert_int_eq (header_of (jpeg, sizeof jpeg, &h), AE_OK);
  ck_assert (h.height == 480 && h.width == 640 && h.channels == 3);
  /* GIF: a logical screen of 2x2, a graphic control extension, then a
     first frame of 300 x 200 (its own size, larger than the screen) */
  static const unsigned char gif[] = { 'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0, 0, 0,
                                       0x21, 0xF9, 4, 0, 0, 0, 0, 0,
                                       0x2C, 0, 0, 0, 0, 0x2C, 0x01, 0xC8, 0, 0, 2, 0 };
  ck_assert_int_eq (header_of (gif, sizeof gif, &h), AE_OK);
  ck_assert (h.height == 200 && h.width == 300);
  /* BMP: 100 wide, 50 high stored top-down (a negative height) */
  unsigned char bmp[54] = { 'B', 'M', [14] = 40, [18] = 100, [22] = 0xCE, 0xFF, 0xFF, 0xFF };
  ck_assert_int_eq (header_of (bmp, sizeof bmp, &h), AE_OK);
  ck_assert (h.height == 50 && h.width == 100 && h.channels == 3);
  /* TIFF, big-endian: a directory of 3 entries, width as SHORT, length as
     LONG, 1 sample a pixel */
  static const unsigned char tiff[] = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 3,
                                        1, 0, 0, 3, 0, 0, 0, 1, 0x03, 0x20, 0, 0,
                                        1, 1, 0, 4, 0, 0, 0, 1, 0, 0, 0x02, 0x58,
                                        1, 0x15, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0 };
  ck_assert_int_eq (header_of (tiff, sizeof tiff, &h), AE_OK);
  ck_assert (h.height == 600 && h.width == 800 && h.channels == 1);
  /* refused: unknown bytes, a cut header, a JPEG without a frame, a zero size */
  static const unsigned char text[] = "not an image at all, only text.";
  ck_assert_int_eq (header_of (text, sizeof text, &h), AE_ERR_FORMAT);
  ck_assert_int_eq (header_of (png, 20, &h), AE_ERR_FORMAT);
  ck_assert_int_eq (header_of (jpeg, 200, &h), AE_ERR_FORMAT);
  unsigned char zero[sizeof png];
  memcpy (zero, png, sizeof png);
  memset (zero + 16, 0, 4);
  ck_assert_int_eq (header_of (zero, sizeof zero, &h), AE_ERR_FORMAT);
  ae_error_t err;
  ck_assert_int_eq (ae_image_header_read ("/nonexistent/image.png", &h, &err), AE_ERR_IO);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("files");
  TCase *tc = tcase_create ("readers");
  tcase_add_checked_fixture (tc, make_path, remove_path);
  tcase_add_test (tc, idx_images_read_back_in_native_order);
  tcase_add_test (tc, idx_gzip_is_read_transparently);
  tcase_add_test (tc, idx_bad_files_are_refused);
  tcase_add_test (tc, checkpoint_round_trips_and_refuses_damage);
  tcase_add_test (tc, image_headers_give_the_declared_size_before_any_pixel);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
