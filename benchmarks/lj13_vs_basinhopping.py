#!/usr/bin/env python3
"""PhysFit basin-hopping vs scipy.optimize.basinhopping on the LJ13 cluster, in one run.

Runs `physfit compare --problem lj:13 --optimizers basin-hopping,annealing+bfgs,bfgs,cg-pr
--starts N --seed S --budget B --json` (first argument: the physfit binary, default
.build/release/physfit) and scipy's basinhopping (200 hops, L-BFGS-B with the analytic
gradient, T = 1, stepsize 0.5 — the settings of the issue's reference measurement) from N
random starts drawn the same way (--scipy-starts of them; uniform in the cube [-L, L]^39, L = 0.5 (13/0.5)^(1/3)),
each seeded with its start index.

An evaluation is one call of the energy, with or without its gradient: scipy's `nfev` with
`jac=True`, and PhysFit's comparison count (EvaluationCounts.calls). Success: the lowest
energy reached within the budget is within 1e-5 of the Cambridge Cluster Database value
-44.326801. Printed per method: successes / starts, the median evaluations to the first
success (over the successful starts), the best energy, and the ratios scipy / PhysFit of
the median evaluations and of the wall time per start.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
from scipy import optimize

KNOWN = -44.326801
ATOMS = 13


def energy(x):
    p = x.reshape(-1, 3)
    d = p[:, None, :] - p[None, :, :]
    r2 = (d * d).sum(-1)
    iu = np.triu_indices(len(p), 1)
    s = 1.0 / r2[iu]
    s3 = s * s * s
    e = 4.0 * np.sum(s3 * s3 - s3)
    f = np.zeros_like(r2)
    f[iu] = -24.0 * s * (2 * s3 * s3 - s3)
    f = f + f.T
    g = (f[:, :, None] * d).sum(1)
    return e, g.ravel()


class Counted:
    """The energy with a call counter and the evaluations at the first success."""

    def __init__(self, budget):
        self.calls = 0
        self.budget = budget
        self.best = np.inf
        self.first_success = None

    def __call__(self, x):
        if self.calls >= self.budget:
            raise StopIteration
        self.calls += 1
        e, g = energy(x)
        if e < self.best:
            self.best = e
            if self.first_success is None and abs(e - KNOWN) <= 1e-5:
                self.first_success = self.calls
        return e, g


def scipy_runs(starts, budget):
    half = 0.5 * (ATOMS / 0.5) ** (1 / 3)
    rows = []
    for k in range(starts):
        rng = np.random.default_rng(k)
        x0 = rng.uniform(-half, half, 3 * ATOMS)
        f = Counted(budget)
        t0 = time.perf_counter()
        try:
            optimize.basinhopping(
                f, x0, niter=200, T=1.0, stepsize=0.5, seed=k,
                minimizer_kwargs={"method": "L-BFGS-B", "jac": True})
        except StopIteration:
            pass
        rows.append((f.best, f.first_success, f.calls, time.perf_counter() - t0))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default=".build/release/physfit")
    parser.add_argument("--starts", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=int, default=20000)
    parser.add_argument("--scipy-starts", type=int, default=None,
                        help="starts for scipy (default: --starts); its runs are slow")
    args = parser.parse_args()

    command = [
        args.binary, "compare", "--problem", "lj:13",
        "--optimizers", "basin-hopping,annealing+bfgs,bfgs,cg-pr",
        "--starts", str(args.starts), "--seed", str(args.seed),
        "--budget", str(args.budget), "--json", "--threads", "1",
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    problem = json.loads(out.stdout)["problems"][0]
    print("command:", " ".join(command[1:]))
    print(f"LJ13, {args.starts} starts, budget {args.budget} evaluations (calls) per start")
    print(f"{'method':<26}{'success':>10}{'median evals':>14}{'best energy':>14}{'s/start':>10}")
    physfit_bh = None
    for name in ["basin-hopping", "annealing+bfgs", "bfgs", "cg-pr"]:
        runs = [r for r in problem["runs"] if r["optimizer"] == name]
        hits = [r for r in runs if r["value"] is not None and abs(r["value"] - KNOWN) <= 1e-5]
        evals = [r["evaluationsToSuccess"] for r in hits if r["evaluationsToSuccess"] is not None]
        median = statistics.median(evals) if evals else float("nan")
        best = min(r["value"] for r in runs if r["value"] is not None)
        seconds = statistics.median(r["time"] for r in runs)
        print(f"{'physfit ' + name:<26}{len(hits):>5}/{len(runs):<4}{median:>14.0f}{best:>14.6f}"
              f"{seconds:>10.3f}")
        if name == "basin-hopping":
            physfit_bh = (median, seconds)
    rows = scipy_runs(args.scipy_starts or args.starts, args.budget)
    hits = [r for r in rows if abs(r[0] - KNOWN) <= 1e-5]
    evals = [r[1] for r in hits if r[1] is not None]
    median = statistics.median(evals) if evals else float("nan")
    seconds = statistics.median(r[3] for r in rows)
    print(f"{'scipy basinhopping':<26}{len(hits):>5}/{len(rows):<4}{median:>14.0f}"
          f"{min(r[0] for r in rows):>14.6f}{seconds:>10.3f}")
    if physfit_bh:
        print(f"ratio scipy/physfit: median evaluations to success {median / physfit_bh[0]:.2f}, "
              f"time per start {seconds / physfit_bh[1]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
