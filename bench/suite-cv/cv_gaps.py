#!/usr/bin/python3
"""Boreal's boosting against scikit-learn's HistGradientBoosting and XGBoost by 5-fold cross-validation on a
folder in the accuracy suite's layout (../shared/data/suite, or the hold-out folder bench/holdout/make_holdout.R
builds), every side on exactly the folds `boreal cv --folds 5 --seed 1` deals on NAME.train.csv (the peers get
them from Boreal's own dealing, through PrintFolds.java).

  cv_gaps.py peers  DIR OUT.tsv                         the peers' per-fold scores, fed as reference.py feeds them
  cv_gaps.py boreal DIR OUT.tsv [-p name=value]...      `boreal cv` on every set with those parameters
  cv_gaps.py report PEERS.tsv BOREAL.tsv [BOREAL.tsv]...  per-set gaps to the better peer, median, mean, worst

Parameters are the suite's: 300 rounds, learning rate 0.1, 31 leaves, 2 threads, seed 1. Metrics: AUC (binary),
accuracy (multiclass), RMSE (regression), each the mean over the 5 held-out folds. A gap is relative to the better
peer, positive when Boreal is worse: (best - boreal) / best for AUC and accuracy, (boreal - best) / best for RMSE,
as `boreal bench suite` computes it. Needs Debian's python3-sklearn and python3-xgboost (no pandas); `boreal` is
the launcher beside this folder unless BOREAL names another. At most two `boreal cv` JVMs run at once."""
import csv, json, math, os, statistics, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
import numpy as np

# OpenMP threads that spin while they wait make scikit-learn and XGBoost crawl on a loaded machine (attrition's
# peers: 7 minutes against 20 s); waiting passively changes no score.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

K, SEED, ROUNDS, RATE, LEAVES, THREADS = 5, 1, 300, 0.1, 31, 2
METRIC = {"binary": "auc", "multiclass": "accuracy", "regression": "rmse"}
# pandas' default missing-value strings, so that text columns reach the peers as reference.py's read_csv gives them
NA = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
      "NA", "NULL", "NaN", "n/a", "nan", "null"}


HERE = os.path.dirname(os.path.abspath(__file__))
LAUNCHER = os.environ.get("BOREAL", os.path.join(HERE, "..", "..", "boreal"))


def boreal_folds(path, task):
    """The fold of every row as `boreal cv` deals them, from Boreal's own FoldDealing (the launcher builds the jar)."""
    subprocess.run([LAUNCHER, "--version"], check=True, stdout=subprocess.DEVNULL)
    jar = os.path.join(os.path.dirname(LAUNCHER), "cli", "target", "boreal.jar")
    out = subprocess.run(["java", "-cp", jar, os.path.join(HERE, "PrintFolds.java"), path, task, str(K), str(SEED)],
                         check=True, capture_output=True, text=True).stdout
    return np.array([int(f) for f in out.strip().split(",")])


def tasks(folder):
    with open(os.path.join(folder, "tasks.tsv")) as f:
        return [(r["name"], r["task"]) for r in csv.DictReader(f, delimiter="\t")]


