## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {[@var{model}, @var{state}, @var{stats}, @var{status}, @var{message}] =} __ae_image_epoch__ (@var{fname}, @var{Xt}, @var{model}, @var{state}, @var{args}, @dots{})
## One epoch of "train_epoch" (or, when the last argument is
## "gan_train_epoch", of that) from image files (Xt of __ae_image_data__),
## warning with the names of the files it could not read
## (@code{autoencoder:unreadableImage}): they are left out of their batches.
## @end deftypefn

function [model, state, stats, status, message] = __ae_image_epoch__ (fname, Xt, model, state, varargin)
  if (! isempty (varargin) && ischar (varargin{end}) && strcmp (varargin{end}, "gan_train_epoch"))
    [model, state, stats, status, message] = __autoencoder__ ("gan_train_epoch", model, state, Xt,
                                                              varargin{1:end-1});
  else
    [model, state, stats, status, message] = __autoencoder__ ("train_epoch", model, state, Xt,
                                                              varargin{:});
  endif
  if (isfield (stats, "n_unreadable") && stats.n_unreadable > 0)
    names = Xt.image_files(stats.unreadable_files);
    shown = strjoin (names(1:min (end, 5)).', ", ");
    if (stats.n_unreadable > 5)
      shown = sprintf ("%s and %d more", shown, stats.n_unreadable - 5);
    endif
    __ae_warning__ ("autoencoder:unreadableImage",
                    "%s: epoch %d skipped %d unreadable file%s: %s (%s)", fname, stats.epoch,
                    stats.n_unreadable, merge (stats.n_unreadable == 1, "", "s"), shown,
                    stats.unreadable_why{1});
  endif
endfunction
