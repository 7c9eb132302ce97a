/* The C image decoder against Pillow (tests/reference/images.txt, from
   make_image_reference.py), its refusals (broken, cut short, CMYK, bombs),
   the conversion and resize, the threaded reader and the folder listing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "test_util.h"

static char scratch[64];   /* a file or folder of this test's own */

static void
make_scratch (void)
{
  snprintf (scratch, sizeof scratch, "/tmp/ae_test_images_%ld", (long) getpid ());
}

static void
remove_scratch (void)
{
  char command[128];
  snprintf (command, sizeof command, "rm -rf %s", scratch);
  ck_assert_int_eq (system (command), 0);
}

static const char *
fixture (const char *name)
{
  static char path[512];
  const char *dir = getenv ("REFERENCE_DIR");
  snprintf (path, sizeof path, "%s/images/%s", dir ? dir : "tests/reference", name);
  return path;
}

static unsigned char *
file_bytes (const char *path, long *n)
{
  FILE *f = fopen (path, "rb");
  ck_assert_msg (f != NULL, "cannot open %s", path);
  fseek (f, 0, SEEK_END);
  *n = ftell (f);
  rewind (f);
  unsigned char *bytes = malloc ((size_t) *n);
  ck_assert_int_eq ((long) fread (bytes, 1, (size_t) *n, f), *n);
  fclose (f);
  return bytes;
}

static void
write_file (const char *path, const unsigned char *bytes, long n)
{
  FILE *f = fopen (path, "wb");
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq ((long) fwrite (bytes, 1, (size_t) n, f), n);
  fclose (f);
}

/* The file decoded at its own size and channels, as floats. */
static float *
decoded (const char *path, int *h, int *w, int *c)
{
  ae_image_t image;
  ae_error_t err = { 0 };
  ck_assert_msg (ae_image_decode (path, 1000000, &image, &err) == AE_OK, "%s: %s", path,
                 err.message);
  *h = image.height, *w = image.width, *c = image.channels;
  const ae_image_shape_t shape = { image.height, image.width, image.channels, 1000000 };
  float *out = alloc_floats ((size_t) image.height * image.width * image.channels);
  ck_assert_int_eq (ae_image_convert (&image, &shape, out, &err), AE_OK);
  ae_image_free (&image);
  return out;
}

START_TEST (decoded_values_are_pillows)
{
  static const char *const names[] = {
    "rgb.png", "grey.png", "grey16.png", "palette.png", "rgba.png", "grey_alpha.png",
    "bilevel.png", "rgb.jpg", "grey.jpg", "progressive.jpg",
  };
  static double want[1024];
  for (size_t f = 0; f < sizeof names / sizeof *names; f++)
    {
      char key[64];
      snprintf (key, sizeof key, "%s", names[f]);
      *strchr (key, '.') = '_';
      char shape_key[80];
      snprintf (shape_key, sizeof shape_key, "%s_shape", key);
      double shape[1024];
      reference_values ("images.txt", shape_key, shape, 1024);
      int h, w, c;
      float *got = decoded (fixture (names[f]), &h, &w, &c);
      ck_assert_msg (h == shape[0] && w == shape[1] && c == shape[2], "%s: %dx%dx%d", names[f], h, w, c);
      const int n = reference_values ("images.txt", key, want, 1024);
      ck_assert_int_eq (n, h * w * c);
      const double unit = strstr (names[f], "16") ? 65535.0 : 255.0;
      for (int k = 0; k < n; k++)
        ck_assert_msg (got[k] == (float) (want[k] / unit), "%s: value %d is %.9g, Pillow's %g / %g",
                       names[f], k, got[k], want[k], unit);
      free (got);
    }
}
END_TEST

static ae_status_t
decode_status (const char *path, long max_pixels, ae_error_t *err)
{
  ae_image_t image;
  const ae_status_t status = ae_image_decode (path, max_pixels, &image, err);
  if (status == AE_OK)
    ae_image_free (&image);
  else
    ck_assert_ptr_null (image.pixels);   /* nothing is left allocated by a refusal */
  return status;
}

