## Peak memory of a training call (issue 15): the pytorch/examples VAE
## (784-400-20), one epoch on Fashion-MNIST's 60,000 training images given
## as 28x28xN single images and as N-by-D double rows. The peak resident set
## (VmHWM, reset through /proc/self/clear_refs before each call) above the
## resident set before the call, against what the call must hold: the
## converted data when they are not single, parameters, gradients, Adam's
## two moments, the best-validation copy and the per-batch workspace.
## Usage: octave-cli bench/train_memory.m [package root, default .]

1;
args = argv ();
root = ".";
if (numel (args) >= 1)
  root = args{1};
endif
addpath (fullfile (root, "inst"), fullfile (root, "src"));

function kb = status_kb (field)
  text = fileread ("/proc/self/status");
  kb = str2double (regexp (text, [field ':\s*(\d+)'], "tokens", "once"){1});
endfunction

function reset_peak ()
  fid = fopen ("/proc/self/clear_refs", "w");
  fprintf (fid, "5");
  fclose (fid);
endfunction

images = single (ae_dataset ("fashion-mnist", "train"));
rows_double = reshape (double (images), [], size (images, 3)).';
opts = {"LatentDim", 20, "HiddenSizes", 400, "Epochs", 1, "Verbose", false, "Seed", 1, ...
        "Threads", 2};
vae_train (images(:, :, 1:1000), opts{:});   # load the MEX file and warm up
n_params = 784 * 400 + 400 + 400 * 40 + 40 + 20 * 400 + 400 + 400 * 784 + 784;
widths = [400 40 20 400 784];   # the layers' outputs, as the workspace holds them
workspace_mb = 128 * (sum (widths) + 3 * 784) * 4 / 2^20;
state_mb = 4 * n_params * 4 / 2^20;   # parameters, gradients, Adam's two moments
forms = {"28x28xN single", images, 0; "N-by-D double", rows_double, numel(images) * 4 / 2^20};
for f = 1:rows (forms)
  before = status_kb ("VmRSS");
  reset_peak ();
  model = vae_train (forms{f, 2}, opts{:});
  peak = status_kb ("VmHWM");
  printf ("%-16s peak above the resident set before the call: %6.1f MB; expected %6.1f MB (data converted %.1f, parameters + gradients + Adam %.1f, workspace %.1f)\n",
          forms{f, 1}, (peak - before) / 1024, forms{f, 3} + state_mb + workspace_mb,
          forms{f, 3}, state_mb, workspace_mb);
  clear model
endfor
