#!/usr/bin/python3
"""The README's calibration table: raw vs auto-calibrated test log loss and ECE (15 equal-width bins of the top
class's probability) on the peer example data and the suite's binary and multiclass sets.

Held-out: the model trains on 80% of the training file (seeded split) and `boreal calibrate` fits on the other
20%. Out-of-fold: `train -p calibration=auto` on the whole training file, against the same run without it.
Run from anywhere after building the CLI jar (cli/target/boreal.jar, as ./boreal does):
    /usr/bin/python3 monitor/src/test/resources/calibration/measure.py [SET ...] > table.md
It needs ../shared/data beside the checkout and writes its scratch files to $TMPDIR/boreal-calibration."""
import csv, os, subprocess, sys, random, math
import numpy as np

import tempfile
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../../.."))
D = os.path.join(os.path.dirname(ROOT), "shared", "data")
OUT = os.path.join(tempfile.gettempdir(), "boreal-calibration")
os.makedirs(OUT, exist_ok=True)
env = dict(os.environ, BOREAL_CDS="off")

def run(args):
    r = subprocess.run(["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", ROOT + "/cli/target/boreal.jar"] + args + ["--threads", "1"], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(" ".join(args) + "\n" + r.stderr)
    return r.stdout

def split(src, dst_tr, dst_cal, header, seed=1):
    lines = open(src).read().splitlines()
    head = [lines[0]] if header else []
    body = lines[1:] if header else lines
    rng = random.Random(seed)
    idx = list(range(len(body)))
    rng.shuffle(idx)
    cut = int(len(body) * 0.8)
    with open(dst_tr, "w") as f:
        f.write("\n".join(head + [body[i] for i in sorted(idx[:cut])]) + "\n")
    with open(dst_cal, "w") as f:
        f.write("\n".join(head + [body[i] for i in sorted(idx[cut:])]) + "\n")

def labels_of(path, header, fmt):
    ys = []
    with open(path) as f:
        if header:
            next(f)
        for line in f:
            if not line.strip():
                continue
            first = line.split("\t" if fmt == "tsv" else ("," if fmt == "csv" else " "))[0]
            ys.append(int(float(first.strip('"'))))
    return np.array(ys)

def probs(model, test, opts, k):
    out = OUT + "/pred.csv"
    run(["predict", "--model", model, "--data", test, "--out", out] + opts)
    rows = list(csv.reader(open(out)))[1:]
    a = np.array([[float(v) for v in r[: (1 if k == 2 else k)]] for r in rows])
    return np.column_stack([1 - a[:, 0], a[:, 0]]) if k == 2 else a

def metrics(p, y):
    eps = 1e-15
    ll = -np.mean(np.log(np.clip(p[np.arange(len(y)), y], eps, 1 - eps)))
    conf = p.max(axis=1)
    pred = p.argmax(axis=1)
    bins = np.minimum((conf * 15).astype(int), 14)
    ece = 0.0
    for b in range(15):
        m = bins == b
        if m.any():
            ece += abs((pred[m] == y[m]).sum() - conf[m].sum()) / len(y)
    return ll, ece

def case(name, train, test, opts, header, fmt, objective, k, rounds):
    tr, cal = OUT + "/" + name + ".tr", OUT + "/" + name + ".cal"
    split(train, tr, cal, header)
    y = labels_of(test, header, fmt)
    fmt_opts = opts + (["--format", fmt] if fmt else [])
    m = OUT + "/" + name + ".json"
    run(["train", "--data", tr, "--model", m, "-p", "objective=" + objective, "-p", "num_iterations=%d" % rounds]
        + fmt_opts)
    mc = OUT + "/" + name + ".cal.json"
    raw = metrics(probs(m, test, fmt_opts, k), y)
    try:
        log = run(["calibrate", "--model", m, "--data", cal, "--model-out", mc] + fmt_opts)
        chosen = [l for l in log.splitlines() if "(chosen)" in l][0].split()[0]
        after = metrics(probs(mc, test, fmt_opts, k), y)
    except RuntimeError as e:
        chosen = "refused: " + e.args[0].splitlines()[-1].split(": has ")[-1].split(";")[0]
        after = (float("nan"), float("nan"))
    # train -p calibration=auto on the whole training file (out-of-fold margins)
    mo = OUT + "/" + name + ".oof.json"
    mfull = OUT + "/" + name + ".full.json"
    run(["train", "--data", train, "--model", mfull, "-p", "objective=" + objective, "-p", "num_iterations=%d" % rounds] + fmt_opts)
    full = metrics(probs(mfull, test, fmt_opts, k), y)
    try:
        olog = run(["train", "--data", train, "--model", mo, "-p", "objective=" + objective, "-p", "num_iterations=%d" % rounds,
             "-p", "calibration=auto"] + fmt_opts)
        ochosen = [l for l in olog.splitlines() if "chose" in l][0].split("chose ")[1].rstrip(".")
        oof = metrics(probs(mo, test, fmt_opts, k), y)
    except RuntimeError as e:
        ochosen = "refused: " + e.args[0].splitlines()[-1][:80]
        oof = (float("nan"), float("nan"))
    row = (name, k, chosen, raw[0], after[0], raw[1], after[1], ochosen, full[0], oof[0], full[1], oof[1])
    print("| %s | %d | %s | %.4f | %.4f | %.4f | %.4f | %s | %.4f | %.4f | %.4f | %.4f |" % row, flush=True)

tasks = [l.split("\t") for l in open(D + "/suite/tasks.tsv").read().splitlines()[1:]]
if not sys.argv[1:]: print("| set | classes | held-out: auto chose | raw log loss | calibrated | raw ECE | calibrated ECE | oof: auto chose | raw log loss | calibrated | raw ECE | calibrated ECE |")
if not sys.argv[1:]: print("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
only = sys.argv[1:]
peers = [("lightgbm-binary", D + "/lightgbm-binary/binary.train", D + "/lightgbm-binary/binary.test", ["--no-header", "--label", "0"], False, "tsv", "binary", 2),
         ("lightgbm-multiclass", D + "/lightgbm-multiclass/multiclass.train", D + "/lightgbm-multiclass/multiclass.test", ["--no-header", "--label", "0"], False, "tsv", "multiclass", 5),
         ("xgboost-agaricus", D + "/xgboost-agaricus/agaricus.txt.train", D + "/xgboost-agaricus/agaricus.txt.test", [], False, "libsvm", "binary", 2)]
for p in peers:
    if not only or p[0] in only:
        case(*p, rounds=100)
for name, task, rows, feats, classes in tasks:
    if task in ("binary", "multiclass") and (not only or name in only):
        case(name, D + "/suite/%s.train.csv" % name, D + "/suite/%s.test.csv" % name, ["--label", "label"], True, "csv",
             task, int(classes), rounds=300)
