"""The folds `boreal cv --folds K --seed S` deals (engine FoldDealing with core Rng), ported so that Python peers
train and score on exactly Boreal's folds: stratified by class for binary and multiclass (each class's rows
shuffled, classes end to end in class order, position j to fold j mod K), shuffled rows for regression."""
import numpy as np

M = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
STREAM = 0x666F6C6473  # FoldDealing.STREAM: the fold-shuffling stream, apart from training's


def _finalise(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


class Rng:
    """core Rng: SplitMix64 over a mixed seed and stream (all arithmetic modulo 2^64)."""

    def __init__(self, seed, stream):
        self.state = _finalise((seed * GOLDEN + stream + 0x632BE59BD9B4E5) & M)

    def next_int(self, bound):
        self.state = (self.state + GOLDEN) & M
        return (((_finalise(self.state) >> 33) * bound) >> 31)


def _shuffle(a, rng):
    for i in range(len(a) - 1, 0, -1):
        j = rng.next_int(i + 1)
        a[i], a[j] = a[j], a[i]


def deal(k, seed, labels, stratified):
    """The fold (0..k-1) of every row; labels are class indices 0..K-1 when stratified."""
    n = len(labels)
    rng = Rng(seed & M, STREAM)
    fold = np.empty(n, dtype=int)
    if stratified:
        labels = np.asarray(labels).astype(int)
        position = 0
        for c in range(labels.max() + 1):
            rows = [int(r) for r in np.flatnonzero(labels == c)]
            _shuffle(rows, rng)
            for r in rows:
                fold[r] = position % k
                position += 1
        return fold
    order = list(range(n))
    _shuffle(order, rng)
    for i, r in enumerate(order):
        fold[r] = i % k
    return fold
