"""Reference figures for Boreal's random-forest tests, from scikit-learn's forests on the peer data.

Run with Debian's python3-sklearn:  /usr/bin/python3 sklearn_reference.py [DATA_DIR] [SEEDS]
DATA_DIR defaults to ../shared/data; SEEDS (default 5) random_states are averaged. Prints, per data set,
the mean and spread over the seeds of the test metrics and of the out-of-bag score (oob_score=True does
not change the trees), and the fit time with n_jobs=2.
"""
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, log_loss, r2_score, roc_auc_score, mean_squared_error

root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def load(name, stem):
    train = np.loadtxt(f"{root}/{name}/{stem}.train", delimiter="\t")
    test = np.loadtxt(f"{root}/{name}/{stem}.test", delimiter="\t")
    return train[:, 1:], train[:, 0], test[:, 1:], test[:, 0]


def run(title, make, data, score):
    x, y, xt, yt = data
    values, times = [], []
    for seed in range(seeds):
        model = make(seed)
        start = time.perf_counter()
        model.fit(x, y)
        times.append(time.perf_counter() - start)
        values.append(score(model, xt, yt, y))
    values = np.array(values)
    print(f"{title}: " + ", ".join(f"{k} mean {values[:, i].mean():.4f} min {values[:, i].min():.4f} "
                                    f"max {values[:, i].max():.4f}" for i, k in enumerate(score.names))
          + f"; fit {np.median(times):.2f} s (median, n_jobs=2)")


def binary_score(m, xt, yt, y):
    return [roc_auc_score(yt, m.predict_proba(xt)[:, 1]), m.oob_score_,
            roc_auc_score(y, m.oob_decision_function_[:, 1])]
binary_score.names = ["auc", "oob accuracy", "oob auc"]


def multi_score(m, xt, yt, y):
    p = m.predict_proba(xt)
    return [accuracy_score(yt, m.classes_[p.argmax(1)]), log_loss(yt, np.clip(p, 1e-15, 1), labels=m.classes_),
            m.oob_score_]
multi_score.names = ["accuracy", "multi_logloss", "oob accuracy"]


def reg_score(m, xt, yt, y):
    p = m.predict(xt)
    return [r2_score(yt, p), mean_squared_error(yt, p) ** 0.5, m.oob_score_]
reg_score.names = ["r2", "rmse", "oob r2"]


run("lightgbm-binary, 300 trees", lambda s: RandomForestClassifier(300, n_jobs=2, random_state=s, oob_score=True),
    load("lightgbm-binary", "binary"), binary_score)
run("lightgbm-multiclass, 100 trees", lambda s: RandomForestClassifier(100, n_jobs=2, random_state=s, oob_score=True),
    load("lightgbm-multiclass", "multiclass"), multi_score)
run("lightgbm-regression, 100 trees", lambda s: RandomForestRegressor(100, n_jobs=2, random_state=s, oob_score=True),
    load("lightgbm-regression", "regression"), reg_score)
