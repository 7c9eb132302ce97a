## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {[@var{Xt}, @var{sample_size}, @var{in_unit_range}] =} __ae_check_data__ (@var{fname}, @var{X}, @var{name}, @var{expected_size}, @var{cls}, @var{keep})
## Check data for @var{fname} and return it as a matrix of class @var{cls}
## ("single", the core's, by default; "double" for PCA) with one sample per
## column (the core's layout), and the size of one sample.
##
## @var{X} is N-by-D (rows are observations), H-by-W-by-N or H-by-W-by-C-by-N
## images.  uint8 data are scaled to [0, 1].  When @var{expected_size} is given,
## a sample must have that size (or that many values, for N-by-D data).
## @var{in_unit_range} says whether every value is in [0, 1].
##
## For the core's single class, the gateway converts, checks and transposes
## in one pass (__autoencoder__ ("columns")): no double temporaries, which
## for 60,000 MNIST images as double took about 2 s.  With @var{keep} true
## (training calls), data that had to be converted stay in the gateway and
## @var{Xt} is a struct with fields kept, rows and columns, which the
## gateway's commands read in place of the matrix: Octave would copy the
## returned matrix once more.  The caller releases it with
## @code{__autoencoder__ ("release", @var{Xt})} (a matrix is left alone).
## @end deftypefn

function [Xt, sample_size, in_unit_range] = __ae_check_data__ (fname, X, name, expected_size, cls = "single", keep = false)
  if (iscell (X) || (nargin > 3 && iscell (expected_size)))
    if (nargin < 4)
      expected_size = [];
    endif
    [Xt, sample_size, in_unit_range] = sequences (fname, X, name, expected_size);
    return;
  endif
  if (! (isnumeric (X) || islogical (X)))
    error ("autoencoder:invalidData", "%s: %s must be numeric, not %s", fname, name, class (X));
  elseif (issparse (X))
    error ("autoencoder:invalidData", "%s: %s must be a full matrix, not sparse", fname, name);
  elseif (iscomplex (X))
    error ("autoencoder:invalidData", "%s: %s must be real, not complex", fname, name);
  elseif (isempty (X))
    error ("autoencoder:invalidData", "%s: %s is empty", fname, name);
  endif
  fused = strcmp (cls, "single") && (isa (X, "double") || isa (X, "single")
                                     || isa (X, "uint8") || islogical (X));
  if (isa (X, "uint8") && ! fused)
    X = cast (X, cls) / 255;
  endif
  sz = size (X);
  if (numel (sz) == 2)
    sample_size = sz(2);
    n = sz(1);
  elseif (numel (sz) <= 4)
    sample_size = sz(1:end-1);
    n = sz(end);
  else
    error ("autoencoder:invalidData",
           "%s: %s must be N-by-D, H-by-W-by-N or H-by-W-by-C-by-N, not %d-D",
           fname, name, numel (sz));
  endif
  if (nargin > 3 && ! isempty (expected_size))
    if (numel (sz) == 2 && sample_size != prod (expected_size))
      error ("autoencoder:sizeMismatch",
             "%s: %s has %d values per sample (columns), the model expects %d",
             fname, name, sample_size, prod (expected_size));
    elseif (numel (sz) > 2 && ! isequal (sample_size, expected_size))
      error ("autoencoder:sizeMismatch", "%s: %s has samples of size %s, the model expects %s",
             fname, name, mat2str (sample_size), mat2str (expected_size));
    endif
  endif
  if (fused)
    [Xt, finite, in_unit_range] = __autoencoder__ ("columns", X, numel (sz) == 2, keep);
    if (isempty (Xt))
      Xt = reshape (X, [], n);   # single images: checked in place, not copied
    endif
    if (! finite)
      __autoencoder__ ("release", Xt);
      error ("autoencoder:nonFinite",
             "%s: %s contains NaN or Inf (or values beyond single precision's range)",
             fname, name);
    endif
    return;
  endif
  if (! all (isfinite (X(:))))
    error ("autoencoder:nonFinite", "%s: %s contains NaN or Inf", fname, name);
  endif
  if (numel (sz) == 2)
    Xt = cast (X.', cls);
  else
    Xt = reshape (cast (X, cls), [], n);
  endif
  if (nargout > 2)
    in_unit_range = all (Xt(:) >= 0 & Xt(:) <= 1);
  endif
endfunction

## Sequences: a cell array of C-by-T matrices, or (for a model over
## sequences, expected_size {C}) a C-by-N-by-T array; Xt is
## struct ("frames", C-by-(total steps) single, "lengths", 1-by-N)
function [Xt, C, in_unit_range] = sequences (fname, X, name, expected_size)
  C = [];
  if (iscell (expected_size))
    C = expected_size{1};
  endif
  if (isnumeric (X) && ndims (X) == 3 && ! isempty (C))
    [~, N, T] = size (X);
    X = mat2cell (permute (X, [1 3 2]), size (X, 1), T, ones (1, N));
  elseif (! iscell (X))
    error ("autoencoder:invalidData", "%s: %s must be sequences: a cell array of C-by-T matrices or a C-by-N-by-T array", fname, name);
  endif
  if (isempty (X))
    error ("autoencoder:invalidData", "%s: %s has no sequences", fname, name);
  endif
  ok = cellfun (@(x) (isnumeric (x) || islogical (x)) && isreal (x) && ! issparse (x) ...
                     && ismatrix (x), X);
  if (! all (ok))
    error ("autoencoder:invalidData", "%s: %s{%d} must be a real, full C-by-T matrix", fname,
           name, find (! ok, 1));
  endif
  lengths = cellfun ("columns", X)(:).';
  features = cellfun ("rows", X)(:).';
  if (any (lengths == 0))
    error ("autoencoder:invalidData", "%s: %s{%d} has no steps; every sequence needs one",
           fname, name, find (lengths == 0, 1));
  endif
  if (isempty (C))
    C = features(1);
  endif
  if (any (features != C))
    k = find (features != C, 1);
    error ("autoencoder:sizeMismatch", "%s: %s{%d} has %d features a step (rows), %s %d",
           fname, name, k, features(k),
           merge (iscell (expected_size), "the model expects", "the first has"), C);
  endif
  frames = cellfun (@(x) single (x) / merge (isa (x, "uint8"), 255, 1), X(:).', ...
                    "UniformOutput", false);
  frames = [frames{:}];
  if (! all (isfinite (frames(:))))
    bad = find (! isfinite (frames), 1);
    k = find (cumsum (lengths) * C >= bad, 1);
    error ("autoencoder:nonFinite", "%s: %s{%d} contains NaN or Inf", fname, name, k);
  endif
  in_unit_range = all (frames(:) >= 0 & frames(:) <= 1);
  Xt = struct ("frames", frames, "lengths", double (lengths));
endfunction
