#!/usr/bin/env python3
"""Reading a large CSV: PhysFit's DataTable.read vs numpy.loadtxt vs pandas.read_csv.

    python3 benchmarks/read_vs_numpy_pandas.py [ReadBenchmark binary] [--rows N] [--runs N]
                                               [--file PATH] [--keep]

Writes a CSV of `--rows` (default 10,000,000) rows `t,y,sigma` into a temporary directory
(or `--file`; fixed seed, about 33 bytes per row: t = i/1000 with six decimals, y a noisy
exponential with 9 significant digits, sigma with 4), then reads it, each reader in a fresh
process, `--runs` times (default 3, alternating):

- PhysFit: `ReadBenchmark FILE` (default binary `.build/release/ReadBenchmark`; this script
  builds nothing), i.e. `DataTable.read(contentsOf:)`: three [Double] columns;
- numpy: `np.loadtxt(FILE, delimiter=",", skiprows=1)`: one n x 3 float64 array;
- pandas: `pd.read_csv(FILE)` with its default C engine: a DataFrame of three float64
  columns.

Each child times its read alone (wall clock, and CPU time: user + system, which is what
to compare on a loaded machine) and reports its own peak resident set size (VmHWM of
/proc/self/status; getrusage's ru_maxrss is not used because Linux carries the RSS of the
forking parent, this script, into a child's ru_maxrss), and the sum of every column, which
must agree between the readers (relative 1e-12). A child that reads nothing gives each reader's baseline
(interpreter, imports), so "beyond the columns" = peak - baseline - rows x 3 x 8 bytes.
The file is read once before timing, so every reader finds it in the page cache.
Printed: median seconds, rows per second, ratios, peak and extra memory.
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

SEED = 20261129

PYTHON_READER = '''\
import json, sys, time
import numpy as np
import pandas as pd

def peak_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1

kind, path = sys.argv[1], sys.argv[2]
result = {}
if path != "--idle":
    cpu = time.process_time()
    start = time.perf_counter()
    if kind == "numpy":
        data = np.loadtxt(path, delimiter=",", skiprows=1)
        columns = [data[:, j] for j in range(data.shape[1])]
    else:
        frame = pd.read_csv(path)
        columns = [frame[name].to_numpy() for name in frame.columns]
    result["seconds"] = time.perf_counter() - start
    result["cpuSeconds"] = time.process_time() - cpu
    result["rows"] = len(columns[0])
    result["columns"] = len(columns)
    result["sums"] = [float(np.sum(c)) for c in columns]
result["peakKiB"] = peak_kib()
print(json.dumps(result))
'''


def write_data(path, rows):
    """t = i/1000, y = 1000 exp(-t/2500) + 20 + noise, sigma = sqrt(y), written in chunks."""
    rng = np.random.default_rng(SEED)
    chunk = 1_000_000
    with open(path, "w") as f:
        f.write("t,y,sigma\n")
        for start in range(0, rows, chunk):
            i = np.arange(start, min(start + chunk, rows))
            t = i / 1000.0
            mu = 1000.0 * np.exp(-t / 2500.0) + 20.0
            sigma = np.sqrt(mu)
            y = mu + sigma * rng.standard_normal(len(i))
            block = np.column_stack([t, y, sigma])
            np.savetxt(f, block, fmt=["%.6f", "%.9g", "%.4g"], delimiter=",")


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?", default=".build/release/ReadBenchmark")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", help="CSV to write (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the CSV afterwards")
    args = parser.parse_args()

    directory = None
    path = args.file
    if path is None:
        directory = tempfile.mkdtemp(prefix="physfit-read-")
        path = os.path.join(directory, "rows.csv")
    try:
        if not os.path.exists(path):
            start = time.perf_counter()
            write_data(path, args.rows)
            print(f"wrote {path}: {args.rows:,} rows, {os.path.getsize(path) / 2**20:.0f} MiB "
                  f"in {time.perf_counter() - start:.0f} s")
        with open(path, "rb") as f:  # into the page cache
            while f.read(1 << 24):
                pass
        size = os.path.getsize(path)

        readers = {
            "PhysFit DataTable.read": lambda p: run([args.binary, p]),
            "numpy.loadtxt": lambda p: run([sys.executable, "-c", PYTHON_READER, "numpy", p]),
            "pandas.read_csv": lambda p: run([sys.executable, "-c", PYTHON_READER, "pandas", p]),
        }
        baseline = {name: read("--idle")["peakKiB"] for name, read in readers.items()}
        results = {name: [] for name in readers}
        for _ in range(args.runs):
            for name, read in readers.items():
                results[name].append(read(path))

        reference = results["numpy.loadtxt"][0]
        rows = reference["rows"]
        kept = rows * reference["columns"] * 8 / 2**20
        print(f"\n{rows:,} rows x {reference['columns']} columns, {size / 2**20:.0f} MiB; "
              f"the columns themselves: {kept:.0f} MiB; median of {args.runs} fresh processes")
        print(f"{'reader':24} {'seconds':>8} {'rows/s':>12} {'MB/s':>7} {'CPU s':>6} "
              f"{'peak MiB':>9} {'base MiB':>9} {'beyond columns':>15}")
        medians = {}
        cpu = {}
        for name, runs in results.items():
            for r in runs:
                assert r["rows"] == rows, (name, r["rows"])
                for got, want in zip(r["sums"], reference["sums"]):
                    assert abs(got - want) <= 1e-12 * abs(want), (name, got, want)
            seconds = statistics.median(r["seconds"] for r in runs)
            medians[name] = seconds
            cpu[name] = statistics.median(r["cpuSeconds"] for r in runs)
            peak = max(r["peakKiB"] for r in runs) / 1024
            base = baseline[name] / 1024
            print(f"{name:24} {seconds:8.2f} {rows / seconds:12,.0f} {size / seconds / 1e6:7.0f} "
                  f"{cpu[name]:6.2f} {peak:9.0f} {base:9.0f} {peak - base - kept:12.0f} MiB")
        ours = "PhysFit DataTable.read"
        for name in ("numpy.loadtxt", "pandas.read_csv"):
            print(f"PhysFit is {medians[name] / medians[ours]:.1f}x faster than {name} "
                  f"(wall clock; {cpu[name] / cpu[ours]:.1f}x in CPU time)")
        print("column sums agree between the readers (relative 1e-12)")
    finally:
        if directory is not None and not args.keep:
            os.remove(path)
            os.rmdir(directory)


if __name__ == "__main__":
    main()