START_TEST (broken_files_are_refused_with_a_reason)
{
  ae_error_t err = { 0 };
  ck_assert_int_eq (decode_status (fixture ("cmyk.jpg"), 1000000, &err), AE_ERR_FORMAT);
  ck_assert_ptr_nonnull (strstr (err.message, "CMYK"));
  ck_assert_int_eq (decode_status ("/nonexistent/a.png", 1000000, &err), AE_ERR_IO);
  write_file (scratch, (const unsigned char *) "", 0);
  ck_assert_int_eq (decode_status (scratch, 1000000, &err), AE_ERR_FORMAT);
  ck_assert_ptr_nonnull (strstr (err.message, "empty"));
  write_file (scratch, (const unsigned char *) "not an image", 12);
  ck_assert_int_eq (decode_status (scratch, 1000000, &err), AE_ERR_FORMAT);
  /* a FIFO (no writer: opening it for reading would block for ever) and a
     folder where a file was: refused at once */
  char fifo[96];
  snprintf (fifo, sizeof fifo, "%s.fifo", scratch);
  ck_assert_int_eq (mkfifo (fifo, 0600), 0);
  ck_assert_int_eq (decode_status (fifo, 1000000, &err), AE_ERR_IO);
  ck_assert_ptr_nonnull (strstr (err.message, "not a regular file"));
  ae_image_header_t header;
  ck_assert_int_eq (ae_image_header_read (fifo, &header, &err), AE_ERR_IO);
  unlink (fifo);
  ck_assert_int_eq (decode_status ("/tmp", 1000000, &err), AE_ERR_IO);
  /* every cut of a PNG and of a JPEG, after their first bytes, up to their
     pixels' end (a PNG's last chunk, IEND, is not read) */
  static const char *const names[] = { "rgb.png", "rgb.jpg", "progressive.jpg", "grey16.png" };
  for (int f = 0; f < 4; f++)
    {
      long n;
      unsigned char *bytes = file_bytes (fixture (names[f]), &n);
      const long end = strstr (names[f], ".png") ? n - 12 : n - 2;
      for (long cut = 1; cut < end; cut += 1 + cut / 16)
        {
          write_file (scratch, bytes, cut);
          err.message[0] = '\0';
          ck_assert_msg (decode_status (scratch, 1000000, &err) == AE_ERR_FORMAT,
                         "%s cut to %ld of %ld bytes was decoded", names[f], cut, n);
          ck_assert_msg (err.message[0] != '\0', "%s cut to %ld: no reason", names[f], cut);
        }
      /* a damaged byte in the compressed data: refused or decoded, never a crash */
      for (long at = n / 4; at < n; at += n / 8)
        {
          bytes[at] ^= 0x5A;
          write_file (scratch, bytes, n);
          decode_status (scratch, 1000000, &err);
          bytes[at] ^= 0x5A;
        }
      free (bytes);
    }
}
END_TEST

START_TEST (bombs_are_refused_before_any_allocation)
{
  ae_error_t err = { 0 };
  long n;
  /* the PNG's IHDR declares 60000 x 60000, its CRC made to match */
  unsigned char *png = file_bytes (fixture ("rgb.png"), &n);
  static const unsigned char size[8] = { 0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60 };
  memcpy (png + 16, size, 8);
  const unsigned long crc = crc32 (0, png + 12, 17);
  for (int b = 0; b < 4; b++)
    png[29 + b] = (unsigned char) (crc >> (24 - 8 * b));
  write_file (scratch, png, n);
  ck_assert_int_eq (decode_status (scratch, 178956970, &err), AE_ERR_MEMORY);
  ck_assert_ptr_nonnull (strstr (err.message, "60000x60000"));
  free (png);
  /* the JPEG's frame header declares 65000 x 65000 */
  unsigned char *jpeg = file_bytes (fixture ("rgb.jpg"), &n);
  long sof = 2;
  while (sof + 9 < n && !(jpeg[sof] == 0xFF && jpeg[sof + 1] == 0xC0))
    sof++;
  ck_assert_int_lt (sof + 9, n);
  static const unsigned char dims[4] = { 0xFD, 0xE8, 0xFD, 0xE8 };
  memcpy (jpeg + sof + 5, dims, 4);
  write_file (scratch, jpeg, n);
  ck_assert_int_eq (decode_status (scratch, 178956970, &err), AE_ERR_MEMORY);
  ck_assert_ptr_nonnull (strstr (err.message, "65000x65000"));
  free (jpeg);
  /* a limit below a good file's size refuses it too */
  ck_assert_int_eq (decode_status (fixture ("rgb.png"), 34, &err), AE_ERR_MEMORY);
  ck_assert_int_eq (decode_status (fixture ("rgb.png"), 35, &err), AE_OK);
}
END_TEST

