#include "ae_conv.h"
#include "ae_fastmath.h"
#include "ae_threads.h"

#include <cblas.h>
#include <string.h>

ae_status_t
ae_conv_shape_init (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c, int k_h,
                    int k_w, int stride, int pad_top, int pad_bottom, int pad_left,
                    int pad_right, ae_error_t *err)
{
  memset (s, 0, sizeof *s);
  if (in_c < 1 || in_h < 1 || in_w < 1 || out_c < 1 || k_h < 1 || k_w < 1 || stride < 1
      || pad_top < 0 || pad_bottom < 0 || pad_left < 0 || pad_right < 0)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "convolution sizes must be positive and paddings >= 0 (input %dx%dx%d,"
                    " %d filters of %dx%d, stride %d)", in_h, in_w, in_c, out_c, k_h, k_w,
                    stride);
  const long padded_h = (long) in_h + pad_top + pad_bottom;
  const long padded_w = (long) in_w + pad_left + pad_right;
  if (padded_h < k_h || padded_w < k_w)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "a %dx%d window does not fit the %dx%dx%d input padded to %ldx%ld", k_h,
                    k_w, in_h, in_w, in_c, padded_h, padded_w);
  *s = (ae_conv_shape_t) {
    .in_c = in_c, .in_h = in_h, .in_w = in_w, .out_c = out_c,
    .out_h = (int) ((padded_h - k_h) / stride + 1), .out_w = (int) ((padded_w - k_w) / stride + 1),
    .k_h = k_h, .k_w = k_w, .stride = stride, .pad_top = pad_top, .pad_bottom = pad_bottom,
    .pad_left = pad_left, .pad_right = pad_right
  };
  return AE_OK;
}

static int
same_padding (int in, int k, int stride)
{
  int out = (in + stride - 1) / stride;
  int total = (out - 1) * stride + k - in;
  return total > 0 ? total : 0;
}

ae_status_t
ae_conv_shape_same (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c, int k_h,
                    int k_w, int stride, ae_error_t *err)
{
  if (stride < 1 || in_h < 1 || in_w < 1)
    return ae_conv_shape_init (s, in_c, in_h, in_w, out_c, k_h, k_w, stride, 0, 0, 0, 0, err);
  int pad_h = same_padding (in_h, k_h, stride), pad_w = same_padding (in_w, k_w, stride);
  return ae_conv_shape_init (s, in_c, in_h, in_w, out_c, k_h, k_w, stride, pad_h / 2,
                             pad_h - pad_h / 2, pad_w / 2, pad_w - pad_w / 2, err);
}

ae_status_t
ae_conv_shape_transposed (ae_conv_shape_t *s, int in_c, int in_h, int in_w, int out_c,
                          int k_h, int k_w, int stride, int pad_top, int pad_bottom,
                          int pad_left, int pad_right, int output_padding_h,
                          int output_padding_w, ae_error_t *err)
{
  memset (s, 0, sizeof *s);
  if (output_padding_h < 0 || output_padding_w < 0 || output_padding_h >= stride
      || output_padding_w >= stride)
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "the output padding (%d, %d) must be >= 0 and below the stride %d",
                    output_padding_h, output_padding_w, stride);
  long big_h = (long) (in_h - 1) * stride - pad_top - pad_bottom + k_h + output_padding_h;
  long big_w = (long) (in_w - 1) * stride - pad_left - pad_right + k_w + output_padding_w;
  if (in_h < 1 || in_w < 1 || stride < 1 || big_h < 1 || big_w < 1 || big_h > (1 << 30)
      || big_w > (1 << 30))
    return ae_fail (err, AE_ERR_ARGUMENT,
                    "a transposed convolution of a %dx%d input, %dx%d filters, stride %d and"
                    " padding %d/%d/%d/%d has no output", in_h, in_w, k_h, k_w, stride,
                    pad_top, pad_bottom, pad_left, pad_right);
  /* the output padding adds rows that the adjoint convolution never reads:
     padding at the bottom of its input that it skips, as PyTorch's does */
  ae_status_t status = ae_conv_shape_init (s, out_c, (int) big_h, (int) big_w, in_c, k_h, k_w,
                                           stride, pad_top, pad_bottom, pad_left, pad_right,
                                           err);
  if (status == AE_OK && (s->out_h != in_h || s->out_w != in_w))
    return ae_fail (err, AE_ERR_ARGUMENT, "inconsistent transposed convolution geometry");
  return status;
}

