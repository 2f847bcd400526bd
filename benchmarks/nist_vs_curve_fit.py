#!/usr/bin/env python3
"""PhysFit vs scipy.optimize.curve_fit on the NIST StRD nonlinear-regression problems.

    python3 benchmarks/nist_vs_curve_fit.py [NISTBenchmark binary] [--data DIR]

Runs the release `NISTBenchmark` binary (default `.build/release/NISTBenchmark`; build it
with `swift build -c release` first, this script builds nothing) on the problems of DIR
(default `Tests/PhysFitTests/Fixtures/nist`) and, in the same invocation, fits the same
problems from the same two certified starts with `scipy.optimize.curve_fit`:

- the same formulas, written in numpy (Nelson on log(y) with two predictors);
- curve_fit's defaults (Levenberg-Marquardt, MINPACK `lmdif` with forward-difference
  Jacobian, default tolerances), no sigma, `absolute_sigma=False`, and `maxfev=10000`
  instead of the default 200*(p+1) so that no case fails only for running out of
  evaluations (MGH09 and MGH10 from start 1 need thousands);
- timed like the Swift side: one untimed warm-up, then repeats until at least 20 runs and
  at least 0.2 s, median time per fit (`time.perf_counter`).

Both sides are graded the same way: the minimum over parameters of the log relative error
LRE = -log10(|est - cert| / |cert|), clamped to [0, 11]. A case "succeeds" when min LRE >= 6
(six correct digits on every value). The table also shows each side's own convergence flag
(PhysFit `converged`; curve_fit `ier` in 1..4 and no exception).

`--optimizer first-verified|lm` passes the same option to NISTBenchmark, to see what a
different default least-squares configuration would cost (profiling only).
"""

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np
import scipy
from scipy.optimize import OptimizeWarning, curve_fit

MIN_REPETITIONS = 20
MIN_SECONDS = 0.2
MAX_LRE = 11.0
DIGITS = 6.0
MAXFEV = 10000

# The NIST models in numpy, the same formulas as Tests/NISTStRD/NISTModels.swift.
def _lanczos(x, b1, b2, b3, b4, b5, b6):
    return b1 * np.exp(-b2 * x) + b3 * np.exp(-b4 * x) + b5 * np.exp(-b6 * x)


def _gauss(x, b1, b2, b3, b4, b5, b6, b7, b8):
    return (b1 * np.exp(-b2 * x) + b3 * np.exp(-((x - b4) ** 2) / b5**2)
            + b6 * np.exp(-((x - b7) ** 2) / b8**2))


def _cubic_over_cubic(x, b1, b2, b3, b4, b5, b6, b7):
    return (b1 + b2 * x + b3 * x**2 + b4 * x**3) / (1 + b5 * x + b6 * x**2 + b7 * x**3)


def _chwirut(x, b1, b2, b3):
    return np.exp(-b1 * x) / (b2 + b3 * x)


def _misra1a(x, b1, b2):
    return b1 * (1 - np.exp(-b2 * x))


