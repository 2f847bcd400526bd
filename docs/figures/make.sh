#!/bin/sh
# Regenerates the figures in docs/figures from the shipped examples (examples/data).
#
#   docs/figures/make.sh                    # builds the release physfit, then draws
#   PHYSFIT=path/to/physfit docs/figures/make.sh   # uses that binary instead
#
# Run from anywhere; the figures are written atomically next to this script. Every
# command is one a user could type (see docs/cli.md, "Figures and reports").
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ -z "${PHYSFIT:-}" ]; then
  swift build -c release --product physfit
  PHYSFIT="$(swift build -c release --show-bin-path)/physfit"
fi
out=docs/figures
data=examples/data

# A χ² fit with σ: data, model with ±1σ band, pulls; correlations; Markdown report.
"$PHYSFIT" fit $data/decay.csv --model "A*exp(-t/tau) + B" --x t --y counts --sigma sigma \
  --param A=1000,tau=10,B=10 --unit t=s \
  --plot $out/decay-fit.svg --plot-correlation $out/decay-correlation.svg \
  --report $out/decay-report.md >/dev/null

# Built-in models summed: a peak on a linear background.
"$PHYSFIT" fit $data/peak.dat --model "gaussian + linear" --x E --y counts --sigma dcounts \
  --unit E=keV --plot $out/peak-fit.svg >/dev/null

# A Poisson likelihood fit to a histogram: steps with √N errors, (n − μ)/√μ pulls.
"$PHYSFIT" fit $data/histogram.csv --objective poisson --optimizer bfgs \
  --model "A*exp(-(x-m)^2/(2*s^2)) + B*exp(-x/tau)" --x x --y counts \
  --param A=20,m=4.8,s=0.8,B=50,tau=2.5 --plot $out/histogram-fit.svg >/dev/null

# A network classifier: loss per epoch with validation, and its decision map.
"$PHYSFIT" train $data/moons.csv --x x1,x2 --y label --network 2-16-16-1 --objective bce \
  --learning-rate 0.01 --epochs 100 --validation 0.2 --seed 1 \
  --plot $out/moons-loss.svg --plot-prediction $out/moons-prediction.svg >/dev/null

# An optimizer comparison: convergence of every optimizer on Rosenbrock's valley.
"$PHYSFIT" compare --problem rosenbrock:2 --optimizers all --starts 20 --seed 1 \
  --plot $out/rosenbrock-compare.svg >/dev/null

echo "figures written to $out"
