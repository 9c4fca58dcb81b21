#!/usr/bin/python3
"""Writes the calibration parity fixtures the monitor tests read (CalibrationParityTest).

Run with Debian's scikit-learn 1.2 (python3-sklearn) and scipy:  /usr/bin/python3 make_fixtures.py
Each fixture is a text file of lines "name v1 v2 ...": the calibration margins and labels, test margins, and
the reference results:
  platt_a, platt_b   sklearn.calibration._sigmoid_calibration (scipy's BFGS to its default gradient
                     tolerance, then refined by Newton steps on the same objective so that the reference is
                     the optimum itself, to 1e-12, rather than wherever BFGS stopped)
  platt_bfgs         the coefficients exactly as sklearn returns them (a looser check)
  isotonic           IsotonicRegression(out_of_bounds="clip") fitted on the margins, predicted at the test margins
  temperature        scikit-learn 1.2 has no temperature scaling: the T minimising the softmax (or, binary,
                     sigmoid) log loss of margins / T, by scipy.optimize.minimize_scalar to xtol 1e-14
"""
import numpy as np
import scipy.optimize
import sklearn
from sklearn.calibration import _sigmoid_calibration
from sklearn.isotonic import IsotonicRegression
from scipy.special import expit, logsumexp

assert sklearn.__version__.startswith("1.2"), sklearn.__version__


def write(name, fields):
    with open(name + ".txt", "w") as f:
        f.write("# written by make_fixtures.py with scikit-learn %s\n" % sklearn.__version__)
        for key, values in fields:
            f.write(key + " " + " ".join(repr(float(v)) for v in np.ravel(values)) + "\n")


def platt_refined(margins, labels):
    a, b = _sigmoid_calibration(margins, labels)
    prior1 = labels.sum()
    prior0 = len(labels) - prior1
    t = np.where(labels > 0, (prior1 + 1.0) / (prior1 + 2.0), 1.0 / (prior0 + 2.0))
    ab = np.array([a, b])
    for _ in range(50):
        p = expit(-(ab[0] * margins + ab[1]))
        g = np.array([np.dot(t - p, margins), np.sum(t - p)])
        w = p * (1 - p)
        h = np.array([[np.dot(w, margins * margins), np.dot(w, margins)], [np.dot(w, margins), w.sum()]])
        ab = ab - np.linalg.solve(h, g)
    return (a, b), ab


def binary_temperature(margins, labels):
    def loss(t):
        z = margins / t
        return np.sum(np.logaddexp(0, z) - labels * z)
    return scipy.optimize.minimize_scalar(loss, bounds=(1e-3, 1e3), method="bounded",
                                          options={"xatol": 1e-14}).x


def multiclass_temperature(margins, labels):
    def loss(t):
        z = margins / t
        return np.sum(logsumexp(z, axis=1) - z[np.arange(len(labels)), labels])
    return scipy.optimize.minimize_scalar(loss, bounds=(1e-3, 1e3), method="bounded",
                                          options={"xatol": 1e-14}).x


def binary_case(name, rng, n, scale, shift, ties):
    margins = rng.normal(size=n) * 2
    if ties:
        margins = np.round(margins, 1)
    labels = (rng.uniform(size=n) < expit(scale * margins + shift)).astype(int)
    test = np.concatenate([np.linspace(margins.min() - 1, margins.max() + 1, 41), margins[:10]])
    bfgs, refined = platt_refined(margins, labels)
    iso = IsotonicRegression(out_of_bounds="clip").fit(margins, labels)
    write(name, [("margins", margins), ("labels", labels), ("test", test),
                 ("platt_a", [refined[0]]), ("platt_b", [refined[1]]), ("platt_bfgs", bfgs),
                 ("isotonic", iso.predict(test)), ("temperature", [binary_temperature(margins, labels)])])


def multiclass_case(name, rng, n, k):
    truth = rng.normal(size=(n, k)) * 1.5
    labels = np.array([rng.choice(k, p=np.exp(r - logsumexp(r))) for r in truth])
    margins = truth * 2.5 + rng.normal(size=(n, k)) * 0.3  # overconfident: T > 1
    write(name, [("classes", [k]), ("margins", margins), ("labels", labels),
                 ("temperature", [multiclass_temperature(margins, labels)])])


rng = np.random.default_rng(17)
binary_case("binary_overconfident", rng, 300, 0.5, 0.2, False)
binary_case("binary_underconfident_ties", rng, 400, 2.0, -0.5, True)
multiclass_case("multiclass", rng, 300, 4)