/* Samples go through the matrix products in groups, so that one SGEMM does
   a group's work: per-sample products are too small, and the call overhead
   of many of them showed. A batch is split over the threads first (see
   ae_threads.h); each thread's groups keep their scratch within
   GROUP_FLOATS / n_threads, small enough for im2col's output to be still in
   the core's cache when the product reads it: Keras's conv VAE ran 4.3 s per
   epoch with 16 MB in all, 4.0 s with 1 MB, 4.0 s with 256 KB (medians of 3
   interleaved runs). But a group has at least MIN_COLUMNS output positions
   (up to the thread's share of the batch): the budget gave DCGAN's 7x7
   layers (2,048 rows) one sample a group, products only 49 columns wide,
   and its epoch took 5% longer (3 interleaved pairs of runs). */
enum { GROUP_FLOATS = 1 << 18, MIN_COLUMNS = 256 };

static long
positions (const ae_conv_shape_t *s)
{
  return (long) s->out_h * s->out_w;
}

static long
col_rows (const ae_conv_shape_t *s)
{
  return (long) s->in_c * s->k_h * s->k_w;
}

/* The weight and bias gradients of a thread after the first, summed into
   the caller's after the team ends (in thread order: the same sums for the
   same thread count). The bias is out_c long, or in_c when transposed. */
static long
partial_size (const ae_conv_shape_t *s)
{
  return s->out_c * col_rows (s) + (s->out_c > s->in_c ? s->out_c : s->in_c);
}

/* How a batch of n_batch splits: threads, samples per product, scratch floats
   per thread ([col K x g P][grid out_c x g P][partial gradients]). Never more
   for a smaller batch with the same thread count, so a scratch sized for the
   largest batch serves every batch. */
typedef struct {
  int n_threads, group;
  long slice;
} conv_split_t;

static conv_split_t
split_of (const ae_conv_shape_t *s, int n_batch, int n_threads)
{
  if (n_threads < 1)
    n_threads = 1;
  conv_split_t split = { .n_threads = n_batch < n_threads ? n_batch : n_threads };
  if (split.n_threads < 1)
    split.n_threads = 1;
  const long per_sample = positions (s) * (col_rows (s) + s->out_c);
  long budget = GROUP_FLOATS / n_threads / (per_sample > 0 ? per_sample : 1);
  const long min_group = (MIN_COLUMNS + positions (s) - 1) / positions (s);
  if (budget < min_group)
    budget = min_group;
  const long per_thread = (n_batch + split.n_threads - 1) / split.n_threads;
  split.group = (int) (budget < 1 ? 1 : budget < per_thread ? budget : per_thread);
  split.slice = split.group * per_sample + (n_threads > 1 ? partial_size (s) : 0);
  return split;
}

/* A filter that covers its whole unpadded input leaves one output position
   (DCGAN's 7x7 layers at each end): a sample's [in_c][in_h][in_w] values are
   then, in that order, the column [in_c][k_h][k_w] that im2col would build,
   and the layer is a dense one. Its products take the samples as they lie;
   im2col and col2im would copy 12,544 rows of one value each per sample. */
int
ae_conv_is_full_kernel (const ae_conv_shape_t *s)
{
  return s->k_h == s->in_h && s->k_w == s->in_w && s->pad_top == 0 && s->pad_bottom == 0
         && s->pad_left == 0 && s->pad_right == 0;
}