START_TEST (conversion_makes_grey_and_colour_and_resizes)
{
  int h, w, c;
  float *rgb = decoded (fixture ("rgb.png"), &h, &w, &c);
  ae_image_t image;
  ae_error_t err = { 0 };
  ck_assert_int_eq (ae_image_decode (fixture ("rgb.png"), 1000000, &image, &err), AE_OK);
  /* grey with rgb2gray's weights */
  const ae_image_shape_t grey_shape = { h, w, 1, 1000000 };
  float grey[35];
  ck_assert_int_eq (ae_image_convert (&image, &grey_shape, grey, &err), AE_OK);
  for (int k = 0; k < h * w; k++)
    ck_assert_float_eq_tol (grey[k], 0.298936021293775 * rgb[k] + 0.587043074451121 * rgb[k + 35]
                            + 0.114020904255103 * rgb[k + 70], 1e-7);
  /* resizing every channel the same way: each output plane lies within
     the input's range widened by the cubic's overshoot, clipped to [0, 1] */
  const ae_image_shape_t big = { 20, 13, 3, 1000000 };
  float *out = alloc_floats (20 * 13 * 3);
  ck_assert_int_eq (ae_image_convert (&image, &big, out, &err), AE_OK);
  for (int k = 0; k < 20 * 13 * 3; k++)
    ck_assert (out[k] >= 0 && out[k] <= 1);
  ae_image_free (&image);
  free (out);
  free (rgb);
  /* grey repeated in three channels; a constant image stays constant at
     any size; the same size copies */
  unsigned char flat[6 * 4];
  memset (flat, 153, sizeof flat);
  ae_image_t constant = { .height = 6, .width = 4, .channels = 1, .bits = 8, .pixels = flat };
  const ae_image_shape_t shapes[3] = { { 3, 2, 3, 100 }, { 17, 9, 3, 100 }, { 6, 4, 3, 100 } };
  for (int s = 0; s < 3; s++)
    {
      float *v = alloc_floats ((size_t) shapes[s].height * shapes[s].width * 3);
      ck_assert_int_eq (ae_image_convert (&constant, &shapes[s], v, &err), AE_OK);
      for (int k = 0; k < shapes[s].height * shapes[s].width * 3; k++)
        ck_assert_float_eq_tol (v[k], 0.6f, 2e-7);
      free (v);
    }
  /* a ramp across the columns is kept inside the image (bicubic is exact
     on linear functions), growing by 2 */
  unsigned char ramp[8 * 10];
  for (int r = 0; r < 8; r++)
    for (int col = 0; col < 10; col++)
      ramp[r * 10 + col] = (unsigned char) (20 * col + 10);
  ae_image_t ramp_image = { .height = 8, .width = 10, .channels = 1, .bits = 8, .pixels = ramp };
  const ae_image_shape_t twice = { 16, 20, 1, 100 };
  float v[16 * 20];
  ck_assert_int_eq (ae_image_convert (&ramp_image, &twice, v, &err), AE_OK);
  for (int j = 4; j < 16; j++)   /* output column j (0-based) is centred at input (j + 0.5) / 2 + 0.5 */
    for (int i = 0; i < 16; i++)
      ck_assert_float_eq_tol (v[i + 16 * j], (20 * ((j + 0.5) / 2 - 0.5) + 10) / 255, 1e-6);
}
END_TEST

static int stop_now (void *context)
{
  return *(int *) context;
}

