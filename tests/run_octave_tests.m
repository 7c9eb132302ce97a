## Runs the BIST blocks of every function in inst/ and the end-to-end test
## scripts tests/test_*.m, a line per file with the seconds it took (where
## the suite's time goes), and ends with a line "N passed, N failed".
## Exits with status 1 when anything failed.
##
## A failing block prints its code and message, never data: Octave's test()
## follows a failure with every shared variable (a data set, often), so the
## report leaves those out and cuts each file's report at a fixed size. The
## whole of test()'s output for the failing files goes to
## tests/octave-failures.log.

1;

## bounded_report (TEXT): test()'s report of a file, block by block: the
## block's first lines of code, then its failure and message, without the
## shared variables' values; each line at most 300 characters, 140 in all
function report = bounded_report (text)
  [code_lines, message_lines, max_chars, max_lines] = deal (6, 12, 300, 140);
  keep = {};
  blocks = strsplit (text, "\n***** ");
  for b = 1:numel (blocks)
    lines = strsplit (blocks{b}, "\n");
    lines = lines(! cellfun (@(l) isempty (strtrim (l)), lines));
    shared = find (strncmp (lines, "shared variables", 16), 1);
    if (! isempty (shared))
      lines = [lines(1:shared-1), {"shared variables: (values not shown)"}];
    endif
    if (b > 1)
      lines{1} = ["***** " lines{1}];
    endif
    failure = find (strncmp (lines, "!!!!! ", 6), 1);
    if (isempty (failure))
      failure = numel (lines) + 1;
    endif
    code = lines(1:failure-1);
    message = lines(failure:end);
    if (numel (code) > code_lines)
      code = [code(1:code_lines), {sprintf(" ... (%d more lines of the block)", numel (code) - code_lines)}];
    endif
    if (numel (message) > message_lines)
      message = [message(1:message_lines), {sprintf("... (%d more lines)", numel (message) - message_lines)}];
    endif
    keep = [keep, code, message];
  endfor
  long = cellfun (@numel, keep) > max_chars;
  keep(long) = cellfun (@(l) [l(1:max_chars) " ..."], keep(long), "UniformOutput", false);
  if (numel (keep) > max_lines)
    keep = [keep(1:max_lines), {"... (the rest in tests/octave-failures.log)"}];
  endif
  report = strjoin (keep, "\n");
endfunction

addpath (canonicalize_file_name ("inst"));
addpath (canonicalize_file_name ("src"));
__ae_headless_figures__ ();

files = [cellfun(@(f) fullfile ("inst", f), {dir("inst/*.m").name}, "UniformOutput", false), ...
         cellfun(@(f) fullfile ("tests", f), {dir("tests/test_*.m").name}, "UniformOutput", false)];
failure_log = fullfile ("tests", "octave-failures.log");
[~, ~] = unlink (failure_log);   # none yet is fine
n_passed = n_failed = 0;
failed_files = {};
for k = 1:numel (files)
  log_file = tempname ();
  fid = fopen (log_file, "w");
  started = tic ();
  [n_ok, n_total] = test (files{k}, "quiet", fid);
  seconds = toc (started);
  fclose (fid);
  text = fileread (log_file);
  unlink (log_file);
  printf ("%-40s %3d of %3d passed %7.1f s\n", files{k}, n_ok, n_total, seconds);
  if (n_ok < n_total)
    ## test() prints what the blocks print as they run, as well as failures
    printf ("%s\n", bounded_report (text));
    fid = fopen (failure_log, "a");
    fprintf (fid, "=== %s\n%s\n", files{k}, text);
    fclose (fid);
  endif
  if (n_total == 0)
    printf ("  (no tests: every file must have some)\n");
    n_failed++;
    failed_files{end+1} = files{k};
  endif
  n_passed += n_ok;
  n_failed += n_total - n_ok;
  if (n_ok < n_total)
    failed_files{end+1} = files{k};
  endif
endfor
if (! isempty (failed_files))
  printf ("failed: %s\n", strjoin (failed_files, ", "));
endif
printf ("octave: %d passed, %d failed\n", n_passed, n_failed);
exit (n_failed > 0);