long
ae_conv_col_size (const ae_conv_shape_t *s, int max_batch, int n_threads)
{
  if (ae_conv_is_full_kernel (s))
    return 0;
  const conv_split_t split = split_of (s, max_batch, n_threads);
  return split.n_threads * split.slice;
}

/* The output columns [*lo, *hi) whose filter column kx reads inside the
   image; the others read the zero padding. */
static void
columns_inside (const ae_conv_shape_t *s, int kx, int *lo, int *hi)
{
  /* ix = ox stride - pad_left + kx must lie in [0, in_w) */
  const int first = s->pad_left - kx;
  *lo = first <= 0 ? 0 : (first + s->stride - 1) / s->stride;
  const int last = s->in_w - 1 + s->pad_left - kx;
  *hi = last < 0 ? 0 : last / s->stride + 1;
  if (*hi > s->out_w)
    *hi = s->out_w;
  if (*lo > *hi)
    *lo = *hi;
}

/* col [in_c k_h k_w][ld] gathers in [in_c][in_h][in_w] under each filter
   position, zero outside the image, into the P columns from `first`. The
   range of columns inside the image is worked out once per filter column,
   so the copy loops have no tests. */
AE_VECTOR_LOOP static void
im2col_rows (float *col, long ld, long first, const float *in, const ae_conv_shape_t *s)
{
  const int stride = s->stride, out_w = s->out_w;
  for (int c = 0; c < s->in_c; c++)
    for (int ky = 0; ky < s->k_h; ky++)
      for (int kx = 0; kx < s->k_w; kx++)
        {
          float *row = col + ((c * s->k_h + ky) * s->k_w + kx) * ld + first;
          const float *plane = in + (long) c * s->in_h * s->in_w;
          int lo, hi;
          columns_inside (s, kx, &lo, &hi);
          for (int oy = 0; oy < s->out_h; oy++)
            {
              const int iy = oy * stride - s->pad_top + ky;
              float *dst = row + (long) oy * out_w;
              if (iy < 0 || iy >= s->in_h)
                {
                  memset (dst, 0, (size_t) out_w * sizeof *dst);
                  continue;
                }
              const float *src = plane + (long) iy * s->in_w;
              const int shift = kx - s->pad_left;   /* ix = ox stride + shift */
              for (int ox = 0; ox < lo; ox++)
                dst[ox] = 0.0f;
              if (stride == 1)
                memcpy (dst + lo, src + lo + shift, (size_t) (hi - lo) * sizeof *dst);
              else
                for (int ox = lo; ox < hi; ox++)
                  dst[ox] = src[ox * stride + shift];
              for (int ox = hi; ox < out_w; ox++)
                dst[ox] = 0.0f;
            }
        }
}

/* The adjoint of im2col: in [in_c][in_h][in_w] = the sum of the entries of
   col's P columns from `first` that read each pixel. */
AE_VECTOR_LOOP static void
col2im (float *in, const float *col, long ld, long first, const ae_conv_shape_t *s)
{
  const int stride = s->stride, out_w = s->out_w;
  memset (in, 0, (size_t) s->in_c * s->in_h * s->in_w * sizeof *in);
  for (int c = 0; c < s->in_c; c++)
    for (int ky = 0; ky < s->k_h; ky++)
      for (int kx = 0; kx < s->k_w; kx++)
        {
          const float *row = col + ((c * s->k_h + ky) * s->k_w + kx) * ld + first;
          float *plane = in + (long) c * s->in_h * s->in_w;
          int lo, hi;
          columns_inside (s, kx, &lo, &hi);
          for (int oy = 0; oy < s->out_h; oy++)
            {
              const int iy = oy * stride - s->pad_top + ky;
              if (iy < 0 || iy >= s->in_h)
                continue;
              float *dst = plane + (long) iy * s->in_w;
              const float *src = row + (long) oy * out_w;
              const int shift = kx - s->pad_left;
              if (stride == 1)
                for (int ox = lo; ox < hi; ox++)
                  dst[ox + shift] += src[ox];
              else
                for (int ox = lo; ox < hi; ox++)
                  dst[ox * stride + shift] += src[ox];
            }
        }
}

