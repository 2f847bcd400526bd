#!/bin/sh
# Builds PhysFit in release mode and runs the benchmarks against scipy.
# Usage: benchmarks/run.sh [scratch path, default .build]
# Run from anywhere; needs python3 with numpy and scipy (and torch + scikit-learn for the
# network benchmark).
set -eu
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
swift build -c release --scratch-path "$scratch"
echo "== NIST StRD: PhysFit vs scipy curve_fit, time per fit (in process)"
python3 benchmarks/nist_vs_curve_fit.py "$scratch/release/NISTBenchmark"
echo
echo "== End to end: physfit fit vs python + numpy + curve_fit (fresh processes)"
python3 benchmarks/end_to_end.py "$scratch/release/physfit"
echo
echo "== Optimizers vs scipy.optimize (Rosenbrock; Rastrigin over 100 seeds)"
python3 benchmarks/optimizers_vs_scipy.py "$scratch/release/OptimizerBenchmark"
echo
echo "== LJ13: basin-hopping vs scipy basinhopping (50 starts; scipy 10, its runs are slow)"
python3 benchmarks/lj13_vs_basinhopping.py "$scratch/release/physfit" --starts 50 --scipy-starts 10
echo
echo "== Networks: PhysFit vs PyTorch vs scikit-learn MLP (R, C, W; needs torch, scikit-learn)"
python3 benchmarks/networks_vs_torch.py "$scratch/release/NetworkBenchmark"
echo
echo "== Reading a 10-million-row CSV: PhysFit vs numpy.loadtxt vs pandas.read_csv (needs pandas)"
python3 benchmarks/read_vs_numpy_pandas.py "$scratch/release/ReadBenchmark"
