#!/usr/bin/python3
"""The README's calibration table: raw vs auto-calibrated test log loss and ECE (15 equal-width bins of the top
class's probability) on the peer example data and the suite's binary and multiclass sets.

Held-out: the model trains on 80% of the training file (seeded split) and `boreal calibrate` fits on the other
20%. Out-of-fold: `train -p calibration=auto` on the whole training file, against the same run without it.
Run from anywhere after building the CLI jar (cli/target/boreal.jar, as ./boreal does):
    /usr/bin/python3 monitor/src/test/resources/calibration/measure.py [--extra DIR] [SET ...] > table.md
It needs ../shared/data beside the checkout and writes its scratch files to $TMPDIR/boreal-calibration.
--extra DIR measures the sets of DIR/tasks.tsv (as make_extra.py writes them) instead of the peers' and suite's.
BOREAL_JAR names another build's jar (to measure a baseline with the same script)."""
import csv, os, subprocess, sys, random, math
import numpy as np

import tempfile
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../../.."))
D = os.path.join(os.path.dirname(ROOT), "shared", "data")
OUT = os.path.join(tempfile.gettempdir(), "boreal-calibration-%d" % os.getpid())
JAR = os.environ.get("BOREAL_JAR", ROOT + "/cli/target/boreal.jar")
os.makedirs(OUT, exist_ok=True)
env = dict(os.environ, BOREAL_CDS="off")

def run(args):
    r = subprocess.run(["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", JAR] + args + ["--threads", "1"], capture_output=True, text=True, env=env)
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

def row_losses(p, y):
    return -np.log(np.clip(p[np.arange(len(y)), y], 1e-15, 1 - 1e-15))

def change(before, after, y):
    """The mean change of the test rows' log loss and its standard error (paired over rows), in %."""
    d = row_losses(after, y) - row_losses(before, y)
    base = row_losses(before, y).mean()
    return 100 * d.mean() / base, 100 * d.std(ddof=1) / math.sqrt(len(d)) / base

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

def noise_ece(p, draws=200, seed=0):
    """The ECE that probabilities p would show on these rows if they were perfectly calibrated: the mean ECE
    against labels drawn from p itself. A raw ECE near it cannot be lowered by 30% measurably."""
    rng = np.random.default_rng(seed)
    cum = np.cumsum(p, axis=1)
    total = 0.0
    for _ in range(draws):
        u = rng.random(len(p))[:, None]
        y = np.minimum((u > cum).sum(axis=1), p.shape[1] - 1)
        total += metrics(p, y)[1]
    return total / draws

def case(name, train, test, opts, header, fmt, objective, k, rounds):
    tr, cal = OUT + "/" + name + ".tr", OUT + "/" + name + ".cal"
    split(train, tr, cal, header)
    y = labels_of(test, header, fmt)
    fmt_opts = opts + (["--format", fmt] if fmt else [])
    m = OUT + "/" + name + ".json"
    run(["train", "--data", tr, "--model", m, "-p", "objective=" + objective, "-p", "num_iterations=%d" % rounds]
        + fmt_opts)
    mc = OUT + "/" + name + ".cal.json"
    p_raw = probs(m, test, fmt_opts, k)
    raw = metrics(p_raw, y)
    noise = noise_ece(p_raw)
    try:
        log = run(["calibrate", "--model", m, "--data", cal, "--model-out", mc] + fmt_opts)
        chosen = [l for l in log.splitlines() if "(chosen)" in l][0].split()[0]
        p_after = probs(mc, test, fmt_opts, k)
        after = metrics(p_after, y)
        held_change = change(p_raw, p_after, y)
    except RuntimeError as e:
        chosen = "refused: " + e.args[0].splitlines()[-1].split(": has ")[-1].split(";")[0]
        after = (float("nan"), float("nan"))
        held_change = (float("nan"), float("nan"))
    # train -p calibration=auto on the whole training file (out-of-fold margins)
    mo = OUT + "/" + name + ".oof.json"
    mfull = OUT + "/" + name + ".full.json"
    run(["train", "--data", train, "--model", mfull, "-p", "objective=" + objective, "-p", "num_iterations=%d" % rounds] + fmt_opts)
    p_full = probs(mfull, test, fmt_opts, k)
    full = metrics(p_full, y)
    try:
        olog = run(["train", "--data", train, "--model", mo, "-p", "objective=" + objective, "-p", "num_iterations=%d" % rounds,
             "-p", "calibration=auto"] + fmt_opts)
        ochosen = [l for l in olog.splitlines() if "chose" in l][0].split("chose ")[1].rstrip(".")
        p_oof = probs(mo, test, fmt_opts, k)
        oof = metrics(p_oof, y)
        oof_change = change(p_full, p_oof, y)
    except RuntimeError as e:
        ochosen = "refused: " + e.args[0].splitlines()[-1][:80]
        oof = (float("nan"), float("nan"))
        oof_change = (float("nan"), float("nan"))
    print("%s: test log loss change held-out %+.2f%% (standard error %.2f%%), out-of-fold %+.2f%% (%.2f%%)"
          % ((name,) + held_change + oof_change), file=sys.stderr, flush=True)
    row = (name, k, len(y), noise, chosen, raw[0], after[0], raw[1], after[1], ochosen, full[0], oof[0], full[1], oof[1])
    print("| %s | %d | %d | %.4f | %s | %.4f | %.4f | %.4f | %.4f | %s | %.4f | %.4f | %.4f | %.4f |" % row, flush=True)

args = sys.argv[1:]
extra = None
if args[:1] == ["--extra"]:
    extra, args = args[1], args[2:]
suite = extra or D + "/suite"
tasks = [l.split("\t") for l in open(suite + "/tasks.tsv").read().splitlines()[1:]]
if not args: print("| set | classes | test rows | ECE noise | held-out: auto chose | raw log loss | calibrated | raw ECE | calibrated ECE | oof: auto chose | raw log loss | calibrated | raw ECE | calibrated ECE |")
if not args: print("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
only = args
peers = [("lightgbm-binary", D + "/lightgbm-binary/binary.train", D + "/lightgbm-binary/binary.test", ["--no-header", "--label", "0"], False, "tsv", "binary", 2),
         ("lightgbm-multiclass", D + "/lightgbm-multiclass/multiclass.train", D + "/lightgbm-multiclass/multiclass.test", ["--no-header", "--label", "0"], False, "tsv", "multiclass", 5),
         ("xgboost-agaricus", D + "/xgboost-agaricus/agaricus.txt.train", D + "/xgboost-agaricus/agaricus.txt.test", [], False, "libsvm", "binary", 2)]
for p in peers:
    if not extra and not only or p[0] in only:
        case(*p, rounds=100)
for name, task, rows, feats, classes in tasks:
    if task in ("binary", "multiclass") and (not only or name in only):
        case(name, suite + "/%s.train.csv" % name, suite + "/%s.test.csv" % name, ["--label", "label"], True, "csv",
             task, int(classes), rounds=300)
