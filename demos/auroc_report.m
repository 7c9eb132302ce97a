## -*- texinfo -*-
## @deftypefn {} {} auroc_report (@var{auroc}, @var{models}, @var{names}, @var{what}, @var{file}, @var{seconds})
## What the one-class anomaly demos print and draw: the table of
## @var{auroc} (one row per normal class @var{names}, one column per model
## @var{models}) with its mean row, and a row of training @var{seconds} per
## model unless it is empty; then the bar chart of every class and model,
## titled "One-class anomaly detection @var{what}" with the means, written
## to @var{file}.
## @end deftypefn

function auroc_report (auroc, models, names, what, file, seconds = [])
  printf ("| %-12s |", "normal class");
  printf (" %8s |", models{:});
  printf ("\n|--------------|%s\n", repmat ("----------|", 1, numel (models)));
  for c = 1:rows (auroc)
    printf ("| %-12s |", names{c});
    printf (" %8.3f |", auroc(c, :));
    printf ("\n");
  endfor
  printf ("| %-12s |", "mean");
  printf (" %8.3f |", mean (auroc, 1));
  if (! isempty (seconds))
    printf ("\n| %-12s |", "seconds");
    printf (" %8.0f |", seconds);
  endif
  printf ("\n");

  figure ("position", [0 0 900 420]);
  bar (auroc);
  set (gca, "xtick", 1:rows (auroc), "xticklabel", names);
  xlim ([0.5 rows(auroc)+0.5]); ylim ([0.4 1]); grid on;
  legend (models, "location", "southoutside", "orientation", "horizontal");
  ylabel ("AUROC");
  title (sprintf ("One-class anomaly detection %s (mean: %s)", what,
                  strjoin (arrayfun (@(m) sprintf ("%s %.3f", models{m}, mean (auroc(:, m))),
                                     1:numel (models), "UniformOutput", false), ", ")));
  print (file, "-dpng", "-r100");
endfunction
