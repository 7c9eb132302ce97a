## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{layer} =} __ae_dl_layer__ (@var{fname}, @var{type}, @var{args}, @var{given}, @var{names}, @var{defaults})
## A layer description of the kind the Deep Learning Toolbox's layer
## functions return, checked against the core's declaration of its
## @var{type} (the MATLAB Type, such as "convolution2d"): one struct with the
## same fields for every type (each type's properties), so that layers
## concatenate into arrays (@code{[convolution2dLayer(3, 8), reluLayer]}).
##
## @var{given} holds the constructor's positional arguments as name/value
## pairs by property ({"FilterSize", 3, "NumFilters", 8}).  The name/value
## pairs @var{args} (names case-insensitive) set "Name", the type's other
## declared options and the constructor's own @var{names} (whose defaults
## are in the struct @var{defaults}, and which it checks itself).  Every
## declared setting is then checked for its type and range and written as
## MATLAB does (a stride as [a a], a padding as "same" or four numbers);
## one left out takes MATLAB's default, and one without a default must be
## given.  An argument is named in messages as MATLAB's help names it
## (filterSize), an option by its name (Stride).
## @end deftypefn

function layer = __ae_dl_layer__ (fname, type, args, given = {}, names = {}, defaults = struct ())
  [types, ~, layer] = __ae_layer_types__ ();
  layer.Type = type;
  layer.Name = "";
  settings = struct ("option", {}, "positional", {});
  match = types(strcmp ({types.matlab}, type));
  if (! isempty (match))
    settings = match(1).settings;
    settings = settings(! cellfun (@isempty, {settings.option}));
  endif
  for [value, key] = defaults
    layer.(key) = value;
  endfor
  for k = 1:2:numel (given)
    layer.(given{k}) = given{k+1};
  endfor
  by_name = {settings(! [settings.positional]).option};
  names = [{"Name"}, by_name, names];
  layer = name_value_pairs (fname, layer, args, names);
  if (! (ischar (layer.Name) && rows (layer.Name) <= 1))
    error ("autoencoder:invalidOption", "%s: Name must be a string", fname);
  endif
  for s = settings
    layer.(s.option) = checked (fname, s, layer.(s.option));
  endfor
endfunction

function layer = name_value_pairs (fname, layer, args, names)
  if (mod (numel (args), 2) != 0)
    error ("autoencoder:invalidOption", "%s: options must come in name/value pairs", fname);
  endif
  for k = 1:2:numel (args)
    match = [];
    if (ischar (args{k}) && rows (args{k}) <= 1)
      match = find (strcmpi (args{k}, names), 1);
    endif
    if (isempty (match))
      error ("autoencoder:invalidOption", "%s: unknown option \"%s\"; the options are %s",
             fname, disp (args{k})(1:end-1), strjoin (names, ", "));
    endif
    layer.(names{match}) = args{k+1};
  endfor
endfunction

## The value v of setting s, checked and written as MATLAB's layers hold it
function v = checked (fname, s, v)
  what = s.option;
  if (s.positional)
    what(1) = lower (what(1));
  endif
  if (isempty (v))
    if (isnumeric (s.default) && isnan (s.default))
      error ("autoencoder:invalidOption", "%s: give the \"%s\" (%s)", fname, s.option, s.what);
    endif
    v = s.default;
  endif
  switch (s.type)
    case "count"
      v = __ae_dl_size__ (fname, what, v, 1, s.lo);
    case "pair"
      v = __ae_dl_size__ (fname, what, v, 2, s.lo);
    case "grid"
      v = __ae_dl_size__ (fname, what, v, 3, s.lo);
    case "step"
      v = __ae_dl_square__ (fname, what, v);
    case "padding"
      v = __ae_dl_padding__ (fname, what, v);
    case "real"
      if (! (isnumeric (v) && isreal (v) && isscalar (v) && v >= s.lo
             && (v < s.hi || (! s.hi_open && v == s.hi))))
        error ("autoencoder:invalidOption", "%s: %s must be a real scalar in [%g, %g%s", fname,
               what, s.lo, s.hi, merge (s.hi_open, ")", "]"));
      endif
      v = double (v);
    case "choice"
      match = [];
      if (ischar (v) && rows (v) <= 1)
        match = find (strcmpi (v, s.choices), 1);
      endif
      if (isempty (match))
        error ("autoencoder:invalidOption", "%s: %s must be one of \"%s\"", fname, what,
               strjoin (s.choices, "\", \""));
      endif
      v = s.choices{match};
      return;
  endswitch
  if (! any (strcmp (s.type, {"real", "padding"})) && any (v > s.hi))
    error ("autoencoder:invalidOption", "%s: %s must be at most %d", fname, what, s.hi);
  endif
endfunction

%!test
%! l = __ae_dl_layer__ ("f", "convolution2d", {"stride", 2}, {"FilterSize", 3, "NumFilters", 4});
%! assert (l.Stride, [2 2]);
%! assert (l.Padding, [0 0 0 0]);
%! assert (l.FilterSize, [3 3]);
%! assert (isfield (l, {"Probability", "Epsilon", "Scale"}));
%!error <unknown option "FilterSize"> __ae_dl_layer__ ("f", "convolution2d", {"FilterSize", 2}, {"FilterSize", 3, "NumFilters", 4})
%!error <give the "FilterSize"> __ae_dl_layer__ ("f", "convolution2d", {})
%!error <numFilters must be at most 16777216> __ae_dl_layer__ ("f", "convolution2d", {}, {"FilterSize", 3, "NumFilters", 2^25})
%!error <Name must be a string> __ae_dl_layer__ ("f", "relu", {"Name", 3})
