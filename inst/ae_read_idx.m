## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn {} {@var{A} =} ae_read_idx (@var{filename})
## Read an IDX file, the format of MNIST and Fashion-MNIST, plain or gzipped.
##
## The element type of the file gives the class of @var{A} (uint8, int8, int16,
## int32, single or double).  A file of N items of size d1-by-@dots{}-by-dk
## (k >= 2), such as N images of 28-by-28, gives a d1-by-@dots{}-by-dk-by-N
## array (images are H-by-W-by-N); a file of N vectors of length D gives an
## N-by-D matrix; a file of N labels an N-by-1 vector.
##
## A file that is not IDX, or shorter than its header says, is an error
## (@code{autoencoder:badFormat}); the reader never trusts the header for the
## memory it allocates.
##
## @example
## X = ae_read_idx ("train-images-idx3-ubyte.gz");   # 28x28x60000 uint8
## y = ae_read_idx ("train-labels-idx1-ubyte.gz");   # 60000x1 uint8
## @end example
##
## @seealso{ae_dataset}
## @end deftypefn

function A = ae_read_idx (filename)
  if (nargin != 1)
    print_usage ();
  elseif (! ischar (filename) || rows (filename) > 1 || isempty (filename))
    error ("autoencoder:invalidArgument", "ae_read_idx: FILENAME must be a string");
  elseif (! exist (filename, "file"))
    error ("autoencoder:io", "ae_read_idx: %s: no such file", filename);
  endif
  try
    [raw, n_dims] = __autoencoder__ ("read_idx", filename);
  catch err
    error (err.identifier, "ae_read_idx: %s", err.message);
  end_try_catch
  ## raw has the file's dimensions reversed: the item index last, the fastest first
  if (n_dims == 1)
    A = raw;
  elseif (n_dims == 2)
    A = raw.';
  else
    A = permute (raw, [n_dims-1:-1:1, n_dims]);
  endif
endfunction

%!function write_idx (name, magic_type, dims, values, precision)
%!  f = fopen (name, "w", "ieee-be");
%!  fwrite (f, [0 0 magic_type numel(dims)], "uint8");
%!  fwrite (f, dims, "uint32");
%!  fwrite (f, values, precision);
%!  fclose (f);
%!endfunction

%!test
%! ## 2 images of 2-by-3, row-major in the file
%! name = [tempname() '.idx'];
%! unwind_protect
%!   write_idx (name, 8, [2 2 3], 1:12, "uint8");
%!   A = ae_read_idx (name);
%!   assert (class (A), "uint8");
%!   assert (A, cat (3, uint8 ([1 2 3; 4 5 6]), uint8 ([7 8 9; 10 11 12])));
%! unwind_protect_cleanup
%!   unlink (name);
%! end_unwind_protect

%!test
%! ## labels, a matrix of vectors, big-endian floats and ints, gzip
%! name = [tempname() '.idx'];
%! unwind_protect
%!   write_idx (name, 8, 4, [3 1 4 1], "uint8");
%!   assert (ae_read_idx (name), uint8 ([3; 1; 4; 1]));
%!   write_idx (name, 13, [2 3], [0.5 1.5 -2 4 5 6], "single");
%!   assert (ae_read_idx (name), single ([0.5 1.5 -2; 4 5 6]));
%!   write_idx (name, 12, [3], [-70000 2 3], "int32");
%!   assert (ae_read_idx (name), int32 ([-70000; 2; 3]));
%!   write_idx (name, 14, [1 2], [pi -1], "double");
%!   assert (ae_read_idx (name), [pi -1]);
%!   gzip (name);
%!   assert (ae_read_idx ([name ".gz"]), [pi -1]);
%! unwind_protect_cleanup
%!   unlink (name);
%!   if (exist ([name ".gz"], "file")) unlink ([name ".gz"]); endif
%! end_unwind_protect

%!test
%! ## truncated data, a lying header, and a file that is not IDX
%! name = [tempname() '.idx'];
%! unwind_protect
%!   write_idx (name, 8, [10 28 28], 1:100, "uint8");
%!   try
%!     ae_read_idx (name);
%!     error ("no error");
%!   catch err
%!     assert (err.identifier, "autoencoder:badFormat");
%!     assert (! isempty (strfind (err.message, "truncated")));
%!   end_try_catch
%!   write_idx (name, 8, [4e9 4e9 4e9], [], "uint8");
%!   fail ("ae_read_idx (name)", "claims more than");
%!   f = fopen (name, "w"); fputs (f, "hello world"); fclose (f);
%!   fail ("ae_read_idx (name)", "not an IDX file");
%! unwind_protect_cleanup
%!   unlink (name);
%! end_unwind_protect

%!error <Invalid call> ae_read_idx ()
%!error <FILENAME must be a string> ae_read_idx (3)
%!error <no such file> ae_read_idx ("/nonexistent/file.idx")
%!error id=autoencoder:io ae_read_idx ("/nonexistent/file.idx")
