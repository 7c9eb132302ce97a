## Times this package's SSIM over 10,000 pairs of 28-by-28 images, FID on two
## sets of 10,000-by-64 features and precision/recall on the same sets.
## Prints one JSON line. Inputs come from a fixed generator (the same
## distribution as bench/metrics_python.py).
top = fileparts (fileparts (mfilename ("fullpath")));
addpath (fullfile (top, "inst"));
addpath (fullfile (top, "src"));
rand ("seed", 1); randn ("seed", 1);
X = rand (28, 28, 10000);
Y = min (max (X + 0.1 * randn (size (X)), 0), 1);
F1 = randn (10000, 64);
F2 = 1.1 * randn (10000, 64) + 0.1;
t = tic; s = ae_ssim (X, Y); t_ssim = toc (t);
t = tic; d = ae_fid (F1, F2); t_fid = toc (t);
t = tic; [p, r] = ae_precision_recall (F1, F2); t_pr = toc (t);
printf ("{\"impl\": \"autoencoder\", \"ssim_s\": %.4f, \"fid_s\": %.4f, \"pr_s\": %.4f, \"ssim\": %.6f, \"fid\": %.6f, \"precision\": %.4f, \"recall\": %.4f}\n",
        t_ssim, t_fid, t_pr, s, d, p, r);
