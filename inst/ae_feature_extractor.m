## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} ae_feature_extractor (@var{name})
## @deftypefnx {} {[@var{model}, @var{accuracy}] =} ae_feature_extractor (@var{name}, @var{folder})
## The package's feature extractor for FID and precision/recall on MNIST-like
## images: a classifier (784-512-128-10, ReLU) trained once, with a fixed seed,
## on the training set of the data set @var{name} (@qcode{"mnist"} or
## @qcode{"fashion-mnist"}, as @code{ae_dataset} gives them) and cached in the
## data folder (@var{folder}, by default that of @code{ae_dataset}).  Its
## 128 penultimate activations, @code{ae_encode (model, images)}, are the
## features.  @var{accuracy} is its accuracy on the data set's test images,
## also kept in @code{model.test_accuracy}.
##
## @example
## fx = ae_feature_extractor ("mnist");
## [~, ~, Xtest] = ae_dataset ("mnist");
## fid = ae_fid (ae_encode (fx, Xtest), ae_encode (fx, vae_sample (vae, 2000)));
## @end example
##
## @seealso{ae_fid, ae_precision_recall, ae_classifier_train}
## @end deftypefn

function [model, accuracy] = ae_feature_extractor (name, folder)
  if (nargin < 1 || nargin > 2)
    print_usage ();
  endif
  if (nargin < 2)
    folder = [];
  endif
  [name, folder] = __ae_dataset_args__ ("ae_feature_extractor", name, folder);
  file = fullfile (folder, sprintf ("feature-extractor-%s-v1.model", name));
  model = [];
  if (exist (file, "file"))
    try
      model = ae_load_model (file);
    catch err
      warning ("autoencoder:cacheRebuilt", "ae_feature_extractor: %s; training it anew",
               err.message);
    end_try_catch
  endif
  if (isempty (model))
    [X, y, Xtest, ytest] = ae_dataset (name, folder);
    model = ae_classifier_train (X, y, "HiddenSizes", [512 128], "Epochs", 20,
                                 "Seed", 1, "Verbose", false);
    model.test_accuracy = mean (ae_classify (model, Xtest) == ytest);
    model.dataset = name;
    try
      ae_save_model (file, model);
    catch err
      warning ("autoencoder:cacheNotWritten", "ae_feature_extractor: %s", err.message);
    end_try_catch
  endif
  accuracy = model.test_accuracy;
endfunction

%!error <Invalid call> ae_feature_extractor ()
%!error <NAME must be> ae_feature_extractor ("cifar")
