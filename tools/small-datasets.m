## The smoke run's data (tools/run-lecture --smoke): the first N_TRAIN
## training and N_TEST test images of MNIST and Fashion-MNIST, written as the
## IDX files ae_dataset reads, uncompressed (tools/run-lecture gzips them).
## Usage: octave-cli tools/small-datasets.m FOLDER N_TRAIN N_TEST
## Run from the package's top folder.

1;

function write_idx (file, values)
  ## IDX (LeCun's format): zero, zero, the type (8: unsigned bytes), the
  ## number of dimensions, each dimension big-endian, then the values with the
  ## last index fastest, that is rows of pixels for images
  dims = size (values);
  if (dims(end) == 1)
    dims = dims(1:end-1);
  endif
  fid = fopen (file, "w");
  if (fid < 0)
    error ("small-datasets: cannot write %s", file);
  endif
  fwrite (fid, [0 0 8 numel(dims)], "uint8");
  fwrite (fid, fliplr (dims), "uint32", 0, "ieee-be");
  fwrite (fid, values, "uint8");
  fclose (fid);
endfunction

args = argv ();
if (numel (args) != 3)
  error ("usage: octave-cli tools/small-datasets.m FOLDER N_TRAIN N_TEST");
endif
folder = args{1};
n_train = str2double (args{2});
n_test = str2double (args{3});
addpath (fullfile (pwd, "inst"));
addpath (fullfile (pwd, "src"));
for name = {"mnist", "fashion-mnist"}
  [X, y, Xtest, ytest] = ae_dataset (name{1});
  where = fullfile (folder, name{1});
  mkdir (where);
  ## ae_dataset's images are rows by columns by images; IDX wants the
  ## columns fastest, hence the transpose of each image
  bytes = @(images) uint8 (round (255 * permute (images, [2 1 3])));
  write_idx (fullfile (where, "train-images-idx3-ubyte"), bytes (X(:, :, 1:n_train)));
  write_idx (fullfile (where, "train-labels-idx1-ubyte"), uint8 (y(1:n_train)(:)));
  write_idx (fullfile (where, "t10k-images-idx3-ubyte"), bytes (Xtest(:, :, 1:n_test)));
  write_idx (fullfile (where, "t10k-labels-idx1-ubyte"), uint8 (ytest(1:n_test)(:)));
endfor
