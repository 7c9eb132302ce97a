#!/bin/sh
# The Octave half of the test suite: every function's BIST blocks and the
# end-to-end scripts, run in place (inst/ and the MEX file in src/).
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.." && exec "${OCTAVE:-octave-cli}" --no-gui --norc -q tests/run_octave_tests.m