MODELS = {
    "Misra1a": _misra1a,
    "Chwirut1": _chwirut,
    "Chwirut2": _chwirut,
    "Lanczos1": _lanczos,
    "Lanczos2": _lanczos,
    "Lanczos3": _lanczos,
    "Gauss1": _gauss,
    "Gauss2": _gauss,
    "Gauss3": _gauss,
    "DanWood": lambda x, b1, b2: b1 * x**b2,
    "Misra1b": lambda x, b1, b2: b1 * (1 - (1 + b2 * x / 2) ** (-2)),
    "Kirby2": lambda x, b1, b2, b3, b4, b5: (b1 + b2 * x + b3 * x**2) / (1 + b4 * x + b5 * x**2),
    "Hahn1": _cubic_over_cubic,
    "Thurber": _cubic_over_cubic,
    "Nelson": lambda x, b1, b2, b3: b1 - b2 * x[0] * np.exp(-b3 * x[1]),
    "MGH17": lambda x, b1, b2, b3, b4, b5: b1 + b2 * np.exp(-x * b4) + b3 * np.exp(-x * b5),
    "Misra1c": lambda x, b1, b2: b1 * (1 - (1 + 2 * b2 * x) ** (-0.5)),
    "Misra1d": lambda x, b1, b2: b1 * b2 * x * ((1 + b2 * x) ** (-1)),
    "Roszman1": lambda x, b1, b2, b3, b4: b1 - b2 * x - np.arctan(b3 / (x - b4)) / np.pi,
    "ENSO": lambda x, b1, b2, b3, b4, b5, b6, b7, b8, b9: (
        b1 + b2 * np.cos(2 * np.pi * x / 12) + b3 * np.sin(2 * np.pi * x / 12)
        + b5 * np.cos(2 * np.pi * x / b4) + b6 * np.sin(2 * np.pi * x / b4)
        + b8 * np.cos(2 * np.pi * x / b7) + b9 * np.sin(2 * np.pi * x / b7)),
    "MGH09": lambda x, b1, b2, b3, b4: b1 * (x**2 + x * b2) / (x**2 + x * b3 + b4),
    "BoxBOD": _misra1a,
    "Rat42": lambda x, b1, b2, b3: b1 / (1 + np.exp(b2 - b3 * x)),
    "MGH10": lambda x, b1, b2, b3: b1 * np.exp(b2 / (x + b3)),
    "Eckerle4": lambda x, b1, b2, b3: (b1 / b2) * np.exp(-0.5 * ((x - b3) / b2) ** 2),
    "Rat43": lambda x, b1, b2, b3, b4: b1 / ((1 + np.exp(b2 - b3 * x)) ** (1 / b4)),
    "Bennett5": lambda x, b1, b2, b3: b1 * (b2 + x) ** (-1 / b3),
}
LOG_RESPONSE = {"Nelson"}


