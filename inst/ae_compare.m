## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{results} =} ae_compare (@var{X}, @var{Xtest}, @var{code_sizes})
## @deftypefnx {} {[@var{results}, @var{models}] =} ae_compare (@dots{}, @var{name}, @var{value}, @dots{})
## Compare PCA, an autoencoder and a variational autoencoder at each code size:
## train each on @var{X} and measure its reconstructions of the held-out
## @var{Xtest}.
##
## @var{results} is a struct array, one element per model and code size, with
## the fields @code{model} ("pca", "ae" or "vae"), @code{code_size},
## @code{mse}, @code{psnr} (data range 1), @code{ssim} (for images of at least
## 11-by-11; NaN otherwise) and @code{seconds} (training time).  The VAE is
## judged on the reconstruction of its mean code.  @var{models} is a cell array
## of the trained models in the same order.
##
## Options: @qcode{"Models"} (@{"pca", "ae", "vae"@}), @qcode{"Epochs"} (10)
## and @qcode{"HiddenSizes"} (256) for the networks, @qcode{"Seed"} (42),
## @qcode{"Plot"} (false: true draws MSE, PSNR and SSIM against the code size
## in the current figure), @qcode{"Verbose"} (true: print the table).
##
## @example
## [X, ~, Xt] = ae_dataset ("fashion-mnist");
## r = ae_compare (X(:,:,1:10000), Xt, [2 8 32], "Plot", true);
## @end example
##
## @seealso{ae_pca, ae_train, vae_train, ae_mse, ae_psnr, ae_ssim}
## @end deftypefn

function [results, models] = ae_compare (X, Xtest, code_sizes, varargin)
  if (nargin < 3)
    print_usage ();
  endif
  [~, sample_size] = __ae_check_data__ ("ae_compare", X, "X");
  __ae_check_data__ ("ae_compare", Xtest, "Xtest", sample_size);
  if (! (isnumeric (code_sizes) && isvector (code_sizes) && all (code_sizes >= 1)
         && all (code_sizes == fix (code_sizes)) && all (code_sizes <= prod (sample_size))))
    error ("autoencoder:outOfRange",
           "ae_compare: CODE_SIZES must be integers in [1, %d]", prod (sample_size));
  endif
  p = inputParser ();
  p.addParameter ("Models", {"pca", "ae", "vae"});
  p.addParameter ("Epochs", 10);
  p.addParameter ("HiddenSizes", 256);
  p.addParameter ("Seed", 42);
  p.addParameter ("Plot", false);
  p.addParameter ("Verbose", true);
  opts = __ae_parse__ ("ae_compare", p, varargin);
  kinds = cellstr (opts.Models);
  if (! all (ismember (kinds, {"pca", "ae", "vae"})))
    error ("autoencoder:invalidOption", "ae_compare: Models must be among \"pca\", \"ae\", \"vae\"");
  endif
  images = numel (sample_size) > 1 && all (sample_size(1:2) >= 11);
  ## the metrics read the data as the training functions do: a sample per row
  ## of a matrix, images along the last dimension
  format = {"BC", "SSB", "SSCB"}{numel (sample_size)};
  results = struct ("model", {}, "code_size", {}, "mse", {}, "psnr", {}, "ssim", {},
                    "seconds", {});
  models = {};
  for k = code_sizes(:).'
    for kind = kinds
      t = tic ();
      train = {"LatentDim", k, "HiddenSizes", opts.HiddenSizes, "Epochs", opts.Epochs, ...
               "Seed", opts.Seed, "Verbose", false};
      switch (kind{1})
        case "pca"
          model = ae_pca (X, k);
        case "ae"
          model = ae_train (X, train{:});
        case "vae"
          model = vae_train (X, train{:});
      endswitch
      seconds = toc (t);
      recon = ae_reconstruct (model, Xtest);
      ssim = NaN;
      if (images)
        ssim = ae_ssim (recon, double (Xtest), "DataFormat", format);
      endif
      results(end+1) = struct ("model", kind{1}, "code_size", k,
                               "mse", ae_mse (recon, double (Xtest), "DataFormat", format),
                               "psnr", ae_psnr (recon, double (Xtest), 1, "DataFormat", format),
                               "ssim", ssim, "seconds", seconds);
      models{end+1} = model;
    endfor
  endfor
  if (opts.Verbose)
    printf ("%-5s %5s %10s %8s %7s %8s\n", "model", "code", "MSE", "PSNR", "SSIM", "seconds");
    for r = results
      printf ("%-5s %5d %10.5f %8.2f %7.4f %8.1f\n", r.model, r.code_size, r.mse, r.psnr,
              r.ssim, r.seconds);
    endfor
  endif
  if (opts.Plot)
    plot_results (results, kinds, images);
  endif
endfunction

function plot_results (results, kinds, images)
  measures = {"mse", "psnr", "ssim"};
  labels = {"MSE", "PSNR (dB)", "SSIM"};
  n_plots = 2 + images;
  for m = 1:n_plots
    subplot (1, n_plots, m);
    hold on;
    for kind = kinds
      sel = strcmp ({results.model}, kind{1});
      plot ([results(sel).code_size], [results(sel).(measures{m})], "-o", "linewidth", 1.5);
    endfor
    hold off;
    set (gca, "xscale", "log");
    xlabel ("code size");
    ylabel (labels{m});
    grid on;
    legend (upper (kinds), "location", merge (m == 1, "northeast", "southeast"));
  endfor
endfunction

%!test
%! ## data on a 3-D manifold: each model's error falls with the code size,
%! ## and PCA is exact once the code spans the data's linear span
%! randn ("seed", 90);
%! B = orth (randn (12, 3));
%! X = 1 ./ (1 + exp (-(randn (400, 3) * B.')));
%! Xt = 1 ./ (1 + exp (-(randn (100, 3) * B.')));
%! [r, models] = ae_compare (X, Xt, [1 3], "Epochs", 20, "HiddenSizes", 16, "Verbose", false);
%! assert (numel (r), 6);
%! assert ({r.model}, {"pca", "ae", "vae", "pca", "ae", "vae"});
%! assert ([r.code_size], [1 1 1 3 3 3]);
%! assert (models{4}.kind, "pca");
%! assert (r(1).mse > r(4).mse);
%! assert (r(2).mse > r(5).mse);
%! assert (all (isnan ([r.ssim])));
%! assert (r(4).psnr, ae_psnr (ae_reconstruct (models{4}, Xt), Xt, "DataFormat", "BC"), 1e-12);

%!test
%! ## images get SSIM, and the table is printed
%! rand ("seed", 91);
%! imgs = rand (12, 12, 30);
%! out = evalc ('r = ae_compare (imgs, imgs(:,:,1:5), 2, "Models", {"pca"});');
%! assert (r.ssim <= 1 && r.ssim > -1);
%! assert (! isempty (strfind (out, "model  code")));

%!error <Invalid call> ae_compare (1, 2)
%!error <CODE_SIZES must be integers in \[1, 4\]> ae_compare (rand (10, 4), rand (3, 4), 5)
%!error <Models must be among> ae_compare (rand (10, 4), rand (3, 4), 2, "Models", {"gan"})
%!error <Xtest has 3 values per sample> ae_compare (rand (10, 4), rand (3, 3), 2)