/* Small outputs (rows shorter than MIN_ROW, as the 7x7 and 14x14 grids of
   stride-2 layers) go by a table instead: the offset in the input plane that
   each output position of a filter tap (ky, kx) reads, -1 in the padding.
   The copies then run over a channel's P positions at once, without the
   per-row set-up that cost more than the rows' 7 values: im2col took a fifth
   fewer samples of a VAE-GAN epoch under perf (col2im by the same table took
   more, its scattered adds in a branch: it keeps its rows). */
enum { MIN_ROW = 16, MAX_TABLE = 1024 };

static int
by_taps (const ae_conv_shape_t *s)
{
  return s->out_w < MIN_ROW && (long) s->out_h * s->out_w <= MAX_TABLE;
}

static void
tap_offsets (int *offsets, const ae_conv_shape_t *s, int ky, int kx)
{
  for (int oy = 0; oy < s->out_h; oy++)
    for (int ox = 0; ox < s->out_w; ox++)
      {
        const int iy = oy * s->stride - s->pad_top + ky, ix = ox * s->stride - s->pad_left + kx;
        offsets[oy * s->out_w + ox]
            = iy >= 0 && iy < s->in_h && ix >= 0 && ix < s->in_w ? iy * s->in_w + ix : -1;
      }
}

AE_VECTOR_LOOP static void
im2col_taps (float *col, long ld, long first, const float *in, const ae_conv_shape_t *s)
{
  const int P = s->out_h * s->out_w;
  const long in_plane = (long) s->in_h * s->in_w;
  int offsets[MAX_TABLE];
  for (int ky = 0; ky < s->k_h; ky++)
    for (int kx = 0; kx < s->k_w; kx++)
      {
        tap_offsets (offsets, s, ky, kx);
        for (int c = 0; c < s->in_c; c++)
          {
            float *row = col + ((c * s->k_h + ky) * s->k_w + kx) * ld + first;
            const float *plane = in + c * in_plane;
            for (int p = 0; p < P; p++)
              row[p] = offsets[p] >= 0 ? plane[offsets[p]] : 0.0f;
          }
      }
}

static void
im2col (float *col, long ld, long first, const float *in, const ae_conv_shape_t *s)
{
  if (by_taps (s))
    im2col_taps (col, ld, first, in, s);
  else
    im2col_rows (col, ld, first, in, s);
}

/* grid [out_c][g P] <-> g samples [g][out_c][P] */
static void
gather (float *grid, const float *samples, int g, const ae_conv_shape_t *s)
{
  const long P = positions (s);
  for (int b = 0; b < g; b++)
    for (int c = 0; c < s->out_c; c++)
      memcpy (grid + c * g * P + b * P, samples + b * ae_conv_out_size (s) + c * P,
              (size_t) P * sizeof *grid);
}

static void
scatter (float *samples, const float *grid, int g, const ae_conv_shape_t *s)
{
  const long P = positions (s);
  for (int b = 0; b < g; b++)
    for (int c = 0; c < s->out_c; c++)
      memcpy (samples + b * ae_conv_out_size (s) + c * P, grid + c * g * P + b * P,
              (size_t) P * sizeof *samples);
}

static void
add_bias (float *planes, const float *bias, int n_channels, long n_positions)
{
  for (int c = 0; c < n_channels; c++)
    for (long p = 0; p < n_positions; p++)
      planes[c * n_positions + p] += bias[c];
}

/* Sums in 8 float lanes over blocks of 256 positions (so that it
   vectorizes), the blocks' sums in double. */
