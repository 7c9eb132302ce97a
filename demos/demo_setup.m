## -*- texinfo -*-
## @deftypefn {} {@var{out_dir} =} demo_setup ()
## What every demo does first: puts the package's functions on the path when
## it is not loaded (running from the sources), readies headless gnuplot
## figures (without the toolkit's "discouraged" warning), and returns the
## folder for the figures, demos/output/ or
## $AUTOENCODER_FIGURES, created when missing.
## @end deftypefn

function out_dir = demo_setup ()
  here = fileparts (mfilename ("fullpath"));
  if (isempty (which ("vae_train")))
    addpath (fullfile (fileparts (here), "inst"));
    addpath (fullfile (fileparts (here), "src"));
  endif
  out_dir = getenv ("AUTOENCODER_FIGURES");
  if (isempty (out_dir))
    out_dir = fullfile (here, "output");
  endif
  if (! isfolder (out_dir))
    mkdir (out_dir);
  endif
  __ae_headless_figures__ ();
endfunction