START_TEST (files_are_read_on_threads_with_failures_marked)
{
  const char *paths[12];
  char names[3][512];
  snprintf (names[0], sizeof names[0], "%s", fixture ("rgb.jpg"));
  snprintf (names[1], sizeof names[1], "%s", fixture ("grey.png"));
  snprintf (names[2], sizeof names[2], "%s", fixture ("rgb.png"));
  for (int k = 0; k < 12; k++)
    paths[k] = k % 4 == 3 ? "/nonexistent.png" : names[k % 3];
  const ae_image_shape_t shape = { 9, 11, 3, 1000000 };
  const size_t size = 9 * 11 * 3;
  float *one = alloc_floats (12 * size), *two = alloc_floats (12 * size);
  ae_error_t errors[12];
  ck_assert_int_eq (ae_image_read_files (paths, 12, &shape, 1, one, errors), AE_OK);
  for (int k = 0; k < 12; k++)
    ck_assert_int_eq (errors[k].status, k % 4 == 3 ? AE_ERR_IO : AE_OK);
  ck_assert_int_eq (ae_image_read_files (paths, 12, &shape, 2, two, errors), AE_OK);
  for (int k = 0; k < 12; k++)
    if (k % 4 != 3)
      ck_assert_int_eq (memcmp (one + k * size, two + k * size, size * sizeof (float)), 0);
  /* the same file gives the same values wherever it is in the list */
  ck_assert_int_eq (memcmp (one, one + 6 * size, size * sizeof (float)), 0);
  /* Ctrl-C: the calling thread stops after its file, the rest are marked */
  int stop = 1;
  ae_set_interrupt_check (stop_now, &stop);
  ck_assert_int_eq (ae_image_read_files (paths, 12, &shape, 1, one, errors), AE_INTERRUPTED);
  ae_set_interrupt_check (NULL, NULL);
  ck_assert_int_eq (errors[0].status, AE_OK);
  for (int k = 1; k < 12; k++)
    ck_assert_int_eq (errors[k].status, AE_INTERRUPTED);
  const ae_image_shape_t bad = { 0, 11, 3, 1000000 };
  ck_assert_int_eq (ae_image_read_files (paths, 12, &bad, 1, one, errors), AE_ERR_ARGUMENT);
  free (one);
  free (two);
}
END_TEST

static void
make_file (const char *folder, const char *name)
{
  char path[256];
  snprintf (path, sizeof path, "%s/%s", folder, name);
  write_file (path, (const unsigned char *) "x", 1);
}

START_TEST (folders_are_listed_sorted_once_through_links)
{
  char sub[128], deeper[128], link[160];
  ck_assert_int_eq (mkdir (scratch, 0700), 0);
  snprintf (sub, sizeof sub, "%s/b", scratch);
  snprintf (deeper, sizeof deeper, "%s/b/c", scratch);
  ck_assert_int_eq (mkdir (sub, 0700), 0);
  ck_assert_int_eq (mkdir (deeper, 0700), 0);
  make_file (scratch, "z.png");
  make_file (scratch, "a.JPG");
  make_file (scratch, "notes.txt");
  make_file (sub, "m.jpeg");
  make_file (deeper, "q.png");
  /* a loop (c/up -> the top), a second way into b, a dangling link */
  snprintf (link, sizeof link, "%s/up", deeper);
  ck_assert_int_eq (symlink (scratch, link), 0);
  snprintf (link, sizeof link, "%s/also_b", scratch);
  ck_assert_int_eq (symlink (sub, link), 0);
  snprintf (link, sizeof link, "%s/gone.png", scratch);
  ck_assert_int_eq (symlink ("/nonexistent/gone.png", link), 0);
  static const char *const extensions[] = { ".png", ".jpg", ".jpeg" };
  ae_file_list_t list;
  ae_error_t err = { 0 };
  ck_assert_int_eq (ae_file_list (scratch, 0, extensions, 3, &list, &err), AE_OK);
  ck_assert_int_eq (list.n_paths, 2);
  char want[160];
  snprintf (want, sizeof want, "%s/a.JPG", scratch);
  ck_assert_str_eq (list.paths[0], want);
  ae_file_list_free (&list);
  ck_assert_int_eq (ae_file_list (scratch, 1, extensions, 3, &list, &err), AE_OK);
  /* b is reached once, through whichever name came first; the loop ends */
  ck_assert_int_eq (list.n_paths, 4);
  for (long k = 1; k < list.n_paths; k++)
    ck_assert_int_lt (strcmp (list.paths[k - 1], list.paths[k]), 0);
  snprintf (want, sizeof want, "%s/z.png", scratch);
  ck_assert_str_eq (list.paths[3], want);
  ae_file_list_free (&list);
  ck_assert_int_eq (ae_file_list ("/nonexistent/folder", 1, extensions, 3, &list, &err), AE_ERR_IO);
}
END_TEST

