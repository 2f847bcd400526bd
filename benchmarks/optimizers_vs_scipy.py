#!/usr/bin/env python3
"""PhysFit optimizers vs scipy.optimize on the same test functions, in one run.

Runs the OptimizerBenchmark binary (first argument, default
.build/release/OptimizerBenchmark) and scipy's counterparts, then prints
function evaluations, time to reach the minimum, and the ratios scipy/PhysFit:

- Rosenbrock 2-D from (-1.2, 1): Nelder-Mead, CG, BFGS (scipy with the analytic
  gradient, as PhysFit's optimizers have it).
- Rastrigin 2-D and 5-D over [-5.12, 5.12]^n, random starts, seeds 0..N-1
  (--seeds N, default 100): PhysFit annealing+bfgs vs scipy dual_annealing
  (defaults, seed = the seed, x0 = a random start). Success: f < 1e-8 and
  |x| < 1e-4.

scipy's nfev counts every function value, including those of its finite-difference
gradients; PhysFit counts values and analytic gradients separately, and "evals"
below is values + gradients (a gradient counted as one evaluation).
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
from scipy import optimize


def rosen(x):
    return 100.0 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2


def rosen_grad(x):
    return np.array([-400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]), 200 * (x[1] - x[0] ** 2)])


def rastrigin(x):
    return 10 * len(x) + np.sum(x * x - 10 * np.cos(2 * np.pi * x))


def median_time(body):
    body()
    times = []
    start = time.perf_counter()
    while len(times) < 20 or time.perf_counter() - start < 0.2:
        t0 = time.perf_counter()
        body()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default=".build/release/OptimizerBenchmark")
    parser.add_argument("--seeds", type=int, default=100)
    args = parser.parse_args()
    out = subprocess.run([args.binary, str(args.seeds)], check=True, capture_output=True, text=True)
    swift = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]

    print("Rosenbrock 2-D from (-1.2, 1)")
    print(f"{'optimizer':<12} {'PhysFit evals':>14} {'scipy evals':>12} {'ratio':>7} "
          f"{'PhysFit ms':>11} {'scipy ms':>9} {'ratio':>7}")
    methods = {"nelder-mead": "Nelder-Mead", "cg": "CG", "bfgs": "BFGS"}
    x0 = np.array([-1.2, 1.0])
    for case in (c for c in swift if c["function"] == "rosenbrock-2d"):
        method = methods[case["optimizer"]]
        jac = None if method == "Nelder-Mead" else rosen_grad
        options = {"xatol": 1e-10, "fatol": 1e-14, "maxfev": 100000} if jac is None else {"gtol": 1e-10}
        r = optimize.minimize(rosen, x0, method=method, jac=jac, options=options)
        scipy_evals = r.nfev + getattr(r, "njev", 0)
        t = median_time(lambda: optimize.minimize(rosen, x0, method=method, jac=jac, options=options))
        ours = case["values"] + case["gradients"]
        assert np.linalg.norm(r.x - 1) < 1e-4, (method, r.x)
        print(f"{case['optimizer']:<12} {ours:>14} {scipy_evals:>12} {scipy_evals / ours:>6.2f}x "
              f"{case['seconds'] * 1e3:>11.3f} {t * 1e3:>9.3f} {t / case['seconds']:>6.1f}x"
              f"   (PhysFit |x - x*| = {case['distance']:.1e}, scipy {np.linalg.norm(r.x - 1):.1e})")

    print()
    print(f"Rastrigin over [-5.12, 5.12]^n, {args.seeds} seeds: annealing+bfgs vs dual_annealing")
    print(f"{'n':>2} {'PhysFit ok':>10} {'scipy ok':>9} {'PhysFit med evals':>18} "
          f"{'scipy med nfev':>15} {'ratio':>7} {'PhysFit med ms':>15} {'scipy med ms':>13} {'ratio':>7}")
    for case in (c for c in swift if c["function"].startswith("rastrigin")):
        n = int(case["function"].split("-")[1][:-1])
        nfev, times, ok = [], [], 0
        for seed in range(args.seeds):
            rng = np.random.default_rng(seed)
            x0 = rng.uniform(-5.12, 5.12, n)
            t0 = time.perf_counter()
            r = optimize.dual_annealing(rastrigin, [(-5.12, 5.12)] * n, seed=seed, x0=x0)
            times.append(time.perf_counter() - t0)
            nfev.append(r.nfev)
            ok += r.fun < 1e-8 and np.linalg.norm(r.x) < 1e-4
        med = statistics.median(nfev)
        tmed = statistics.median(times)
        print(f"{n:>2} {case['successes']:>7}/{case['seeds']:<3}{ok:>6}/{args.seeds:<3}"
              f"{case['total']:>18} {med:>15.0f} {med / case['total']:>6.2f}x"
              f"{case['seconds'] * 1e3:>15.3f} {tmed * 1e3:>13.3f} {tmed / case['seconds']:>6.0f}x"
              f"   (PhysFit median: {case['values']} values + {case['gradients']} gradients)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
