## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{Ct}, @var{classes}] =} __ae_labels__ (@var{fname}, @var{labels}, @var{classes}, @var{n}, @var{what})
## The one-hot columns (K-by-N single, one column per sample, as the
## gateway reads a conditional model's conditions) of @var{labels}: a vector
## of @var{n} labels (numbers, logicals, or a cell array of strings), or one
## label for all @var{n} samples.  With @var{classes} empty they are the
## sorted distinct labels (a training call's), else the model's: a label
## that is not one of them is an "autoencoder:invalidData" error.
## @var{what} names the labels in messages ("Labels").
## @end deftypefn

function [Ct, classes] = __ae_labels__ (fname, labels, classes, n, what = "Labels")
  if (ischar (labels) && rows (labels) <= 1)
    labels = {labels};
  endif
  valid = iscellstr (labels) || ((isnumeric (labels) || islogical (labels))
                                 && isreal (labels) && ! issparse (labels)
                                 && all (isfinite (labels(:))));
  if (! valid || ! isvector (labels) || ! any (numel (labels) == [1, n]))
    error ("autoencoder:invalidData",
           "%s: %s must be a vector of %d finite numeric labels or a cell array of %d strings (or one label for all)",
           fname, what, n, n);
  endif
  labels = labels(:);
  if (isempty (classes))
    classes = unique (labels);
    if (numel (classes) < 2)
      error ("autoencoder:invalidData",
             "%s: %s has one class; a conditional model needs at least 2", fname, what);
    endif
  elseif (iscellstr (classes) != iscellstr (labels))
    error ("autoencoder:invalidData", "%s: the model's classes are %s, %s are not", fname,
           merge (iscellstr (classes), "strings", "numbers"), what);
  endif
  ## a label per class and sample, as single: a typo of N, or a label that
  ## is unique to each sample, is refused before it is made
  what = sprintf ("holding the one-hot labels of %d samples in %d classes", n, numel (classes));
  __ae_check_memory__ (fname, what, 4 * numel (classes) * n);
  [known, index] = ismember (labels, classes);
  if (! all (known))
    bad = labels(find (! known, 1));
    if (iscell (bad))
      bad = ["\"" bad{1} "\""];
    else
      bad = num2str (double (bad));
    endif
    error ("autoencoder:invalidData", "%s: %s has the label %s, which is not one of the model's %d classes",
           fname, what, bad, numel (classes));
  endif
  if (isscalar (index))
    index = repmat (index, n, 1);
  endif
  Ct = zeros (numel (classes), n, "single");
  Ct(sub2ind (size (Ct), index.', 1:n)) = 1;
endfunction