void
ae_conv_bias_gradient (float *d_bias, const float *planes, int n_channels, long n_positions)
{
  enum { LANES = 8, BLOCK = 256 };
  for (int c = 0; c < n_channels; c++)
    {
      const float *plane = planes + c * n_positions;
      double sum = 0;
      for (long start = 0; start < n_positions; start += BLOCK)
        {
          const long end = n_positions - start < BLOCK ? n_positions : start + BLOCK;
          float lanes[LANES] = { 0 };
          long p = start;
          for (; p + LANES <= end; p += LANES)
            for (int k = 0; k < LANES; k++)
              lanes[k] += plane[p + k];
          for (; p < end; p++)
            lanes[0] += plane[p];
          for (int k = 0; k < LANES; k++)
            sum += lanes[k];
        }
      d_bias[c] += (float) sum;
    }
}

/* The three products of a group of g samples, shared by the convolution and
   its adjoint: grid [out_c][g P] = weight [out_c][K] . col [K][g P] ... */
static void
filter_product (float *grid, const float *weight, const float *col, int g,
                const ae_conv_shape_t *s)
{
  const int K = (int) col_rows (s), n = (int) (g * positions (s));
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, s->out_c, n, K, 1.0f, weight, K, col,
               n, 0.0f, grid, n);
}

/* ... col [K][g P] = weight^T [K][out_c] . grid [out_c][g P] ... */
static void
filter_transpose_product (float *col, const float *weight, const float *grid, int g,
                          const ae_conv_shape_t *s)
{
  const int K = (int) col_rows (s), n = (int) (g * positions (s));
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, K, n, s->out_c, 1.0f, weight, K, grid,
               n, 0.0f, col, n);
}

/* ... and d_weight [out_c][K] += grid [out_c][g P] . col^T [g P][K] */
static void
add_filter_gradient (float *d_weight, const float *grid, const float *col, int g,
                     const ae_conv_shape_t *s)
{
  const int K = (int) col_rows (s), n = (int) (g * positions (s));
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, s->out_c, K, n, 1.0f, grid, n, col, n,
               1.0f, d_weight, K);
}

/* One pass over a batch, as the threads see it. */
typedef struct {
  const ae_conv_shape_t *s;
  conv_split_t split;
  int bias_channels;            /* out_c, or in_c for a transposed convolution */
  int n_batch;
  float *out, *d_in, *d_weight, *d_bias;
  const float *in, *d_out, *weight, *bias;
  float *scratch;
} conv_job_t;

/* Thread t's scratch: col [K][g P], grid [out_c][g P], then the partial
   weight and bias gradients of a thread after the first. */
typedef struct {
  float *col, *grid, *d_weight, *d_bias;
} conv_room_t;

static float *
partials_of (const conv_job_t *job, int t)
{
  const ae_conv_shape_t *s = job->s;
  return job->scratch + t * job->split.slice
         + job->split.group * positions (s) * (col_rows (s) + s->out_c);
}

/* Thread 0 adds its gradients to the caller's; the others to zeroed partials. */
static conv_room_t
room_of (const conv_job_t *job, int t)
{
  const ae_conv_shape_t *s = job->s;
  conv_room_t room = { .col = job->scratch + t * job->split.slice,
                       .d_weight = job->d_weight, .d_bias = job->d_bias };
  room.grid = room.col + col_rows (s) * job->split.group * positions (s);
  if (t > 0 && job->d_weight)
    {
      room.d_weight = partials_of (job, t);
      room.d_bias = room.d_weight + s->out_c * col_rows (s);
      memset (room.d_weight, 0, (size_t) partial_size (s) * sizeof (float));
    }
  return room;
}

