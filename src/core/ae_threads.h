/* The package's threads. Dense layers hand their large products to
   OpenBLAS's threads; convolutions instead split a batch over a team of
   threads, each running im2col, col2im and single-threaded products on its
   own samples (PyTorch's CPU convolutions do the same): their products are
   too small to share, and OpenBLAS's idle threads spun on the second core
   while one thread ran im2col. */
#ifndef AE_THREADS_H
#define AE_THREADS_H

/* The threads for OpenBLAS and for the convolutions' teams, never more than
   the cores this process may run on (a process-wide setting). */
void ae_set_num_threads (int n_threads);

/* The count ae_set_num_threads set, or OpenBLAS's own before any call. */
int ae_num_threads (void);

/* Samples [first, first + count) of a batch, on thread `thread` of a team. */
typedef void (*ae_slice_work_t) (void *job, int thread, int first, int count);

/* At most this many slices: callers keep per-slice results in arrays of it. */
enum { AE_MAX_SLICES = 64 };

/* The slices for n_items on n_threads: n_threads, or fewer when there are
   fewer items, at least 1 and at most AE_MAX_SLICES. */
int ae_slices_for (int n_threads, int n_items);

/* The same, or 1 for a pass of fewer than min_values values: a small pass
   is not worth waking the threads for. */
int ae_slices_above (int n_threads, int n_items, long n_values, long min_values);

/* Runs work on n_slices contiguous slices of n_items (slice t on thread t,
   sizes differing by at most one, so the split depends on n_slices alone),
   with OpenBLAS on one thread meanwhile; one slice runs on the caller with
   OpenBLAS as it is. n_slices must be in [1, n_items] (or 1 for no items). */
void ae_run_slices (int n_slices, int n_items, ae_slice_work_t work, void *job);

#endif
