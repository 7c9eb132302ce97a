## The image-reading benchmark's Octave side: ae_image_folder over FOLDER
## (the listing, the headers, the decoding, the conversion and the resize),
## as a user calls it, on the package's threads.
##   octave-cli bench/image_read_octave.m FOLDER COLOR [H W]
## prints one JSON line with the seconds it took
args = argv ();
addpath (fullfile (pwd (), "inst"));
addpath (fullfile (pwd (), "src"));
folder = args{1};
options = {"Color", args{2}};
if (numel (args) > 2)
  options(end+1:end+2) = {"Size", [str2double(args{3}), str2double(args{4})]};
endif
ae_image_folder (folder, options{:}, "MaxFiles", 2);   # the MEX file loaded, as in a session
tic;
X = ae_image_folder (folder, options{:});
seconds = toc ();
[~, name] = fileparts (folder);
printf ('{"reader": "octave", "case": "%s", "files": %d, "seconds": %.6f, "mean": %.6f}\n',
        name, size (X, 4), seconds, mean (X(:)));
