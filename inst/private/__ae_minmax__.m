## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{map} =} __ae_minmax__ ("fit", @var{X}, @var{ymin}, @var{ymax})
## @deftypefnx {} {@var{Y} =} __ae_minmax__ ("apply", @var{map}, @var{X})
## @deftypefnx {} {@var{X} =} __ae_minmax__ ("reverse", @var{map}, @var{Y})
## MATLAB's mapminmax: each row of @var{X} (a feature; columns are samples)
## mapped linearly from its [min, max] onto [@var{ymin}, @var{ymax}].  A
## constant row is shifted onto @var{ymin}, as mapminmax does.  An empty
## @var{map} maps nothing.
## @end deftypefn

function out = __ae_minmax__ (what, a, b, ymax)
  switch (what)
    case "fit"
      xmin = double (min (a, [], 2));
      xmax = double (max (a, [], 2));
      gain = (ymax - b) ./ (xmax - xmin);
      gain(xmax == xmin) = 1;
      out = struct ("xmin", xmin, "gain", gain, "ymin", b);
    case "apply"
      out = b;
      if (! isempty (a))
        out = cast ((double (b) - a.xmin) .* a.gain + a.ymin, class (b));
      endif
    case "reverse"
      out = b;
      if (! isempty (a))
        out = cast ((double (b) - a.ymin) ./ a.gain + a.xmin, class (b));
      endif
  endswitch
endfunction