/* A small VAE over images of 9 x 11 x 3. */
static void
build_image_vae (ae_net_t *net)
{
  ae_error_t err;
  const int width = 9 * 11 * 3;
  ae_net_begin (net, width);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 16 }, &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
              &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = 4 }, &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_GAUSSIAN }, &err);
  ae_net_end_encoder (net);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_DENSE, .width = width }, &err);
  ae_net_add (net, &(ae_layer_spec_t) { .kind = AE_LAYER_ACTIVATION,
                                        .activation = AE_ACT_SIGMOID }, &err);
}

/* Two epochs from a source over n paths; the parameters into params
   (initialised from seed 3), the epochs' stats into stats. */
static void
train_from (const char *const *paths, long n, const float *x, float *params,
            ae_epoch_stats_t *stats, ae_image_source_t **kept)
{
  ae_net_t net;
  build_image_vae (&net);
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_INIT);
  ae_net_init_params (&net, params, &rng);
  const ae_train_config_t config = {
    .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 1.0f },
    .optimizer = { AE_OPT_ADAM, 1e-2f, 0, 0.9f, 0.999f, 1e-8f },
    .batch_size = 8, .seed = 11,
  };
  ae_trainer_t trainer;
  ae_error_t err = { 0 };
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, n, &err), AE_OK);
  ae_image_source_t *source = NULL;
  if (!x)
    {
      const ae_image_shape_t shape = { 9, 11, 3, 1000000 };
      ck_assert_int_eq (ae_image_source_new (paths, n, &shape, 8, 1, &source, &err), AE_OK);
      ae_trainer_set_source (&trainer, ae_image_source_base (source));
    }
  for (int e = 0; e < 2; e++)
    ck_assert_msg (ae_trainer_epoch (&trainer, params, x, NULL, NULL, NULL, 0, &stats[e], &err)
                   == AE_OK, "%s", err.message);
  ae_trainer_free (&trainer);
  *kept = source;
}

START_TEST (training_from_files_is_training_on_them_in_memory)
{
  static const char *const names[] = { "rgb.png", "rgb.jpg", "grey.png", "palette.png",
                                       "progressive.jpg", "rgba.png", "grey16.png" };
  char stored[7][512];
  const char *paths[45];
  for (int k = 0; k < 7; k++)
    snprintf (stored[k], sizeof stored[k], "%s", fixture (names[k]));
  for (int k = 0; k < 45; k++)
    paths[k] = stored[(k * 3) % 7];
  const size_t image = 9 * 11 * 3;
  const ae_image_shape_t shape = { 9, 11, 3, 1000000 };
  float *x = alloc_floats (45 * image);
  ae_error_t errors[45];
  ck_assert_int_eq (ae_image_read_files (paths, 45, &shape, 2, x, errors), AE_OK);
  ae_net_t net;
  build_image_vae (&net);
  float *in_memory = alloc_floats ((size_t) ae_net_n_values (&net));
  float *from_files = alloc_floats ((size_t) ae_net_n_values (&net));
  ae_epoch_stats_t a[2], b[2];
  ae_image_source_t *source;
  train_from (paths, 45, x, in_memory, a, &source);
  train_from (paths, 45, NULL, from_files, b, &source);
  /* the same batches in the same order: the same steps, to the bit */
  ck_assert_int_eq (memcmp (in_memory, from_files, (size_t) net.n_params * sizeof (float)), 0);
  ck_assert_double_eq (a[1].loss, b[1].loss);
  long failed;
  ck_assert_int_eq (ae_image_source_failures (source, &failed, errors, 1), 0);
  ae_image_source_free (source);
  /* a file gone and one cut short: left out of their batches, named once
     over the two epochs; the other 43 train */
  write_file (scratch, (const unsigned char *) "\x89PNG\r\n\x1a\n", 8);
  paths[5] = "/nonexistent/gone.png";
  paths[17] = scratch;
  train_from (paths, 45, NULL, from_files, b, &source);
  ck_assert (isfinite (b[1].loss));
  long files[4];
  ck_assert_int_eq (ae_image_source_failures (source, files, errors, 4), 2);
  ck_assert (files[0] == 5 || files[0] == 17);
  ck_assert (files[1] == 5 || files[1] == 17);
  ck_assert (ae_image_source_wait_seconds (source) >= 0);
  ae_image_source_free (source);
  /* every file gone: the epoch says so */
  for (int k = 0; k < 45; k++)
    paths[k] = "/nonexistent/gone.png";
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_INIT);
  ae_net_init_params (&net, from_files, &rng);
  const ae_train_config_t config = {
    .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 1.0f },
    .optimizer = { AE_OPT_ADAM, 1e-2f, 0, 0.9f, 0.999f, 1e-8f }, .batch_size = 8, .seed = 11,
  };
  ae_trainer_t trainer;
  ae_error_t err = { 0 };
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, 45, &err), AE_OK);
  ck_assert_int_eq (ae_image_source_new (paths, 45, &shape, 8, 2, &source, &err), AE_OK);
  ae_trainer_set_source (&trainer, ae_image_source_base (source));
  ae_epoch_stats_t stats;
  ck_assert_int_eq (ae_trainer_epoch (&trainer, from_files, NULL, NULL, NULL, NULL, 0, &stats, &err),
                    AE_ERR_IO);
  ck_assert_ptr_nonnull (strstr (err.message, "none of the 45"));
  /* a source with an array too is refused; a batch larger than it was made for too */
  ck_assert_int_eq (ae_trainer_epoch (&trainer, from_files, x, NULL, NULL, NULL, 0, &stats, &err),
                    AE_ERR_ARGUMENT);
  ae_trainer_free (&trainer);
  ae_image_source_free (source);
  ck_assert_int_eq (ae_image_source_new (paths, 45, &shape, 0, 2, &source, &err), AE_ERR_ARGUMENT);
  ck_assert_ptr_null (source);
  free (x);
  free (in_memory);
  free (from_files);
}
END_TEST

