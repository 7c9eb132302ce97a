## Anomaly detection with autoencoders, the lecture's application: "they are
## good at spotting anomalies because they are trained to reconstruct normal
## data". The one-class protocol on Fashion-MNIST: for each of the ten
## classes, train on that class's 6,000 training images only, score the
## 10,000 test images (ae_anomaly_score) with the other nine classes as the
## anomalies, and measure the area under the ROC curve (ae_roc). Models:
## PCA (its reconstruction error, the baseline), a dense autoencoder, a
## convolutional autoencoder (reconstruction error) and a VAE (negative
## ELBO). Prints the AUROC per class and the mean; figures: the ROC curves of
## one class (anomaly_roc.png) and the AUROC of every class and model
## (anomaly_auroc.png).
## Run from the package's top folder: octave-cli demos/anomaly_detection_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, y, Xtest, ytest] = ae_dataset ("fashion-mnist");
names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", ...
         "Sneaker", "Bag", "Ankle boot"};
models = {"PCA", "dense AE", "conv AE", "VAE"};
code = 32;
conv_encoder = [convolution2dLayer(3, 16, "Padding", "same"), reluLayer, ...
                maxPooling2dLayer(2, "Stride", 2), ...
                convolution2dLayer(3, 32, "Padding", "same"), reluLayer, ...
                maxPooling2dLayer(2, "Stride", 2)];
common = {"LatentDim", code, "Seed", 1, "Verbose", false};
epochs = demo_size (15, 5, 1);
conv_epochs = demo_size (6, 2, 1);
auroc = zeros (10, numel (models));
curves = cell (1, numel (models));
shown_class = 1;   # T-shirt/top: its ROC curves are drawn
tic;
for c = 0:9
  normal = X(:, :, y == c);
  scorers = {@() ae_pca (normal, code), ...
             @() ae_train (normal, "HiddenSizes", 256, "Epochs", epochs, common{:}), ...
             @() ae_train (reshape (normal, 28, 28, 1, []), "Encoder", conv_encoder,
                           "Epochs", conv_epochs, common{:}), ...
             @() vae_train (normal, "HiddenSizes", 256, "Epochs", epochs, common{:})};
  for m = 1:numel (models)
    model = scorers{m} ();
    test = Xtest;
    if (m == 3)
      test = reshape (Xtest, 28, 28, 1, []);
    endif
    if (m == 4)
      scores = ae_anomaly_score (model, test, "Method", "elbo", "Samples", 5, "Seed", 1);
    else
      scores = ae_anomaly_score (model, test);
    endif
    [auroc(c+1, m), fpr, tpr] = ae_roc (scores, ytest != c);
    if (c + 1 == shown_class)
      curves{m} = [fpr, tpr];
    endif
  endfor
  printf ("class %d (%s) done, %.0f s\n", c, names{c+1}, toc);
  fflush (stdout);
endfor

figure ("position", [0 0 560 520]);
hold on;
for m = 1:numel (models)
  plot (curves{m}(:, 1), curves{m}(:, 2), "linewidth", 1.5);
endfor
plot ([0 1], [0 1], "k:");
hold off; grid on; axis square;
legend (arrayfun (@(m) sprintf ("%s (AUROC %.3f)", models{m}, auroc(shown_class, m)),
                  1:numel (models), "UniformOutput", false), "location", "southeast");
xlabel ("false positive rate"); ylabel ("true positive rate");
title (sprintf ("ROC: %s normal, the other classes anomalous", names{shown_class}));
print (fullfile (out_dir, "anomaly_roc.png"), "-dpng", "-r100");

printf ("\nAUROC, one class normal, the other nine anomalous (10,000 test images):\n\n");
auroc_report (auroc, models, names, "on Fashion-MNIST",
              fullfile (out_dir, "anomaly_auroc.png"));
printf ("\nfigures: %s, %s\n", fullfile (out_dir, "anomaly_roc.png"),
        fullfile (out_dir, "anomaly_auroc.png"));
