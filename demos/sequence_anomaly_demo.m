## Anomaly detection over sequences with the LSTM autoencoder, against a
## dense autoencoder and PCA on the same windows. No Debian or npm package
## ships a labelled time-series anomaly set (see the NEWS of issue 27), so the
## windows are real, labelled sequences of another kind: Fashion-MNIST images
## read row by row, 28 steps of 28 values. The one-class protocol of
## anomaly_detection_demo.m: for each class, train on that class's 6,000
## training sequences only, score the 10,000 test sequences by their
## reconstruction error (ae_anomaly_score, a sequence's mean over its steps)
## with the other nine classes as the anomalies, and measure the area under
## the ROC curve (ae_roc). The dense autoencoder and PCA see each window as
## its 784 values. Prints the AUROC per class and the mean; figure:
## sequence_anomaly_auroc.png.
## Run from the package's top folder: octave-cli demos/sequence_anomaly_demo.m

1;
addpath (fileparts (mfilename ("fullpath")));   # for demo_setup
out_dir = demo_setup ();
[X, y, Xtest, ytest] = ae_dataset ("fashion-mnist");
rows_as_steps = @(images) permute (images, [2 3 1]);   # 28 values x N x 28 steps
Stest = rows_as_steps (Xtest);
names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", ...
         "Sneaker", "Bag", "Ankle boot"};
models = {"LSTM AE", "dense AE", "PCA"};
code = 32;
common = {"LatentDim", code, "Seed", 1, "Verbose", false};
lstm_encoder = [sequenceInputLayer(28), lstmLayer(128, "OutputMode", "last")];
auroc = zeros (10, numel (models));
seconds = zeros (1, numel (models));
for c = 0:9
  normal = X(:, :, y == c);
  tic;
  lstm_ae = ae_train (rows_as_steps (normal), "Encoder", lstm_encoder, "Epochs", 10, common{:});
  auroc(c+1, 1) = ae_roc (ae_anomaly_score (lstm_ae, Stest), ytest != c);
  seconds(1) += toc; tic;
  dense_ae = ae_train (normal, "HiddenSizes", 256, "Epochs", 15, common{:});
  auroc(c+1, 2) = ae_roc (ae_anomaly_score (dense_ae, Xtest), ytest != c);
  seconds(2) += toc; tic;
  pca = ae_pca (normal, code);
  auroc(c+1, 3) = ae_roc (ae_anomaly_score (pca, Xtest), ytest != c);
  seconds(3) += toc;
  printf ("class %d (%s): AUROC %s\n", c, names{c+1}, mat2str (auroc(c+1, :), 3));
  fflush (stdout);
endfor

printf ("\nAUROC, one class normal, the other nine anomalous (10,000 test sequences):\n\n");
auroc_report (auroc, models, names, "over row sequences of Fashion-MNIST",
              fullfile (out_dir, "sequence_anomaly_auroc.png"), seconds);
printf ("\nfigure: %s\n", fullfile (out_dir, "sequence_anomaly_auroc.png"));