/* A grey PNG of side x side pixels, all one value: a few kB that take
   tens of milliseconds to decode and resize. */
static void
write_big_png (const char *path, int side)
{
  const size_t row = 1 + (size_t) side, raw_size = row * (size_t) side;
  unsigned char *raw = calloc (raw_size, 1);
  for (size_t k = 0; k < raw_size; k++)
    raw[k] = k % row == 0 ? 0 : 0x80;   /* filter byte none, then the pixels */
  uLongf packed_size = compressBound (raw_size);
  unsigned char *packed = malloc (packed_size);
  ck_assert_int_eq (compress2 (packed, &packed_size, raw, raw_size, 9), Z_OK);
  FILE *f = fopen (path, "wb");
  ck_assert_ptr_nonnull (f);
  fwrite ("\x89PNG\r\n\x1a\n", 1, 8, f);
  unsigned char ihdr[13] = { 0 };
  for (int b = 0; b < 4; b++)
    ihdr[b] = ihdr[4 + b] = (unsigned char) ((unsigned) side >> (24 - 8 * b));
  ihdr[8] = 8;   /* 8 bits, grey, deflate, no filter, no interlace */
  const struct { const char *type; const unsigned char *data; size_t n; } chunks[] = {
    { "IHDR", ihdr, sizeof ihdr }, { "IDAT", packed, packed_size }, { "IEND", NULL, 0 } };
  for (int c = 0; c < 3; c++)
    {
      unsigned char be[4];
      for (int b = 0; b < 4; b++)
        be[b] = (unsigned char) (chunks[c].n >> (24 - 8 * b));
      fwrite (be, 1, 4, f);
      fwrite (chunks[c].type, 1, 4, f);
      if (chunks[c].n)
        fwrite (chunks[c].data, 1, chunks[c].n, f);
      uLong crc = crc32 (0, (const Bytef *) chunks[c].type, 4);
      crc = crc32 (crc, chunks[c].data, (uInt) chunks[c].n);
      for (int b = 0; b < 4; b++)
        be[b] = (unsigned char) (crc >> (24 - 8 * b));
      fwrite (be, 1, 4, f);
    }
  fclose (f);
  free (raw);
  free (packed);
}

static double interrupt_at;      /* the clock at which Ctrl-C "arrives" */
static double interrupt_seen;    /* when the check first answered yes */

