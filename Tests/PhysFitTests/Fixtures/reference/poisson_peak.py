"""Reference for PoissonReferenceTests: a gaussian peak on an exponential background,
counts per bin, fitted by the Baker-Cousins likelihood-ratio chi2 with iminuit.

chi2_lambda = 2 * sum(mu_i - n_i + n_i * ln(n_i / mu_i))   (n_i = 0 terms: 2 mu_i)
mu_i = A * exp(-(x_i - m)^2 / (2 s^2)) + B * exp(-x_i / tau), evaluated at bin centres.
errordef = 1 (chi2_lambda = 2 (-ln L) + const). MIGRAD with a tight tolerance, then HESSE.

Run: python3 poisson_peak.py > poisson_peak.json
"""

import json

import numpy as np
from iminuit import Minuit, __version__ as iminuit_version

rng = np.random.default_rng(20240603)
lo, hi, nbins = 0.0, 10.0, 50
background = rng.exponential(3.0, size=4000)
background = background[background < hi][:1500]
signal = rng.normal(5.0, 0.6, size=400)
counts, edges = np.histogram(np.concatenate([background, signal]), bins=nbins, range=(lo, hi))
x = 0.5 * (edges[:-1] + edges[1:])
n = counts.astype(float)


def model(A, m, s, B, tau):
    return A * np.exp(-((x - m) ** 2) / (2 * s * s)) + B * np.exp(-x / tau)


def chi2_lambda(A, m, s, B, tau):
    mu = model(A, m, s, B, tau)
    if np.any(mu <= 0):
        return 1e300
    safe_n = np.where(n > 0, n, 1.0)
    terms = np.where(n > 0, mu - n + n * np.log(safe_n / mu), mu)
    return 2.0 * float(np.sum(terms))


start = dict(A=20.0, m=4.8, s=0.8, B=50.0, tau=2.5)
m = Minuit(chi2_lambda, **start)
m.errordef = Minuit.LEAST_SQUARES  # 1
m.strategy = 2
m.tol = 1e-7
m.migrad()
m.migrad()
m.hesse()
assert m.valid and m.accurate

names = list(m.parameters)
print(
    json.dumps(
        {
            "description": "Baker-Cousins chi2 of a gaussian peak on an exponential background, "
            "bin-centre predictions, iminuit MIGRAD (strategy 2, tol 1e-7) + HESSE, errordef 1",
            "iminuit": iminuit_version,
            "formula": "A*exp(-(x-m)^2/(2*s^2)) + B*exp(-x/tau)",
            "start": start,
            "x": x.tolist(),
            "counts": counts.tolist(),
            "parameters": names,
            "values": [m.values[k] for k in names],
            "errors": [m.errors[k] for k in names],
            "minimum": m.fval,
            "edm": m.fmin.edm,
        },
        indent=1,
    )
)
