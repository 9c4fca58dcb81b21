#!/usr/bin/python3
"""Writes scikit-learn's bundled classification data sets (no download: they ship with python3-sklearn) as a
seeded, stratified 70/30 train/test split in the suite's layout, so that measure.py can check calibration on
public data outside the suite:
    /usr/bin/python3 monitor/src/test/resources/calibration/make_extra.py DIR
    /usr/bin/python3 monitor/src/test/resources/calibration/measure.py --extra DIR
DIR gets NAME.train.csv, NAME.test.csv (a `label` column first) and tasks.tsv."""
import os, sys
import numpy as np
from sklearn import datasets
from sklearn.model_selection import train_test_split

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
sets = {"breast_cancer": datasets.load_breast_cancer, "digits": datasets.load_digits,
        "wine": datasets.load_wine, "iris": datasets.load_iris}
with open(os.path.join(out, "tasks.tsv"), "w") as tasks:
    tasks.write("name\ttask\trows\tfeatures\tclasses\n")
    for name, load in sets.items():
        x, y = load(return_X_y=True)
        k = len(np.unique(y))
        parts = train_test_split(x, y, test_size=0.3, random_state=0, stratify=y)
        for part, xs, ys in (("train", parts[0], parts[2]), ("test", parts[1], parts[3])):
            with open(os.path.join(out, "%s.%s.csv" % (name, part)), "w") as f:
                f.write(",".join(["label"] + ["f%d" % j for j in range(x.shape[1])]) + "\n")
                for row, label in zip(xs, ys):
                    f.write(",".join([str(int(label))] + [repr(float(v)) for v in row]) + "\n")
        tasks.write("%s\t%s\t%d\t%d\t%d\n" % (name, "binary" if k == 2 else "multiclass", len(y), x.shape[1], k))