/* Runs work over the batch's slices, then adds the partial gradients. */
static void
run (const conv_job_t *job, int n_batch, ae_slice_work_t work)
{
  ae_run_slices (job->split.n_threads, n_batch, work, (void *) job);
  if (!job->d_weight)
    return;
  const long n_weights = job->s->out_c * col_rows (job->s);
  for (int t = 1; t < job->split.n_threads; t++)
    {
      const float *partial = partials_of (job, t);
      for (long i = 0; i < n_weights; i++)
        job->d_weight[i] += partial[i];
      for (int c = 0; c < job->bias_channels; c++)
        job->d_bias[c] += partial[n_weights + c];
    }
}

static conv_job_t
job_of (const ae_conv_shape_t *s, int n_batch, int n_threads, float *scratch)
{
  return (conv_job_t) { .s = s, .split = split_of (s, n_batch, n_threads),
                        .bias_channels = s->out_c, .n_batch = n_batch, .scratch = scratch };
}

/* The samples of the group from `at` of a slice that ends at `end`. */
static int
group_at (const conv_job_t *job, int at, int end)
{
  return end - at < job->split.group ? end - at : job->split.group;
}

/* ---- full kernels (ae_conv_is_full_kernel): a sample is its own im2col column, so
   with K = in_c k_h k_w and O = out_c the convolution is out [n][O] = in [n][K]
   . weight^T, and its adjoint out [n][K] = in [n][O] . weight. The passes are
   cut along dimensions that no sum runs over (samples, or the weight
   gradient's columns), as ae_dense.c's are. ---- */

static void
full_forward_rows (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  (void) t;
  const int K = (int) col_rows (job->s), O = job->s->out_c;
  float *out = job->out + (long) first * O;
  for (int b = 0; b < count; b++)
    memcpy (out + (long) b * O, job->bias, (size_t) O * sizeof *out);
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, count, O, K, 1.0f,
                 job->in + (long) first * K, K, job->weight, K, 1.0f, out, O);
}

/* d_weight columns [first, first + count) += d_out^T . in[:, columns] */
static void
full_weight_gradient_columns (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  (void) t;
  const int K = (int) col_rows (job->s), O = job->s->out_c;
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, O, count, job->n_batch, 1.0f,
                 job->d_out, O, job->in + first, K, 1.0f, job->d_weight + first, K);
}

/* d_in rows [first, first + count) = d_out . weight */
static void
full_input_gradient_rows (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  (void) t;
  const int K = (int) col_rows (job->s), O = job->s->out_c;
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, count, K, O, 1.0f,
                 job->d_out + (long) first * O, O, job->weight, K, 0.0f,
                 job->d_in + (long) first * K, K);
}

static void
full_forward (const conv_job_t *job, int n_threads)
{
  ae_run_slices (ae_slices_for (n_threads, job->n_batch), job->n_batch, full_forward_rows,
                 (void *) job);
}

static void
full_backward (const conv_job_t *job, int n_threads)
{
  const int K = (int) col_rows (job->s), O = job->s->out_c;
  if (job->d_weight)
    {
      ae_run_slices (ae_slices_for (n_threads, K), K, full_weight_gradient_columns,
                     (void *) job);
      for (int b = 0; b < job->n_batch; b++)
        for (int o = 0; o < O; o++)
          job->d_bias[o] += job->d_out[(long) b * O + o];
    }
  if (job->d_in)
    ae_run_slices (ae_slices_for (n_threads, job->n_batch), job->n_batch,
                   full_input_gradient_rows, (void *) job);
}

/* The adjoint: out rows [first, first + count) = bias + in . weight */
static void
full_transposed_forward_rows (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  (void) t;
  const ae_conv_shape_t *s = job->s;
  const int K = (int) col_rows (s), O = s->out_c, plane = s->k_h * s->k_w;
  float *out = job->out + (long) first * K;
  for (int b = 0; b < count; b++)
    for (int c = 0; c < s->in_c; c++)
      for (int p = 0; p < plane; p++)
        out[(long) b * K + c * plane + p] = job->bias[c];
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, count, K, O, 1.0f,
                 job->in + (long) first * O, O, job->weight, K, 1.0f, out, K);
}

