## Images from files: ae_resize against an independent resampler, and
## ae_image_folder on folders of generated PNG, JPEG and BMP files (sizes,
## grey and colour, labels from nested folders, corrupt files).

%!test
%! ## ae_resize against Pillow's convolution resampler (Image.resize,
%! ## BICUBIC and BILINEAR on float images: the same kernels, stretched when
%! ## shrinking), made by tests/reference/make_resize_reference.py. Pillow
%! ## clips its kernel at the edges where imresize mirrors, so only pixels
%! ## whose kernel stays inside the image are compared.
%! source ("tests/reference/resize.txt");   # A, and cases{k} with B and rows/cols to compare
%! assert (numel (cases), 5);
%! for k = 1:numel (cases)
%!   c = cases{k};
%!   B = ae_resize (A, c.size, c.method);
%!   assert (B(c.rows, c.cols), c.B(c.rows, c.cols), 1e-5);
%! endfor

%!shared root   # (only the name: a failing test prints its shared values)
%! ## a student's folder: two classes in sub-folders, one nested deeper, a
%! ## corrupt file, an empty file and a file that is not an image
%! root = tempname ();
%! mkdir (root);
%! mkdir (fullfile (root, "cats"));
%! mkdir (fullfile (root, "dogs"));
%! mkdir (fullfile (root, "dogs", "puppies"));
%! rand ("seed", 7);
%! grey = uint8 (255 * rand (8, 10));
%! colour = uint8 (255 * rand (8, 10, 3));
%! wide = uint8 (255 * rand (8, 12, 3));
%! imwrite (grey, fullfile (root, "cats", "a.png"));
%! imwrite (colour, fullfile (root, "cats", "b.bmp"));
%! imwrite (colour, fullfile (root, "dogs", "c.jpg"), "Quality", 95);
%! imwrite (wide, fullfile (root, "dogs", "puppies", "d.png"));
%! fid = fopen (fullfile (root, "dogs", "broken.png"), "w");
%! fwrite (fid, uint8 ([137 80 78 71 13 10 26 10 1 2 3 4 5]));   # a PNG signature, then junk
%! fclose (fid);
%! fclose (fopen (fullfile (root, "cats", "empty.jpg"), "w"));
%! fid = fopen (fullfile (root, "cats", "notes.txt"), "w");
%! fputs (fid, "not an image");
%! fclose (fid);

%!test
%! ## sub-folders, labels from folder names, all resized to one size; the
%! ## unreadable files are skipped with one warning that names them
%! grey = imread (fullfile (root, "cats", "a.png"));
%! colour = imread (fullfile (root, "cats", "b.bmp"));
%! wide = imread (fullfile (root, "dogs", "puppies", "d.png"));
%! lastwarn ("");
%! [X, labels, files] = ae_image_folder (root, "IncludeSubfolders", true, "Size", [8 10],
%!                                       "LabelSource", "foldernames");
%! [msg, id] = lastwarn ();
%! assert (id, "autoencoder:unreadableImage");
%! assert (! isempty (strfind (msg, "skipped 2 unreadable files")));
%! assert (! isempty (strfind (msg, "broken.png")) && ! isempty (strfind (msg, "empty.jpg")));
%! assert (class (X), "single");
%! assert (size (X), [8 10 3 4]);   # one colour image makes them all colour
%! assert (all (X(:) >= 0 & X(:) <= 1));
%! assert (labels, {"cats"; "cats"; "dogs"; "puppies"});
%! [~, names] = cellfun (@fileparts, files, "UniformOutput", false);
%! assert (names, {"a"; "b"; "c"; "d"});
%! ## lossless files come back exactly (a grey one in all three channels)
%! assert (X(:, :, :, 1), repmat (single (grey) / 255, 1, 1, 3), 1e-7);
%! assert (X(:, :, :, 2), single (colour) / 255, 1e-7);
%! ## the JPEG is close to what was written and is what imread decodes (the
%! ## same libjpeg arithmetic); the wide image is resized
%! assert (mean (abs (X(:, :, :, 3)(:) - single (colour(:)) / 255)) < 0.03);
%! assert (X(:, :, :, 3), single (double (imread (fullfile (root, "dogs", "c.jpg"))) / 255));
%! assert (X(:, :, :, 4), single (min (max (ae_resize (double (wide) / 255, [8 10]), 0), 1)), 1e-6);

%!test
%! ## grey on request, with rgb2gray's weights; a file limit; the top folder only
%! warning ("off", "autoencoder:unreadableImage", "local");
%! colour = imread (fullfile (root, "cats", "b.bmp"));
%! X = ae_image_folder (fullfile (root, "cats"), "Color", "grey", "OnError", "skip");
%! assert (size (X), [8 10 1 2]);
%! expected = [0.298936021293775, 0.587043074451121, 0.114020904255103];
%! assert (X(:, :, 1, 2), single (sum (double (colour) / 255 .* reshape (expected, 1, 1, 3), 3)), 1e-6);
%! X = ae_image_folder (root, "IncludeSubfolders", true, "MaxFiles", 1, "Color", "rgb");
%! assert (size (X, 1:4), [8 10 3 1]);

%!error <dogs/puppies/d.png is 8x12, the first image 8x10; give "Size">
%! warning ("off", "autoencoder:unreadableImage", "local");
%! ae_image_folder (root, "IncludeSubfolders", true);
%!error id=autoencoder:unreadableImage ae_image_folder (fullfile (root, "dogs"), "OnError", "error")
%!error <cannot read .*broken.png> ae_image_folder (fullfile (root, "dogs"), "OnError", "error")
%!error <its sub-folders are read with "IncludeSubfolders", true> ae_image_folder (root)
%!error <none of the 1 image files>
%! warning ("off", "autoencoder:unreadableImage", "local");
%! ae_image_folder (fullfile (root, "dogs"), "MaxFiles", 1);
%!test
%! ## a link loop and a second link to a folder: each folder is read once
%! ## and the walk ends; a file cut short is skipped with the warning
%! d = tempname ();
%! mkdir (d);
%! mkdir (fullfile (d, "a"));
%! unwind_protect
%!   imwrite (uint8 (magic (6)), fullfile (d, "a", "m.png"));
%!   imwrite (uint8 (magic (6)'), fullfile (d, "t.png"));
%!   symlink (d, fullfile (d, "a", "loop"));
%!   symlink (fullfile (d, "a"), fullfile (d, "also_a"));
%!   fid = fopen (fullfile (d, "t.png"));
%!   bytes = fread (fid, Inf, "uint8=>uint8");
%!   fclose (fid);
%!   fid = fopen (fullfile (d, "u.png"), "w");
%!   fwrite (fid, bytes(1:end-20));
%!   fclose (fid);
%!   lastwarn ("");
%!   [X, ~, files] = ae_image_folder (d, "IncludeSubfolders", true);
%!   assert (size (X), [6 6 1 2]);
%!   assert (X(:, :, 1, 2), single (magic (6)' / 255));
%!   [msg, id] = lastwarn ();
%!   assert (id, "autoencoder:unreadableImage");
%!   assert (! isempty (strfind (msg, "u.png")));
%!   warning ("off", "autoencoder:unreadableImage", "local");
%!   fail ('ae_image_folder (d, "OnError", "error")', "cannot read .*u.png");
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## (the temporary folder goes)
%! confirm_recursive_rmdir (false, "local");
%! rmdir (root, "s");
