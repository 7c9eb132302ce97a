#!/bin/sh
# Every coursework notebook (demos/notebooks/*.ipynb) runs headless in
# Debian's Octave kernel for Jupyter, as a student's "Run all" would, and
# tests/check_notebook.py then checks that every cell ran without an Octave
# error or warning and that every figure cell shows a PNG. The executed
# notebooks are kept in tests/notebooks-output/ for a look.
set -e
out=tests/notebooks-output
rm -rf "$out"
mkdir -p "$out"
# quiet a debugger notice of Python 3.11 that ipykernel prints on start
PYDEVD_DISABLE_FILE_VALIDATION=1
# as the README opens them: without readline, Octave 7 under the kernel puts
# a blank line per line of code and terminal codes into every cell's output
OCTAVE_CLI_OPTIONS=--no-line-editing
# and with the README's line in ~/.octaverc: the kernel picks gnuplot before
# any cell runs, and Octave 9 and later warn when it is picked. A home of its
# own, so the user's ~/.octaverc is neither read nor touched; the data stay
# where they are.
AUTOENCODER_DATA=${AUTOENCODER_DATA:-$HOME/.cache/autoencoder}
notebook_home=$(mktemp -d)
trap 'rm -rf "$notebook_home"' EXIT
echo 'warning ("off", "Octave:gnuplot-graphics");' >"$notebook_home/.octaverc"
HOME=$notebook_home
export PYDEVD_DISABLE_FILE_VALIDATION OCTAVE_CLI_OPTIONS AUTOENCODER_DATA HOME
status=0
for notebook in demos/notebooks/*.ipynb; do
  name=$(basename "$notebook")
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 \
       --ExecutePreprocessor.kernel_name=octave --output-dir "$out" "$notebook" \
       >"$out/$name.log" 2>&1; then
    echo "FAIL $notebook: nbconvert could not execute it:"
    tail -n 20 "$out/$name.log"
    status=1
    continue
  fi
  /usr/bin/python3 tests/check_notebook.py "$out/$name" || status=1
done
exit $status
