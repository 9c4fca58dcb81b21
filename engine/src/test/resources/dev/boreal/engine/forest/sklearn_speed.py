"""Times scikit-learn's RandomForestClassifier beside `boreal train --algorithm rf` on the same file.

/usr/bin/python3 sklearn_speed.py TRAIN [TEST] [--trees N] [--jobs J] [--repeat K] [--write-numeric OUT]

TRAIN/TEST: LightGBM's TSV (no header, label first) or a CSV with a header and a `label` column, such as
the files `boreal demo` writes. scikit-learn 1.2 takes neither missing values nor text, so a text column
becomes its category codes and a missing value -999; --write-numeric saves that numeric copy so Boreal
can be timed on exactly the same matrix. Prints the fit time of each repeat (wall clock and CPU time of all threads, fit only) and
the test AUC.
"""
import argparse
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score


def load(path):
    if path.endswith(".csv"):
        frame = pd.read_csv(path)
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = frame[column].astype("category").cat.codes
        frame = frame.fillna(-999)
        return frame.drop(columns=["label"]).to_numpy(), frame["label"].to_numpy(), frame
    data = np.loadtxt(path, delimiter="\t")
    return data[:, 1:], data[:, 0], None


parser = argparse.ArgumentParser()
parser.add_argument("train")
parser.add_argument("test", nargs="?")
parser.add_argument("--trees", type=int, default=100)
parser.add_argument("--jobs", type=int, default=2)
parser.add_argument("--repeat", type=int, default=1)
parser.add_argument("--write-numeric")
args = parser.parse_args()

x, y, frame = load(args.train)
if args.write_numeric and frame is not None:
    frame.to_csv(args.write_numeric, index=False)
for r in range(args.repeat):
    model = RandomForestClassifier(args.trees, n_jobs=args.jobs, random_state=r)
    start = time.perf_counter()
    cpu = time.process_time()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    line = f"scikit-learn {model.__class__.__name__}({args.trees} trees, n_jobs={args.jobs}) on " \
           f"{x.shape[0]:,} x {x.shape[1]}: fit {seconds:.2f} s wall, {cpu:.2f} s cpu (all threads)"
    if args.test:
        xt, yt, _ = load(args.test)
        line += f", test auc {roc_auc_score(yt, model.predict_proba(xt)[:, 1]):.4f}"
    print(line, flush=True)
