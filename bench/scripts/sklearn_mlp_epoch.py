"""Seconds per epoch of scikit-learn's MLPClassifier on the CSV that MlpEpochTiming writes.

The features are prepared as Boreal's MLP prepares them, so both networks see the same inputs:
numeric columns standardised with the training mean and standard deviation, a missing value set to the
mean (0) plus a 0/1 missing-indicator column for each column that has missing values, and the
categorical `channel` column one-hot encoded. Then one `partial_fit` call per epoch, timed one by one (wall time, and CPU time of every thread, which
other work on the machine does not inflate).

    /usr/bin/python3 bench/scripts/sklearn_mlp_epoch.py target/mlp-epoch/mlp-epoch.csv [epochs] [64,64] [256]
"""
import csv
import sys
import time
import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    label = np.array([float(r[0]) for r in rows])
    columns = []
    for j, name in enumerate(header[1:], start=1):
        raw = [r[j] for r in rows]
        try:
            values = np.array([float(v) if v != "" else np.nan for v in raw])
        except ValueError:
            categories = sorted(set(v for v in raw if v != ""))
            for c in categories:
                columns.append(np.array([1.0 if v == c else 0.0 for v in raw]))
            continue
        missing = np.isnan(values)
        mean = np.nanmean(values)
        sd = np.nanstd(values)
        columns.append(np.where(missing, 0.0, (values - mean) / (sd if sd > 0 else 1.0)))
        if missing.any():
            columns.append(missing.astype(float))
    return np.column_stack(columns), label


def main():
    path = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    hidden = tuple(int(h) for h in (sys.argv[3] if len(sys.argv) > 3 else "64,64").split(","))
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 256
    x, y = load(path)
    warnings.filterwarnings("ignore")
    model = MLPClassifier(hidden_layer_sizes=hidden, batch_size=batch, solver="adam", random_state=0)
    seconds = []
    cpu = []
    for e in range(epochs):
        start = time.perf_counter()
        start_cpu = time.process_time()
        model.partial_fit(x, y, classes=np.array([0.0, 1.0]))
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    rest = sorted(seconds[1:])
    rest_cpu = sorted(cpu[1:])
    print("scikit-learn %s MLPClassifier: %d rows x %d inputs, hidden %s, batch %d: first epoch %.3f s, "
          "median of the next %d epochs %.3f s/epoch (%.3f s of CPU)"
          % (__import__("sklearn").__version__, x.shape[0], x.shape[1], ",".join(map(str, hidden)), batch,
             seconds[0], len(rest), rest[len(rest) // 2] if rest else float("nan"),
             rest_cpu[len(rest_cpu) // 2] if rest_cpu else float("nan")))


if __name__ == "__main__":
    main()
