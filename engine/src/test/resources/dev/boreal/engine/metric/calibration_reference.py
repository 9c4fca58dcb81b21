"""Reference figures for Boreal's calibration metrics, from scikit-learn's calibration_curve and brier_score_loss.

Run with Debian's python3-sklearn from this directory:  /usr/bin/python3 calibration_reference.py
It writes calibration_reference.tsv, one line per array: a key, then tab-separated numbers (repr, so they read
back as the same doubles). Cases: "binary" (continuous, miscalibrated), "rounded" (forecasts on a 0.05 grid:
ties, forecasts on the equal-width edges, empty equal-mass bins) and "multi" (3 classes). For each case and
each of uniform/quantile with 15 and 7 bins, the non-empty bins' observed frequencies (.true) and mean
forecasts (.pred): for binary cases of the positive class, for "multi" of the top label (confidence against
correct) and of each class; and the Brier score (binary: brier_score_loss; multi: its sum over classes).
"""
import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss

rng = np.random.default_rng(17)
lines = []


def put(key, values):
    lines.append("\t".join([key] + [repr(float(v)) for v in np.atleast_1d(values)]))


def curves(key, y, p):
    for strategy in ("uniform", "quantile"):
        for bins in (15, 7):
            true, pred = calibration_curve(y, p, n_bins=bins, strategy=strategy)
            put(f"{key}.{strategy}{bins}.true", true)
            put(f"{key}.{strategy}{bins}.pred", pred)


def binary(name, p):
    y = (rng.random(len(p)) < p ** 1.4).astype(float)
    put(f"{name}.p", p)
    put(f"{name}.y", y)
    curves(name, y, p)
    put(f"{name}.brier", brier_score_loss(y, p))


binary("binary", rng.beta(2.0, 3.0, 700))
binary("rounded", np.round(rng.beta(2.0, 2.0, 400) * 20) / 20)

k, n = 3, 600
logits = rng.normal(size=(n, k)) * 1.5
p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
y = np.array([rng.choice(k, p=np.sqrt(row) / np.sqrt(row).sum()) for row in p])
for c in range(k):
    put(f"multi.p{c}", p[:, c])
put("multi.y", y)
predicted = p.argmax(axis=1)
curves("multi.top", (predicted == y).astype(float), p.max(axis=1))
for c in range(k):
    curves(f"multi.class{c}", (y == c).astype(float), p[:, c])
put("multi.brier", sum(brier_score_loss((y == c).astype(float), p[:, c]) for c in range(k)))

with open("calibration_reference.tsv", "w") as f:
    f.write("\n".join(lines) + "\n")
