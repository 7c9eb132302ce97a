## The LSTM autoencoder of issue 27's benchmark trained by this package's
## ae_train on the sequences of bench/lstm_ae_data.py (read from FILE,
## float32 [n][t][c]): an LSTM of H units giving its last step, a code of L
## values, a repeat layer, an LSTM of H units over the steps and a fully
## connected layer per step; MSE, Adam (1e-3), batches of 64, as
## bench/lstm_ae_pytorch.py. Prints one JSON line with the seconds of each
## epoch.
##   octave-cli bench/lstm_ae_octave.m FILE N C T H L EPOCHS THREADS

args = argv ();
file = args{1};
[n, c, t, h, latent, epochs, threads] = num2cell (cellfun (@str2double, args(2:8))){:};
top = fileparts (fileparts (mfilename ("fullpath")));
addpath (fullfile (top, "inst"));
addpath (fullfile (top, "src"));
fid = fopen (file, "r");
values = fread (fid, Inf, "single=>single");
fclose (fid);
X = reshape (values, c, t, n);               # each sample's [t][c] as C-by-T
X = squeeze (num2cell (X, [1 2])).';
start = tic ();
model = ae_train (X, "HiddenSizes", h, "LatentDim", latent, "OutputActivation", "identity",
                  "Loss", "mse", "Optimizer", "adam", "LearnRate", 1e-3, "BatchSize", 64,
                  "Epochs", epochs, "Threads", threads, "Seed", 1, "Verbose", false);
wall = toc (start);
printf ("{\"impl\": \"autoencoder\", \"seconds_per_epoch\": [%s], \"wall\": %.3f, \"loss\": %.5f}\n",
        strjoin (arrayfun (@(s) sprintf ("%.4f", s), model.history.seconds.', "UniformOutput", false), ", "),
        wall, model.history.loss(end));
