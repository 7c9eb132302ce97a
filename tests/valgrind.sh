#!/bin/sh
# Every check suite under valgrind's memcheck: no invalid access, no
# uninitialised read, no definite or indirect leak. (OpenBLAS's thread pool
# keeps memory until exit: "possibly lost" and "still reachable" are its.)
set -e
cd "$(dirname "$0")/check"
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
# valgrind runs one thread at a time: OpenMP's threads spinning at a barrier
# would take the time slices of the one doing the work (test_conv 115 s
# against 66 s with them sleeping)
export OMP_WAIT_POLICY=passive
suites="test_layers test_loss test_vae test_optim_rng test_train test_torch_reference test_files test_images test_metrics test_penalty test_scg test_conv test_gan test_recurrent test_sequence test_hierarchical test_sequence_train test_vq"
# two suites at a time, one per core (98 s one after another on 2 cores,
# most of it test_conv's); each writes its verdict to SUITE.verdict
echo $suites | tr ' ' '\n' | xargs -P 2 -I{} sh -c '
  if CK_FORK=no REFERENCE_DIR=../reference valgrind --leak-check=full \
       --errors-for-leak-kinds=definite,indirect --error-exitcode=9 -q "./{}" > "{}.valgrind" 2>&1; then
    echo ok > "{}.verdict"
  else
    echo failed > "{}.verdict"
  fi'
status=0
for suite in $suites; do
  if [ "$(cat "$suite.verdict" 2>/dev/null)" = ok ]; then
    echo "valgrind $suite: 0 errors, 0 leaks"
  else
    echo "valgrind $suite: FAILED"; cat "$suite.valgrind"; status=1
  fi
  rm -f "$suite.verdict"
done
exit $status
