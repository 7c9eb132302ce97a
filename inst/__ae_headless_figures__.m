## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_headless_figures__ ()
## Readies figures for a session without a display (the demos, the test
## runner): the gnuplot toolkit, invisible figures, and none of the toolkit's
## "discouraged" paragraph, which Octave 9 and later print when it is chosen
## (Octave 7 does not).
## @end deftypefn

function __ae_headless_figures__ ()
  warning ("off", "Octave:gnuplot-graphics");
  graphics_toolkit ("gnuplot");
  set (0, "defaultfigurevisible", "off");
endfunction

%!test
%! toolkit = graphics_toolkit ();
%! visible = get (0, "defaultfigurevisible");
%! note = warning ("query", "Octave:gnuplot-graphics");
%! unwind_protect
%!   warning ("on", "Octave:gnuplot-graphics");
%!   set (0, "defaultfigurevisible", "on");
%!   __ae_headless_figures__ ();
%!   assert (graphics_toolkit (), "gnuplot");
%!   assert (get (0, "defaultfigurevisible"), "off");
%!   assert (warning ("query", "Octave:gnuplot-graphics").state, "off");
%! unwind_protect_cleanup
%!   graphics_toolkit (toolkit);
%!   set (0, "defaultfigurevisible", visible);
%!   warning (note.state, "Octave:gnuplot-graphics");
%! end_unwind_protect