def load(path):
    """Label, a float matrix (text columns as codes of their sorted categories, missing as NaN), which columns
    are text, and each text column's number of categories, as reference.py's pandas categoricals give them."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    cols = list(zip(*rows[1:]))
    y = np.array([float(v) for v in cols[0]])
    X, is_text, levels = [], [], []
    for col in cols[1:]:
        try:
            X.append([math.nan if v in NA else float(v) for v in col]); is_text.append(False); levels.append(0)
        except ValueError:
            cats = sorted({v for v in col if v not in NA})
            code = {c: i for i, c in enumerate(cats)}
            X.append([math.nan if v in NA else code[v] for v in col]); is_text.append(True); levels.append(len(cats))
    return y, np.array(X, dtype=float).T, is_text, levels


def score(task, y, p):
    from sklearn.metrics import roc_auc_score
    if task == "binary": return roc_auc_score(y, p)
    if task == "multiclass": return float(np.mean(p == y))
    return float(np.sqrt(np.mean((y - p) ** 2)))


def peers(folder, out):
    import sklearn, xgboost as xgb
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    with open(out, "w") as f:
        f.write("set\ttask\tmodel\tmetric\tmean\tfolds\n")
        for name, task in tasks(folder):
            path = os.path.join(folder, name + ".train.csv")
            y, X, is_text, levels = load(path)
            fold = boreal_folds(path, task)
            mask = [t and n <= 255 for t, n in zip(is_text, levels)]
            kw = dict(max_iter=ROUNDS, learning_rate=RATE, max_leaf_nodes=LEAVES, early_stopping=False, random_state=0,
                      categorical_features=mask if any(mask) else None)
            obj = {"regression": "reg:squarederror", "binary": "binary:logistic", "multiclass": "multi:softprob"}[task]
            params = dict(objective=obj, tree_method="hist", max_leaves=LEAVES, max_depth=0, grow_policy="lossguide",
                          eta=RATE, nthread=THREADS, max_cat_to_onehot=4)
            if task == "multiclass": params["num_class"] = int(y.max()) + 1
            types = ["c" if t else "q" for t in is_text]
            got = {"sklearn-hgb-" + sklearn.__version__: [], "xgboost-" + xgb.__version__: []}
            for k in range(K):
                tr, te = fold != k, fold == k
                if task == "regression":
                    p = HistGradientBoostingRegressor(**kw).fit(X[tr], y[tr]).predict(X[te])
                else:
                    m = HistGradientBoostingClassifier(**kw).fit(X[tr], y[tr]); p = m.predict_proba(X[te])
                    p = p[:, 1] if task == "binary" else m.classes_[p.argmax(1)]
                got["sklearn-hgb-" + sklearn.__version__].append(score(task, y[te], p))
                dm = lambda rows: xgb.DMatrix(X[rows], y[rows], feature_types=types, enable_categorical=True)
                p = xgb.train(params, dm(tr), ROUNDS).predict(dm(te))
                got["xgboost-" + xgb.__version__].append(score(task, y[te], p.argmax(1) if task == "multiclass" else p))
            for model, values in got.items():
                f.write(f"{name}\t{task}\t{model}\t{METRIC[task]}\t{np.mean(values):.6f}\t"
                        + ",".join(f"{v:.6f}" for v in values) + "\n")
                print(name, model, f"{np.mean(values):.5f}", flush=True)


def boreal_one(folder, name, task, extra):
    metric = {"binary": "auc", "multiclass": "multi_error", "regression": "rmse"}[task]
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "cv.json")
        cmd = [LAUNCHER, "cv", "--data", os.path.join(folder, name + ".train.csv"), "--label", "label",
               "--objective", task, "--folds", str(K), "--seed", str(SEED), "--rounds", str(ROUNDS),
               "--learning-rate", str(RATE), "--num-leaves", str(LEAVES), "--threads", str(THREADS),
               "--metric", metric, "--log-every", str(ROUNDS), "--json", js]
        for p in extra: cmd += ["-p", p]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        values = json.load(open(js))["best"][metric]["folds"]
    if task == "multiclass": values = [1 - v for v in values]
    return values


def boreal(folder, out, extra):
    sets = tasks(folder)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda s: boreal_one(folder, s[0], s[1], extra), sets))
    with open(out, "w") as f:
        f.write("set\ttask\tmodel\tmetric\tmean\tfolds\n")
        for (name, task), values in zip(sets, results):
            f.write(f"{name}\t{task}\tboreal {' '.join(extra) or 'defaults'}\t{METRIC[task]}\t{np.mean(values):.6f}\t"
                    + ",".join(f"{v:.6f}" for v in values) + "\n")


def read(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def gap(value, best, metric):
    return (value - best) / best if metric == "rmse" else (best - value) / best


def report(peer_file, boreal_files):
    best = {}
    for r in read(peer_file):
        m, v = r["metric"], float(r["mean"])
        if r["set"] not in best or (v < best[r["set"]][0] if m == "rmse" else v > best[r["set"]][0]):
            best[r["set"]] = (v, r["model"], m)
    runs = [read(b) for b in boreal_files]
    print("configurations:")
    for i, run in enumerate(runs): print(f"  [{i}] {run[0]['model']}")
    print(f"{'set':<11} {'metric':<9} {'best peer':>10} {'by':<18}" + "".join(f" {f'[{i}]':>9} {'gap':>7}" for i in range(len(runs))))
    gaps = [[] for _ in runs]
    for j, r0 in enumerate(runs[0]):
        s = r0["set"]; b, by, m = best[s]
        line = f"{s:<11} {m:<9} {b:>10.5g} {by:<18}"
        for i, run in enumerate(runs):
            v = float(run[j]["mean"]); g = gap(v, b, m); gaps[i].append((g, s))
            line += f" {v:>9.5g} {100 * g:>+6.2f}%"
        print(line)
    for i, g in enumerate(gaps):
        worst = max(g)
        print(f"[{i}] median gap {100 * statistics.median(x for x, _ in g):+.2f}%, mean {100 * statistics.mean(x for x, _ in g):+.2f}%, "
              f"worst {100 * worst[0]:+.2f}% ({worst[1]}), within 1%: {sum(x <= 0.01 for x, _ in g)} of {len(g)}")


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    if what == "peers": peers(args[0], args[1])
    elif what == "boreal": boreal(args[0], args[1], [a for a in args[2:] if a != "-p"])
    elif what == "report": report(args[0], args[1:])
    else: sys.exit(__doc__)
