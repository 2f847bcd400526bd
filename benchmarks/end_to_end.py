#!/usr/bin/env python3
"""End to end: one `physfit fit` process vs one Python + numpy + scipy curve_fit process.

    python3 benchmarks/end_to_end.py [physfit binary] [--runs N] [--rows N]

Writes a CSV of `--rows` (default 10,000) rows `t,counts,sigma` into a temporary directory:
an exponential decay on a flat background, mu(t) = 1000 exp(-t/12.5) + 20 for t in
[0, 100], with Gaussian noise of the Poisson size sigma = sqrt(mu) (fixed seed, so every
run fits the same file). Then it times, as fresh processes each time,

- `physfit fit FILE --model "A*exp(-t/tau)+B" --x t --y counts --sigma sigma
  --param A=800,tau=10,B=10 --json` (default binary `.build/release/physfit`; this
  script builds nothing), and
- `python3 FITTER FILE`, a script that imports numpy and scipy, reads the file with
  `np.loadtxt(FILE, delimiter=",", skiprows=1)` and calls `curve_fit` with the same model,
  the same start values, `sigma=sigma, absolute_sigma=True` and default settings,

one untimed warm-up each (file cache), then `--runs` (default 10) alternating runs; the
median wall time of each is printed with the ratio (target: physfit >= 10x faster). The
fitted values and errors of both are printed side by side, with their difference in
units of the error.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

MODEL = "A*exp(-t/tau)+B"
START = {"A": 800.0, "tau": 10.0, "B": 10.0}
TRUTH = {"A": 1000.0, "tau": 12.5, "B": 20.0}
SEED = 20261129

FITTER = '''\
import json, sys
import numpy as np
from scipy.optimize import curve_fit

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
t, counts, sigma = data[:, 0], data[:, 1], data[:, 2]

def model(t, A, tau, B):
    return A * np.exp(-t / tau) + B

popt, pcov = curve_fit(model, t, counts, p0=[%(A)r, %(tau)r, %(B)r], sigma=sigma,
                       absolute_sigma=True)
errors = np.sqrt(np.diag(pcov))
print(json.dumps({"values": dict(zip(["A", "tau", "B"], popt.tolist())),
                  "errors": dict(zip(["A", "tau", "B"], errors.tolist()))}))
''' % START


def write_data(path, rows):
    rng = np.random.default_rng(SEED)
    t = np.linspace(0.0, 100.0, rows)
    mu = TRUTH["A"] * np.exp(-t / TRUTH["tau"]) + TRUTH["B"]
    sigma = np.sqrt(mu)
    counts = mu + sigma * rng.standard_normal(rows)
    np.savetxt(path, np.column_stack([t, counts, sigma]), delimiter=",", fmt="%.9g",
               header="t,counts,sigma", comments="")


def run(command):
    """Wall time of one process and its stdout; exits on failure."""
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(command)} exited with {done.returncode}:\n{done.stderr}")
    return seconds, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?", default=".build/release/physfit")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"error: {args.binary} is not an executable; run `swift build -c release` first")

    with tempfile.TemporaryDirectory(prefix="physfit-e2e-") as tmp:
        data = os.path.join(tmp, "decay.csv")
        fitter = os.path.join(tmp, "fit_curve_fit.py")
        write_data(data, args.rows)
        with open(fitter, "w", encoding="utf-8") as f:
            f.write(FITTER)
        start = ",".join(f"{k}={v!r}" for k, v in START.items())
        physfit = [args.binary, "fit", data, "--model", MODEL, "--x", "t", "--y", "counts",
                   "--sigma", "sigma", "--param", start, "--json"]
        python = [sys.executable, fitter, data]

        _, physfit_out = run(physfit)
        _, python_out = run(python)
        physfit_times, python_times = [], []
        for _ in range(args.runs):
            physfit_times.append(run(physfit)[0])
            python_times.append(run(python)[0])

    report = json.loads(physfit_out)
    pf = {p["name"]: (p["value"], p["error"]) for p in report["parameters"]}
    cf_json = json.loads(python_out)
    cf = {k: (cf_json["values"][k], cf_json["errors"][k]) for k in START}

    pf_time, cf_time = statistics.median(physfit_times), statistics.median(python_times)
    print(f"{args.rows} rows, model {MODEL}, sigma column, start {start}; "
          f"median of {args.runs} fresh processes each")
    print(f"  physfit (converged: {report['converged']}, chi2/ndf "
          f"{report['reducedChi2']:.4f}): {pf_time * 1e3:8.1f} ms "
          f"(min {min(physfit_times) * 1e3:.1f}, max {max(physfit_times) * 1e3:.1f})")
    print(f"  python + numpy.loadtxt + curve_fit: {cf_time * 1e3:8.1f} ms "
          f"(min {min(python_times) * 1e3:.1f}, max {max(python_times) * 1e3:.1f})")
    print(f"  ratio: physfit is {cf_time / pf_time:.1f}x faster (target >= 10x)")
    print(f"  {'param':<5} {'truth':>8} {'physfit':>22} {'curve_fit':>22} {'diff/error':>11}")
    worst = 0.0
    for name in START:
        (pv, pe), (cv, ce) = pf[name], cf[name]
        diff = abs(pv - cv) / ce
        worst = max(worst, diff)
        print(f"  {name:<5} {TRUTH[name]:>8g} {pv:>12.6f} ± {pe:<8.5f} {cv:>12.6f} ± {ce:<8.5f} "
              f"{diff:>11.2e}")
    print(f"  values agree: {'yes' if worst < 1e-3 else 'NO'} "
          f"(largest difference {worst:.1e} standard errors; required < 1e-3)")


if __name__ == "__main__":
    main()
