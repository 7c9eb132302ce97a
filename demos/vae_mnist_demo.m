## The main job: a variational autoencoder with a 2-D code trained on the
## 10,000 real MNIST digits, and the lecture's figures of it:
##   vae_manifold.png         the 20-by-20 manifold of digits decoded over
##                            Gaussian quantiles of the latent plane
##   vae_latent_scatter.png   the test digits' latent means, coloured by class
##   vae_reconstructions.png  test digits above their reconstructions
##   vae_loss_curves.png      training and validation loss per epoch
## The figures go to demos/output/ (or $AUTOENCODER_FIGURES).
## Run from the package's top folder: octave-cli demos/vae_mnist_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();

[Xtrain, ytrain, Xtest, ytest] = ae_dataset ("mnist");
printf ("MNIST: %d training and %d test digits\n", size (Xtrain, 3), size (Xtest, 3));

tic;
model = vae_train (Xtrain, "LatentDim", 2, "HiddenSizes", 512, "Epochs", demo_size (50, 50, 2),
                   "BatchSize", 128, "LearnRate", 1e-3, "ValidationData", Xtest,
                   "Seed", 1);
printf ("trained in %.1f s; test loss %.2f per digit (reconstruction %.2f, KL %.2f)\n",
        toc, model.history.val_loss(end), model.history.val_reconstruction(end),
        model.history.val_kl(end));
save ("-binary", fullfile (out_dir, "vae_mnist_model.bin"), "model");

## (a) the manifold: decode a 20x20 grid of Gaussian quantiles of the plane
n = 20;
q = sqrt (2) * erfinv (2 * linspace (0.05, 0.95, n) - 1);   # norminv without statistics
[z1, z2] = meshgrid (q, fliplr (q));
digits = vae_decode (model, [z1(:), z2(:)]);
canvas = zeros (28 * n);
for k = 1:n*n
  [r, c] = ind2sub ([n n], k);
  canvas((r-1)*28 + (1:28), (c-1)*28 + (1:28)) = digits(:,:,k);
endfor
figure ("position", [0 0 800 800]);
imagesc (canvas, [0 1]); colormap (gray); axis image off;
title ("Decoded digits over the 2-D latent plane (Gaussian quantiles 0.05 to 0.95)");
print (fullfile (out_dir, "vae_manifold.png"), "-dpng", "-r100");

## (b) latent means of the test digits by class
[~, mu] = vae_encode (model, Xtest);
figure ("position", [0 0 800 700]);
hold on;
colors = [0.12 0.47 0.71; 1 0.5 0.05; 0.17 0.63 0.17; 0.84 0.15 0.16; 0.58 0.4 0.74;
          0.55 0.34 0.29; 0.89 0.47 0.76; 0.5 0.5 0.5; 0.74 0.74 0.13; 0.09 0.75 0.81];
for d = 0:9
  sel = ytest == d;
  plot (mu(sel,1), mu(sel,2), ".", "markersize", 8, "color", colors(d+1,:));
endfor
hold off;
legend (arrayfun (@num2str, 0:9, "UniformOutput", false), "location", "eastoutside");
xlabel ("z_1"); ylabel ("z_2"); grid on;
title (sprintf ("Latent means of %d test digits", numel (ytest)));
print (fullfile (out_dir, "vae_latent_scatter.png"), "-dpng", "-r100");

## (c) originals above reconstructions
pick = arrayfun (@(d) find (ytest == d, 1), 0:9);
pick = [pick, arrayfun(@(d) find (ytest == d, 2)(2), 0:9)];
recon = vae_reconstruct (model, Xtest(:,:,pick));
strip = [reshape(Xtest(:,:,pick), 28, []); reshape(recon, 28, [])];
figure ("position", [0 0 1400 180]);
imagesc (strip, [0 1]); colormap (gray); axis image off;
title ("Test digits (top) and their VAE reconstructions (bottom)");
print (fullfile (out_dir, "vae_reconstructions.png"), "-dpng", "-r100");

## (d) loss curves
h = model.history;
figure ("position", [0 0 800 500]);
plot (h.epoch, h.loss, "-o", h.epoch, h.val_loss, "-s");
legend ("training", "validation (test digits)");
xlabel ("epoch"); ylabel ("loss per digit (BCE + KL, nats)"); grid on;
title ("VAE on MNIST, 2-D code");
print (fullfile (out_dir, "vae_loss_curves.png"), "-dpng", "-r100");
printf ("figures in %s\n", out_dir);