/* d_weight columns [first, first + count) += in^T . d_out[:, columns] */
static void
full_transposed_weight_gradient_columns (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  (void) t;
  const int K = (int) col_rows (job->s), O = job->s->out_c;
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, O, count, job->n_batch, 1.0f,
                 job->in, O, job->d_out + first, K, 1.0f, job->d_weight + first, K);
}

/* d_in rows [first, first + count) = d_out . weight^T */
static void
full_transposed_input_gradient_rows (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  (void) t;
  const int K = (int) col_rows (job->s), O = job->s->out_c;
  if (count > 0)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, count, O, K, 1.0f,
                 job->d_out + (long) first * K, K, job->weight, K, 0.0f,
                 job->d_in + (long) first * O, O);
}

static void
full_transposed_backward (const conv_job_t *job, int n_threads)
{
  const ae_conv_shape_t *s = job->s;
  const int K = (int) col_rows (s);
  if (job->d_weight)
    {
      ae_run_slices (ae_slices_for (n_threads, K), K, full_transposed_weight_gradient_columns,
                     (void *) job);
      for (int b = 0; b < job->n_batch; b++)
        ae_conv_bias_gradient (job->d_bias, job->d_out + (long) b * K, s->in_c,
                               (long) s->k_h * s->k_w);
    }
  if (job->d_in)
    ae_run_slices (ae_slices_for (n_threads, job->n_batch), job->n_batch,
                   full_transposed_input_gradient_rows, (void *) job);
}

/* ---- the general shape: im2col, products over groups of samples ---- */

static void
forward_slice (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  const ae_conv_shape_t *s = job->s;
  const conv_room_t room = room_of (job, t);
  const long P = positions (s), in_size = ae_conv_in_size (s), out_size = ae_conv_out_size (s);
  for (int at = first; at < first + count; at += job->split.group)
    {
      const int g = group_at (job, at, first + count);
      for (int b = 0; b < g; b++)
        im2col (room.col, g * P, b * P, job->in + (at + b) * in_size, s);
      filter_product (room.grid, job->weight, room.col, g, s);
      scatter (job->out + at * out_size, room.grid, g, s);
      for (int b = 0; b < g; b++)
        add_bias (job->out + (at + b) * out_size, job->bias, s->out_c, P);
    }
}

void
ae_conv_forward (float *out, const float *in, const float *weight, const float *bias,
                 int n_batch, const ae_conv_shape_t *s, float *col, int n_threads)
{
  conv_job_t job = job_of (s, n_batch, n_threads, col);
  job.out = out, job.in = in, job.weight = weight, job.bias = bias;
  if (ae_conv_is_full_kernel (s))
    full_forward (&job, n_threads);
  else
    run (&job, n_batch, forward_slice);
}

static void
backward_slice (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  const ae_conv_shape_t *s = job->s;
  const conv_room_t room = room_of (job, t);
  const long P = positions (s), in_size = ae_conv_in_size (s), out_size = ae_conv_out_size (s);
  for (int at = first; at < first + count; at += job->split.group)
    {
      const int g = group_at (job, at, first + count);
      gather (room.grid, job->d_out + at * out_size, g, s);
      if (job->d_weight)
        {
          for (int b = 0; b < g; b++)
            {
              im2col (room.col, g * P, b * P, job->in + (at + b) * in_size, s);
              ae_conv_bias_gradient (room.d_bias, job->d_out + (at + b) * out_size, s->out_c,
                                     P);
            }
          add_filter_gradient (room.d_weight, room.grid, room.col, g, s);
        }
      if (!job->d_in)
        continue;
      /* the input's gradient, back onto the images */
      filter_transpose_product (room.col, job->weight, room.grid, g, s);
      for (int b = 0; b < g; b++)
        col2im (job->d_in + (at + b) * in_size, room.col, g * P, b * P, s);
    }
}

