## Seconds per epoch of the conv denoising demo's model (demos/conv_denoising_demo.m:
## two 3x3 convolutions of 32 filters at 28x28 and 14x14, 2x2 max pooling, code
## 64, Gaussian noise 0.4, batch 32) on its 10,000 Fashion-MNIST images.
## Usage: octave-cli bench/conv_denoising_epoch.m [package root, default .] [epochs, default 2]
## (another build's root gives the comparison: interleave the two runs).
## Prints one JSON line.

1;
args = argv ();
root = ".";
n_epochs = 2;
if (numel (args) >= 1)
  root = args{1};
endif
if (numel (args) >= 2)
  n_epochs = str2double (args{2});
endif
addpath (fullfile (root, "inst"), fullfile (root, "src"));
X = ae_dataset ("fashion-mnist", "train");
X = X(:, :, 1:10000);
encoder = [convolution2dLayer(3, 32, "Padding", "same"), reluLayer, ...
           maxPooling2dLayer(2, "Stride", 2), ...
           convolution2dLayer(3, 32, "Padding", "same"), reluLayer, ...
           maxPooling2dLayer(2, "Stride", 2)];
tic;
model = ae_train (X, "Encoder", encoder, "Noise", "gaussian", "NoiseLevel", 0.4,
                  "LatentDim", 64, "Epochs", n_epochs, "BatchSize", 32, "Seed", 1,
                  "Verbose", false, "Threads", 2);
wall = toc;
printf ("{\"impl\": \"autoencoder\", \"root\": \"%s\", \"seconds_per_epoch\": [%s], \"wall\": %.3f, \"loss\": %.6f}\n",
        root, strjoin (arrayfun (@(s) sprintf ("%.4f", s), model.history.seconds(:).',
                                 "UniformOutput", false), ", "), wall, model.history.loss(end));
