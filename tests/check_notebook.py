#!/usr/bin/python3
"""Checks an executed notebook (tests/notebooks.sh): every code cell ran (it
has an execution count), no cell printed an Octave error or warning (the
Octave kernel reports an error as text on the output stream, not as an
error output, so nbconvert alone cannot see it), and every cell tagged
"figure" shows a PNG. Prints one line per notebook; exits 1 on a failure,
with the cell's number and the offending line.

    /usr/bin/python3 tests/check_notebook.py executed.ipynb
"""
import re
import sys

import nbformat

# bracketed-paste switches the kernel's terminal leaves in the text
TERMINAL_CODES = re.compile(r"\x1b\[\?2004[hl]")


def cell_text(cell):
    text = ""
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            text += output.text
        elif output.output_type == "error":
            text += "error: %s: %s\n" % (output.ename, output.evalue)
    return TERMINAL_CODES.sub("", text)


def check(path):
    notebook = nbformat.read(path, as_version=4)
    problems = []
    n_code = n_figures = 0
    for index, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        n_code += 1
        if cell.get("execution_count") is None:
            problems.append("cell %d did not run" % index)
        for line in re.split(r"[\r\n]+", cell_text(cell)):
            if re.match(r"\s*(error|warning)\b", line, re.IGNORECASE):
                problems.append("cell %d printed: %s" % (index, line.strip()[:200]))
        pngs = sum(1 for o in cell.get("outputs", []) if "image/png" in o.get("data", {}))
        n_figures += pngs
        if "figure" in cell.metadata.get("tags", []) and pngs == 0:
            problems.append("cell %d should show a figure and shows none" % index)
    name = path.rsplit("/", 1)[-1]
    if problems:
        print("FAIL %s: %s" % (name, "; ".join(problems[:10])))
        return False
    print("PASS %s: %d cells, %d code cells ran without errors or warnings, %d figures"
          % (name, len(notebook.cells), n_code, n_figures))
    return True


if __name__ == "__main__":
    ok = all([check(path) for path in sys.argv[1:]])
    sys.exit(0 if ok else 1)
