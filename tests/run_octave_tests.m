## Runs the BIST blocks of every function in inst/ and the end-to-end test
## scripts tests/test_*.m, and ends with a line "N passed, N failed".
## Exits with status 1 when anything failed.

1;
addpath (canonicalize_file_name ("inst"));
addpath (canonicalize_file_name ("src"));
graphics_toolkit ("gnuplot");
set (0, "defaultfigurevisible", "off");

files = [cellfun(@(f) fullfile ("inst", f), {dir("inst/*.m").name}, "UniformOutput", false), ...
         cellfun(@(f) fullfile ("tests", f), {dir("tests/test_*.m").name}, "UniformOutput", false)];
n_passed = n_failed = 0;
failed_files = {};
for k = 1:numel (files)
  [n_ok, n_total] = test (files{k}, "quiet", stdout);
  printf ("%-40s %3d of %3d passed\n", files{k}, n_ok, n_total);
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
