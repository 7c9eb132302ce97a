/* The file readers: the IDX reader and the checkpoint container, on good,
   truncated, corrupted and lying files. */
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
  suite_add_tcase (s, tc);
  return run_suite (s);
}