def parse_nist(path):
    """Reads a NIST StRD .dat file using the line ranges its header states."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()

    def line_range(label):
        for line in lines[:40]:
            m = re.search(r"\(lines\s+(\d+)\s+to\s+(\d+)\)", line)
            if line.strip().startswith(label) and m:
                return int(m.group(1)), int(m.group(2))
        raise ValueError(f"{path}: no '{label} (lines A to B)'")

    name = next(l.split("Dataset Name:")[1].split()[0] for l in lines[:10] if "Dataset Name:" in l)
    s0, s1 = line_range("Starting Values")
    params = []
    for n in range(s0, s1 + 1):
        f = lines[n - 1].split()
        params.append({"name": f[0], "start1": float(f[2]), "start2": float(f[3]),
                       "value": float(f[4]), "sd": float(f[5])})
    d0, d1 = line_range("Data")
    rows = np.array([[float(v) for v in lines[n - 1].split()] for n in range(d0, d1 + 1)])
    y = rows[:, 0]
    x = rows[:, 1] if rows.shape[1] == 2 else rows[:, 1:].T.copy()
    if name in LOG_RESPONSE:
        y = np.log(y)
    return {"name": name, "params": params, "x": x, "y": y}


def lre(estimate, certified):
    if not math.isfinite(estimate):
        return 0.0
    relative = abs(estimate - certified) / abs(certified)
    return min(MAX_LRE, max(0.0, -math.log10(max(relative, 10.0**-MAX_LRE))))


def median_time(fn):
    """Median seconds per call after one warm-up: >= MIN_REPETITIONS runs and >= MIN_SECONDS."""
    fn()
    samples, total = [], 0.0
    while len(samples) < MIN_REPETITIONS or total < MIN_SECONDS:
        t0 = time.perf_counter()
        fn()
        t = time.perf_counter() - t0
        samples.append(t)
        total += t
    return statistics.median(samples)


def curve_fit_case(problem, start):
    f = MODELS[problem["name"]]
    p0 = [p[f"start{start}"] for p in problem["params"]]
    outcome = {}

    def fit():
        try:
            popt, _pcov, _info, _msg, ier = curve_fit(
                f, problem["x"], problem["y"], p0=p0, absolute_sigma=False, maxfev=MAXFEV,
                full_output=True)
            outcome["values"], outcome["ok"] = popt, ier in (1, 2, 3, 4)
        except (RuntimeError, ValueError, np.linalg.LinAlgError):
            outcome["values"], outcome["ok"] = [math.nan] * len(p0), False

    seconds = median_time(fit)
    min_lre = min(lre(v, p["value"]) for v, p in zip(outcome["values"], problem["params"]))
    return seconds, outcome["ok"], min_lre


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?", default=".build/release/NISTBenchmark")
    parser.add_argument("--data", default="Tests/PhysFitTests/Fixtures/nist")
    parser.add_argument("--optimizer", default="default", choices=["default", "first-verified", "lm"],
                        help="PhysFit optimizer (profiling only; `default` is what users get)")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"error: {args.binary} is not an executable; run `swift build -c release` first")

    run = subprocess.run([args.binary, args.data, "--optimizer", args.optimizer],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"error: {args.binary} failed:\n{run.stderr}")
    swift = {(r["problem"], r["start"]): r for r in map(json.loads, run.stdout.splitlines())}

    np.seterr(all="ignore")
    warnings.simplefilter("ignore", OptimizeWarning)
    files = sorted(f for f in os.listdir(args.data) if f.endswith(".dat"))
    print(f"PhysFit minimize() [{args.optimizer}] vs scipy {scipy.__version__} curve_fit("
          f"maxfev={MAXFEV}, absolute_sigma=False), numpy {np.__version__}; median time per "
          f"fit; success = min value LRE >= {DIGITS:g}")
    header = (f"{'problem':<10} {'start':>5} {'PhysFit ms':>11} {'curve_fit ms':>12} "
              f"{'ratio':>7} {'PF LRE':>7} {'PF conv':>7} {'cf LRE':>7} {'cf ok':>6}")
    print(header)
    print("-" * len(header))
    ratios, pf_success, cf_success, cases = [], 0, 0, 0
    for file in files:
        problem = parse_nist(os.path.join(args.data, file))
        if problem["name"] not in MODELS:
            print(f"{problem['name']}: no numpy model, skipped", file=sys.stderr)
            continue
        for start in (1, 2):
            s = swift.get((problem["name"], start))
            if s is None:
                print(f"{problem['name']} {start}: missing from NISTBenchmark output",
                      file=sys.stderr)
                continue
            cf_seconds, cf_ok, cf_lre = curve_fit_case(problem, start)
            pf_lre = s["minValueLRE"] if s["minValueLRE"] is not None else 0.0
            ratio = cf_seconds / s["seconds"]
            ratios.append(ratio)
            cases += 1
            pf_success += pf_lre >= DIGITS
            cf_success += cf_lre >= DIGITS
            print(f"{problem['name']:<10} {start:>5} {s['seconds'] * 1e3:>11.3f} "
                  f"{cf_seconds * 1e3:>12.3f} {ratio:>6.2f}x {pf_lre:>7.1f} "
                  f"{'yes' if s['converged'] else 'no':>7} {cf_lre:>7.1f} "
                  f"{'yes' if cf_ok else 'no':>6}", flush=True)
    print("-" * len(header))
    print(f"median speed-up (curve_fit time / PhysFit time) over {cases} cases: "
          f"{statistics.median(ratios):.2f}x  (min {min(ratios):.2f}x, max {max(ratios):.2f}x; "
          f"target >= 3x)")
    print(f"success (every value LRE >= {DIGITS:g}): PhysFit {pf_success}/{cases}, "
          f"curve_fit {cf_success}/{cases}")


if __name__ == "__main__":
    main()
