## The fixed cost of a training call (issue 15): wall time of vae_train on
## Fashion-MNIST's 60,000 training images, one epoch of the pytorch/examples
## VAE, minus the epoch's own seconds from the history; for the data as
## N-by-D double rows, 28x28xN double images and 28x28xN single images.
## Usage: octave-cli bench/call_overhead.m [package root, default .] [rounds]
## (another build's root gives the comparison: interleave the two runs).

1;
args = argv ();
root = ".";
rounds = 3;
if (numel (args) >= 1)
  root = args{1};
endif
if (numel (args) >= 2)
  rounds = str2double (args{2});
endif
addpath (fullfile (root, "inst"), fullfile (root, "src"));
images = ae_dataset ("fashion-mnist", "train");
forms = {"N-by-D double", reshape(double (images), [], size (images, 3)).';
         "28x28xN double", double(images);
         "28x28xN single", single(images)};
opts = {"LatentDim", 20, "HiddenSizes", 400, "Epochs", 1, "Verbose", false, "Seed", 1};
vae_train (forms{3, 2}(:, :, 1:1000), opts{:});   # warm the caches and the MEX file
for f = 1:rows (forms)
  overhead = zeros (rounds, 1);
  for r = 1:rounds
    tic;
    model = vae_train (forms{f, 2}, opts{:});
    overhead(r) = toc - model.history.seconds(end);
  endfor
  printf ("%-16s whole call minus the epoch: median %.3f s (%s)\n", forms{f, 1},
          median (overhead), sprintf ("%.3f ", overhead));
endfor
