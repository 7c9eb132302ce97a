## Posterior collapse, from the HUST slides: a KL term that is too strong
## drives the posterior of every latent unit to the prior, so the code says
## nothing about the input (cause), and the remedies: weight the KL term,
## start it small and raise it (linear warm-up, cyclical annealing), or
## leave each unit a few free nats (free bits). A VAE with 16 latent units
## and a strong decoder (two hidden layers of 512) on MNIST, for KL weights
## beta from 0.5 to 8, with each remedy. Prints active units (Burda et al.:
## Cov_x E[z_u] > 0.01) and the KL per unit; figures: active units against
## beta (collapse_active_units.png) and each unit's KL at beta = 4 under
## each remedy (collapse_kl_per_unit.png).
## Run from the package's top folder: octave-cli demos/posterior_collapse_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, ~, Xtest] = ae_dataset ("mnist");
latent = 16;
epochs = demo_size (20, 20, 2);
warmup = epochs / 2;
base = {"LatentDim", latent, "HiddenSizes", [512 512], "Epochs", epochs, "Seed", 1, ...
        "Verbose", false};
remedies = {"none", {};
            sprintf("linear warm-up (%d epochs)", warmup), {"KLWarmupEpochs", warmup};
            "cyclical (4 cycles, ratio 0.5)", {"KLSchedule", "cyclical"};
            "free bits (0.25 nats)", {"FreeBits", 0.25}};
betas = [0.5 1 2 4 8];
active = zeros (rows (remedies), numel (betas));
kl = zeros (rows (remedies), numel (betas));
kl_units = cell (rows (remedies), 1);
tic;
for r = 1:rows (remedies)
  for b = 1:numel (betas)
    model = vae_train (X, base{:}, "Beta", betas(b), remedies{r, 2}{:});
    active(r, b) = vae_active_units (model, Xtest);
    kl(r, b) = model.history.kl(end);
    if (betas(b) == 4)
      kl_units{r} = sort (model.history.kl_per_unit(end, :), "descend");
    endif
  endfor
  printf ("%s done, %.0f s\n", remedies{r, 1}, toc);
  fflush (stdout);
endfor

printf ("\nActive units of %d (test digits), and the training KL in nats, after %d epochs:\n\n",
        latent, epochs);
printf ("| %-30s |", "remedy");
printf (" beta %-3g |", betas);
printf ("\n|--------------------------------|%s\n", repmat ("----------|", 1, numel (betas)));
for r = 1:rows (remedies)
  printf ("| %-30s |", remedies{r, 1});
  printf (" %2d %5.1f |", [active(r, :); kl(r, :)]);
  printf ("\n");
endfor
printf ("\nKL of each unit at beta = 4 (nats, largest first):\n");
for r = 1:rows (remedies)
  printf ("  %-30s %s\n", remedies{r, 1}, sprintf ("%.2f ", kl_units{r}));
endfor

figure ("position", [0 0 640 460]);
semilogx (betas, active.', "o-", "linewidth", 1.5);
set (gca, "xtick", betas, "xticklabel", arrayfun (@num2str, betas, "UniformOutput", false));
xlim ([0.4 10]); ylim ([0 latent + 1]); grid on;
legend (remedies(:, 1), "location", "southwest");
xlabel ("KL weight beta"); ylabel (sprintf ("active units (of %d)", latent));
title ("Posterior collapse: active latent units against beta");
print (fullfile (out_dir, "collapse_active_units.png"), "-dpng", "-r100");

figure ("position", [0 0 640 460]);
bar (cell2mat (kl_units).');
xlim ([0.5 latent + 0.5]); grid on;
legend (remedies(:, 1), "location", "northeast");
xlabel ("latent unit (sorted by KL)"); ylabel ("KL per sample (nats)");
title ("KL of each latent unit at beta = 4");
print (fullfile (out_dir, "collapse_kl_per_unit.png"), "-dpng", "-r100");
printf ("\nfigures: %s, %s\n", fullfile (out_dir, "collapse_active_units.png"),
        fullfile (out_dir, "collapse_kl_per_unit.png"));