void
ae_conv_backward (float *d_in, float *d_weight, float *d_bias, const float *d_out,
                  const float *in, const float *weight, int n_batch, const ae_conv_shape_t *s,
                  float *col, int n_threads)
{
  conv_job_t job = job_of (s, n_batch, n_threads, col);
  job.d_in = d_in, job.d_weight = d_weight, job.d_bias = d_bias, job.d_out = d_out;
  job.in = in, job.weight = weight;
  if (ae_conv_is_full_kernel (s))
    full_backward (&job, n_threads);
  else
    run (&job, n_batch, backward_slice);
}

static void
transposed_forward_slice (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  const ae_conv_shape_t *s = job->s;
  const conv_room_t room = room_of (job, t);
  const long P = positions (s), in_size = ae_conv_in_size (s), out_size = ae_conv_out_size (s);
  for (int at = first; at < first + count; at += job->split.group)
    {
      const int g = group_at (job, at, first + count);
      /* the convolution's input gradient: col = weight^T . in, onto the images */
      gather (room.grid, job->in + at * out_size, g, s);
      filter_transpose_product (room.col, job->weight, room.grid, g, s);
      for (int b = 0; b < g; b++)
        {
          float *out_b = job->out + (at + b) * in_size;
          col2im (out_b, room.col, g * P, b * P, s);
          add_bias (out_b, job->bias, s->in_c, (long) s->in_h * s->in_w);
        }
    }
}

void
ae_conv_transposed_forward (float *out, const float *in, const float *weight,
                            const float *bias, int n_batch, const ae_conv_shape_t *s,
                            float *col, int n_threads)
{
  conv_job_t job = job_of (s, n_batch, n_threads, col);
  job.out = out, job.in = in, job.weight = weight, job.bias = bias;
  if (ae_conv_is_full_kernel (s))
    ae_run_slices (ae_slices_for (n_threads, n_batch), n_batch, full_transposed_forward_rows,
                   &job);
  else
    run (&job, n_batch, transposed_forward_slice);
}

static void
transposed_backward_slice (void *arg, int t, int first, int count)
{
  const conv_job_t *job = arg;
  const ae_conv_shape_t *s = job->s;
  const conv_room_t room = room_of (job, t);
  const long P = positions (s), in_size = ae_conv_in_size (s), out_size = ae_conv_out_size (s);
  for (int at = first; at < first + count; at += job->split.group)
    {
      const int g = group_at (job, at, first + count);
      for (int b = 0; b < g; b++)
        {
          const float *d_out_b = job->d_out + (at + b) * in_size;
          if (job->d_weight)
            ae_conv_bias_gradient (room.d_bias, d_out_b, s->in_c, (long) s->in_h * s->in_w);
          im2col (room.col, g * P, b * P, d_out_b, s);
        }
      /* out = col2im (W^T in), so d_weight += in . im2col (d_out)^T */
      if (job->d_weight)
        {
          gather (room.grid, job->in + at * out_size, g, s);
          add_filter_gradient (room.d_weight, room.grid, room.col, g, s);
        }
      /* and d_in = W . im2col (d_out), a convolution */
      if (!job->d_in)
        continue;
      filter_product (room.grid, job->weight, room.col, g, s);
      scatter (job->d_in + at * out_size, room.grid, g, s);
    }
}

void
ae_conv_transposed_backward (float *d_in, float *d_weight, float *d_bias,
                             const float *d_out, const float *in, const float *weight,
                             int n_batch, const ae_conv_shape_t *s, float *col, int n_threads)
{
  conv_job_t job = job_of (s, n_batch, n_threads, col);
  job.bias_channels = s->in_c;
  job.d_in = d_in, job.d_weight = d_weight, job.d_bias = d_bias, job.d_out = d_out;
  job.in = in, job.weight = weight;
  if (ae_conv_is_full_kernel (s))
    full_transposed_backward (&job, n_threads);
  else
    run (&job, n_batch, transposed_backward_slice);
}
