#!/bin/sh
# The whole lecture (tools/run-lecture) at smoke sizes, so that no demo rots:
# every item must run to its end without an Octave warning, draw each figure
# it is listed with below (a PNG of at least 2 KB), and the page must show
# every item, its figures and the lecture's own tables. Its numbers are not
# checked: 600 training images say nothing about them. Never timed.
set -e
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
tools/run-lecture --smoke --out "$out" || status=1

figures="vae_mnist/vae_manifold vae_mnist/vae_latent_scatter vae_mnist/vae_reconstructions
  vae_mnist/vae_loss_curves compare/compare_embeddings compare/compare_code_size
  regularized/sparse_features regularized/denoising regularized/contractive_vs_plain
  reconstruction/reconstruction_samples reconstruction/reconstruction_losses
  denoising/conv_denoising super_resolution/super_resolution anomaly/anomaly_roc
  anomaly/anomaly_auroc collapse/collapse_active_units collapse/collapse_kl_per_unit
  toolkit/vae_interpolation toolkit/vae_traversal hierarchical/hierarchical_reconstructions
  hierarchical/hierarchical_interpolation hierarchical/hierarchical_samples
  generation/generation_samples generation/gan_losses generation/conditional_vae
  generation/vaegan_reconstructions"
for figure in $figures; do
  file=$out/$figure.png
  if [ ! -f "$file" ] || [ "$(wc -c <"$file")" -lt 2000 ]; then
    echo "lecture smoke: $figure.png is missing or nearly empty"
    status=1
  elif ! grep -q "src=\"$figure.png\"" "$out/index.html"; then
    echo "lecture smoke: the page does not show $figure.png"
    status=1
  fi
done
if grep -il "^warning" "$out"/*/output.txt; then
  echo "lecture smoke: the items above printed Octave warnings:"
  grep -i -m 3 "^warning" "$out"/*/output.txt
  status=1
fi
for table in "Denoising autoencoder  | 0.0011" "DCGAN     | 149.51"; do
  if ! grep -qF "$table" "$out/index.html"; then
    echo "lecture smoke: the page lacks the lecture's row \"$table\""
    status=1
  fi
done
if [ $status -eq 0 ]; then
  echo "lecture smoke: 12 items ran, $(echo $figures | wc -w) figures drawn and shown on the page"
fi
exit $status
