#include "ae_threads.h"

#include <cblas.h>
#include <omp.h>
#include <sched.h>

static int num_threads;   /* 0 until ae_set_num_threads */

/* Never more threads than the cores this process may run on: OpenBLAS's
   threads beyond them spin waiting for each other (1000 threads on 2 busy
   cores never finished a product). The Octave front warns before it gets here. */
void
ae_set_num_threads (int n_threads)
{
  cpu_set_t allowed;
  int cores = sched_getaffinity (0, sizeof allowed, &allowed) == 0 ? CPU_COUNT (&allowed) : 1;
  if (n_threads > cores)
    n_threads = cores;
  num_threads = n_threads < 1 ? 1 : n_threads;
  openblas_set_num_threads (num_threads);
}

int
ae_num_threads (void)
{
  if (num_threads > 0)
    return num_threads;
  int n = openblas_get_num_threads ();
  return n < 1 ? 1 : n;
}

int
ae_slices_for (int n_threads, int n_items)
{
  int n = n_threads < n_items ? n_threads : n_items;
  if (n > AE_MAX_SLICES)
    n = AE_MAX_SLICES;
  return n < 1 ? 1 : n;
}

int
ae_slices_above (int n_threads, int n_items, long n_values, long min_values)
{
  return n_values < min_values ? 1 : ae_slices_for (n_threads, n_items);
}

/* Slice t of n_slices: items [n t / n_slices, n (t + 1) / n_slices). */
static void
run_slice (ae_slice_work_t work, void *job, int t, int n_slices, int n_items)
{
  const int first = (int) ((long) n_items * t / n_slices);
  const int last = (int) ((long) n_items * (t + 1) / n_slices);
  work (job, t, first, last - first);
}

void
ae_run_slices (int n_slices, int n_items, ae_slice_work_t work, void *job)
{
  if (n_slices <= 1)
    {
      work (job, 0, 0, n_items);
      return;
    }
  if (omp_in_parallel ())
    {
      /* called from a slice of another pass: the same slices, one by one */
      for (int t = 0; t < n_slices; t++)
        run_slice (work, job, t, n_slices, n_items);
      return;
    }
  const int blas_threads = openblas_get_num_threads ();
  openblas_set_num_threads (1);
  /* one iteration per slice, whatever team OpenMP gives: the slices, and so
     the sums' order, never depend on it */
#pragma omp parallel for schedule (static, 1) num_threads (n_slices)
  for (int t = 0; t < n_slices; t++)
    run_slice (work, job, t, n_slices, n_items);
  openblas_set_num_threads (blas_threads);
}