static int
interrupt_after_a_while (void *context)
{
  (void) context;
  const double now = ae_seconds_now ();
  if (now < interrupt_at)
    return 0;
  if (interrupt_seen == 0)
    interrupt_seen = now;
  return 1;
}

START_TEST (ctrl_c_stops_a_reader_in_the_middle_of_a_batch)
{
  write_big_png (scratch, 2500);
  ae_error_t err = { 0 };
  /* as many files as one thread takes at least 2 s to decode, in one batch */
  const ae_image_shape_t shape = { 9, 11, 3, 100000000 };
  float *one = alloc_floats (9 * 11 * 3);
  ae_error_t why;
  double start = ae_seconds_now ();
  ck_assert_int_eq (ae_image_read_files (&(const char *) { scratch }, 1, &shape, 1, one, &why), AE_OK);
  ck_assert_int_eq (why.status, AE_OK);
  const double per_file = ae_seconds_now () - start;
  int n = (int) (2.0 / per_file) + 1;
  n = n < 8 ? 8 : n > 4000 ? 4000 : n;
  const char **paths = malloc ((size_t) n * sizeof *paths);
  for (int k = 0; k < n; k++)
    paths[k] = scratch;
  ae_net_t net;
  build_image_vae (&net);
  float *params = alloc_floats ((size_t) ae_net_n_values (&net));
  ae_rng_t rng;
  ae_rng_seed (&rng, 3, AE_STREAM_INIT);
  ae_net_init_params (&net, params, &rng);
  const ae_train_config_t config = {
    .objective = { AE_LOSS_BCE_LOGITS, AE_REDUCE_SUM, 1.0f },
    .optimizer = { AE_OPT_ADAM, 1e-2f, 0, 0.9f, 0.999f, 1e-8f }, .batch_size = n, .seed = 11,
  };
  ae_trainer_t trainer;
  ck_assert_int_eq (ae_trainer_init (&trainer, &net, &config, n, &err), AE_OK);
  ae_image_source_t *source;
  ck_assert_int_eq (ae_image_source_new (paths, n, &shape, n, 1, &source, &err), AE_OK);
  ae_trainer_set_source (&trainer, ae_image_source_base (source));
  start = ae_seconds_now ();
  interrupt_at = start + 0.3, interrupt_seen = 0;
  ae_set_interrupt_check (interrupt_after_a_while, NULL);
  ae_epoch_stats_t stats;
  const ae_status_t status = ae_trainer_epoch (&trainer, params, NULL, NULL, NULL, NULL, 0,
                                               &stats, &err);
  ae_trainer_free (&trainer);
  ae_image_source_free (source);   /* what the gateway does next: the reader joined */
  const double stopped = ae_seconds_now ();
  ae_set_interrupt_check (NULL, NULL);
  ck_assert_int_eq (status, AE_INTERRUPTED);
  ck_assert (interrupt_seen > 0);
  /* the reader had most of its batch left; it stopped after its current file */
  ck_assert_msg (stopped - interrupt_at < 0.25 + 2 * per_file,
                 "stopped %.3f s after Ctrl-C (one file takes %.3f s, %d files %.1f s)",
                 stopped - interrupt_at, per_file, n, n * per_file);
  if (getenv ("AE_TEST_VERBOSE"))
    printf ("reader stopped %.3f s after Ctrl-C; one file %.4f s, %d files\n",
            stopped - interrupt_at, per_file, n);
  free (paths);
  free (params);
  free (one);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("images");
  TCase *tc = tcase_create ("decoding");
  tcase_add_checked_fixture (tc, make_scratch, remove_scratch);
  tcase_add_test (tc, decoded_values_are_pillows);
  tcase_add_test (tc, broken_files_are_refused_with_a_reason);
  tcase_add_test (tc, bombs_are_refused_before_any_allocation);
  tcase_add_test (tc, conversion_makes_grey_and_colour_and_resizes);
  tcase_add_test (tc, files_are_read_on_threads_with_failures_marked);
  tcase_add_test (tc, folders_are_listed_sorted_once_through_links);
  tcase_add_test (tc, training_from_files_is_training_on_them_in_memory);
  tcase_add_test (tc, ctrl_c_stops_a_reader_in_the_middle_of_a_batch);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
