# Sourced by the bench/run-* scripts: PyTorch's thread settings on this
# machine, each a pair "torch threads, OpenBLAS threads". Which is fastest
# depends on the workload (the MLP VAE: torch 1 + OpenBLAS 2; convolutions:
# torch 2 + OpenBLAS 1), so every benchmark runs all three and compares with
# the fastest. PYTORCH_SETTINGS="1 2" runs one of them.
pytorch_settings=()
IFS=',' read -ra pytorch_settings <<< "${PYTORCH_SETTINGS:-1 2,2 1,2 2}"
