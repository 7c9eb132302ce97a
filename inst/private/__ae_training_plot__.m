## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{plot} =} __ae_training_plot__ ("start", @var{fname}, @var{n_epochs})
## @deftypefnx {} {@var{plot} =} __ae_training_plot__ ("epoch", @var{plot}, @var{history})
## @deftypefnx {} {@var{plot} =} __ae_training_plot__ ("finish", @var{plot}, @var{history})
## The figure of @qcode{"Plots", "training-progress"}: the training and
## validation loss per epoch (and the KL term of a VAE; a GAN's two losses and
## its discriminator's outputs).
##
## With a screen to draw on, the figure is drawn at the first epoch and
## redrawn after each.  Without one (no display, or figures made invisible,
## as a Jupyter notebook's Octave kernel makes them to show them inline) it is
## drawn once, when training ends: no window is opened and nothing fails.
## @end deftypefn

function plot = __ae_training_plot__ (action, varargin)
  switch (action)
    case "start"
      [fname, n_epochs] = varargin{:};
      plot = struct ("fname", fname, "n_epochs", n_epochs, "live", can_draw_live (),
                     "figure", [], "lines", {{}}, "curves", {{}});
    case "epoch"
      [plot, history] = varargin{:};
      if (plot.live)
        plot = draw (plot, history);
      endif
    case "finish"
      [plot, history] = varargin{:};
      if (! isempty (history.epoch))
        plot = draw (plot, history);
      endif
  endswitch
endfunction

## A live figure needs it to be visible and a screen to show it on.
function live = can_draw_live ()
  live = (strcmp (get (0, "defaultfigurevisible"), "on")
          && (ispc () || ismac () || ! isempty (getenv ("DISPLAY"))
              || ! isempty (getenv ("WAYLAND_DISPLAY"))));
endfunction

## Each panel: a title, a y label and its curves as {history field, legend}.
function panels = panels_of (fname)
  loss = {"loss", "training"; "val_loss", "validation"};
  switch (fname)
    case "vae_train"
      panels = {"Loss (negative ELBO)", "per sample", loss;
                "KL divergence", "nats per sample", {"kl", "training"; "val_kl", "validation"}};
    case "gan_train"
      panels = {"Losses", "binary cross-entropy", {"gen_loss", "generator"; "disc_loss", "discriminator"};
                "Discriminator outputs", "mean probability", {"d_real", "D(x)"; "d_fake", "D(G(z))"}};
    otherwise
      panels = {"Loss", "per sample", loss};
  endswitch
endfunction

## Draws the figure the first time, then moves its lines' data.
function plot = draw (plot, history)
  panels = panels_of (plot.fname);
  if (isempty (plot.figure) || ! ishghandle (plot.figure))
    plot.figure = figure ("name", [plot.fname ": training progress"], "numbertitle", "off",
                          "visible", merge (plot.live, "on", "off"));
    plot.lines = plot.curves = cell (rows (panels), 1);
    for k = 1:rows (panels)
      ax = subplot (rows (panels), 1, k, "parent", plot.figure);
      ## a curve with no value now (no validation data) never gets one
      curves = panels{k, 3};
      curves = curves(cellfun (@(f) ! all (isnan (history.(f))), curves(:, 1)), :);
      plot.curves{k} = curves;
      hold (ax, "on");
      for c = 1:rows (curves)
        plot.lines{k}(c) = line (ax, NaN, NaN, "marker", ".", "linewidth", 1.5,
                                 "color", curve_color (c));
      endfor
      hold (ax, "off");
      title (ax, panels{k, 1});
      ylabel (ax, panels{k, 2});
      if (k == rows (panels))
        xlabel (ax, "epoch");
      endif
      grid (ax, "on");
      legend (ax, curves(:, 2), "location", "northeast");
    endfor
  endif
  epochs = history.epoch;
  for k = 1:rows (panels)
    curves = plot.curves{k};
    for c = 1:rows (curves)
      set (plot.lines{k}(c), "xdata", epochs, "ydata", history.(curves{c, 1}));
    endfor
  endfor
  ## the whole run's epochs while it goes on, then the epochs done
  last = epochs(end);
  if (plot.live && isfinite (plot.n_epochs))
    last = max (last, plot.n_epochs);
  endif
  for k = 1:rows (panels)
    xlim (get (plot.lines{k}(1), "parent"), [1, max(last, 2)]);
  endfor
  ax = get (plot.lines{1}(1), "parent");
  label = sprintf ("epoch %d", epochs(end));
  if (isfinite (plot.n_epochs))
    label = sprintf ("%s of %d", label, plot.n_epochs);
  endif
  title (ax, sprintf ("%s, %s", panels{1, 1}, label));
  if (plot.live)
    drawnow ();
  endif
endfunction

function color = curve_color (k)
  colors = [0 0.447 0.741; 0.850 0.325 0.098];
  color = colors(mod (k - 1, rows (colors)) + 1, :);
endfunction
