## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{auc} =} ae_roc (@var{scores}, @var{labels})
## @deftypefnx {} {[@var{auc}, @var{fpr}, @var{tpr}, @var{thresholds}] =} ae_roc (@var{scores}, @var{labels})
## The receiver operating characteristic of anomaly scores: @var{labels}
## true (or 1) marks the anomalies, and a higher score means more anomalous
## (as @code{ae_anomaly_score} gives them).
##
## @var{fpr} and @var{tpr} are the false and true positive rates of the
## rule "score >= threshold" for each distinct score, from the highest down,
## preceded by the point (0, 0) for the threshold Inf: the points of
## scikit-learn's @code{roc_curve} (with @code{drop_intermediate=False}) and
## MATLAB's @code{perfcurve}.  @var{auc} is the area under the curve by the
## trapezoid rule, equal to the probability that an anomaly scores above a
## normal sample with ties counted one half (the Mann-Whitney statistic).
##
## @example
## @group
## scores = ae_anomaly_score (model, Xtest);
## [auc, fpr, tpr] = ae_roc (scores, ytest != normal_class);
## plot (fpr, tpr)
## @end group
## @end example
## @seealso{ae_anomaly_score}
## @end deftypefn

function [auc, fpr, tpr, thresholds] = ae_roc (scores, labels)
  if (nargin != 2)
    print_usage ();
  endif
  if (! (isnumeric (scores) && isreal (scores) && isvector (scores) && all (isfinite (scores))))
    error ("autoencoder:invalidData", "ae_roc: SCORES must be a vector of finite real numbers");
  endif
  if (! ((isnumeric (labels) || islogical (labels)) && isvector (labels)
         && numel (labels) == numel (scores) && all (labels(:) == 0 | labels(:) == 1)))
    error ("autoencoder:invalidData",
           "ae_roc: LABELS must be a vector of as many 0/1 or logical values as SCORES");
  endif
  positive = logical (labels(:));
  n_pos = nnz (positive);
  n_neg = numel (positive) - n_pos;
  if (n_pos == 0 || n_neg == 0)
    error ("autoencoder:invalidData",
           "ae_roc: LABELS need both anomalies (true) and normal samples (false)");
  endif
  [sorted, order] = sort (double (scores(:)), "descend");
  hits = positive(order);
  ## the last index of each run of equal scores closes a threshold
  last = [find(diff (sorted) != 0); numel(sorted)];
  true_pos = cumsum (hits)(last);
  false_pos = last - true_pos;
  tpr = [0; true_pos / n_pos];
  fpr = [0; false_pos / n_neg];
  thresholds = [Inf; sorted(last)];
  auc = trapz (fpr, tpr);
endfunction

%!test
%! ## by hand: scores 0.9 (anomaly), 0.8 (normal), 0.8 (anomaly), 0.1 (normal)
%! [auc, fpr, tpr, th] = ae_roc ([0.9 0.8 0.8 0.1], [1 0 1 0]);
%! assert (th, [Inf; 0.9; 0.8; 0.1]);
%! assert (tpr, [0; 0.5; 1; 1]);
%! assert (fpr, [0; 0; 0.5; 1]);
%! ## pairs (anomaly above normal): 0.9>0.8, 0.9>0.1, 0.8=0.8 (half), 0.8>0.1
%! assert (auc, 3.5 / 4, eps);
%! assert (ae_roc ([1 2 3 4], [0 0 1 1]), 1);
%! assert (ae_roc ([1 2 3 4], [1 1 0 0]), 0);
%! assert (ae_roc (ones (1, 6), [0 1 0 1 1 0]), 0.5);

%!test
%! ## against SciPy's Mann-Whitney U (tests/reference/make_roc_reference.py):
%! ## 200 scores rounded to 1 decimal (many ties), labels from a fixed rule
%! k = (0:199).';
%! scores = round (10 * (0.5 + 0.5 * sin (0.37 * k + 0.3) + 0.3 * (mod (k, 7) == 3))) / 10;
%! labels = mod (k .^ 2 + 3 * k, 11) < 4;
%! assert (ae_roc (scores, labels), 0.47620626761731055, 1e-12);

%!error <Invalid call> ae_roc (1)
%!error <SCORES must be> ae_roc ([1 NaN], [0 1])
%!error <LABELS must be> ae_roc ([1 2], [0 2])
%!error <LABELS must be> ae_roc ([1 2 3], [0 1])
%!error <both anomalies> ae_roc ([1 2], [1 1])
