## octave-cli tools/check-figures.m FOLDER NAME...: each FOLDER/NAME.png must
## be a picture as the demos draw them (at least 300x150 pixels, at least 8
## grey levels: not blank, not one flat colour). Prints a line per figure and
## exits 1 if any is missing or fails.
1;
args = argv ();
folder = args{1};
bad = 0;
for k = 2:numel (args)
  file = fullfile (folder, [args{k} ".png"]);
  if (! exist (file, "file"))
    printf ("   %s.png: missing\n", args{k});
    bad++;
    continue;
  endif
  img = imread (file);
  levels = numel (unique (img(:)));
  ok = rows (img) >= 150 && columns (img) >= 300 && levels >= 8;
  verdict = {" (not a drawn figure)", ""}{ok + 1};
  printf ("   %s.png: %dx%d pixels, %d levels%s\n", args{k}, rows (img), columns (img),
          levels, verdict);
  bad += ! ok;
endfor
exit (bad > 0);
