#!/usr/bin/python3
"""Reference fixtures for the linear probe (nero.core.probe), made with Debian's python3-sklearn.

Writes into src/test/resources/probe/, for each case:
  <case>-features.csv   one training row per line: label, then the D features (float32, shortest repr)
  <case>-expected.json  C, and what scikit-learn's LogisticRegression(C, solver="lbfgs", multinomial) fitted on
                        StandardScaler output of those features gives: coefficients (C x D, standardised space),
                        intercepts (centred: their mean is subtracted, softmax does not depend on it), predictions

The Java test (SklearnReferenceTest) fits the same C on the same features and must agree: predictions equal,
coefficients and intercepts within 1e-3. tools/tests/test_probe_reference.py refits with scikit-learn and checks
that the committed fixtures are still what it gives, so neither side can drift.

  /usr/bin/python3 tools/make_probe_fixtures.py          # rewrite the fixtures
"""
import csv
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "probe")


SEED_OVERLAPPING = 1
SEED_WIDE = 1


def overlapping(rng):
    """150 rows, 6 Gaussian features, 3 classes whose means are close: no class is separable."""
    n, d, classes = 150, 6, 3
    means = rng.normal(0, 1.0, (classes, d))
    labels = np.arange(n) % classes
    x = means[labels] + rng.normal(0, 1.2, (n, d)) * np.array([1, 2, 0.5, 1, 3, 1])
    return x.astype(np.float32), labels, 0.5


def wide(rng):
    """60 rows of 100 ReLU-like features (more features than rows, two of them constant 0), 4 classes."""
    n, d, classes = 60, 100, 4
    mix = rng.normal(0, 1, (8, d))
    centres = rng.normal(0, 0.6, (classes, 8))
    labels = np.arange(n) % classes
    latent = centres[labels] + rng.normal(0, 1, (n, 8))
    x = np.maximum(0, latent @ mix + rng.normal(0, 1.5, (n, d)) + 1.0)
    x[:, 7] = 0
    x[:, 42] = 0
    return x.astype(np.float32), labels, 0.05


# case name -> (generator, seed); each seed was picked so that no row lies within 1e-3 of a tie
CASES = {"overlapping": (overlapping, SEED_OVERLAPPING), "wide": (wide, SEED_WIDE)}


def reference(x, labels, c):
    """scikit-learn's multinomial L2 logistic regression on standardised x, converged far past the defaults."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    z = StandardScaler().fit_transform(x.astype(np.float64))
    model = LogisticRegression(C=c, solver="lbfgs", multi_class="multinomial", tol=1e-12, max_iter=100000)
    model.fit(z, labels)
    logits = model.decision_function(z)
    ordered = np.sort(logits, axis=1)
    return {"C": c,
            "coefficients": model.coef_.tolist(),
            "intercepts": (model.intercept_ - model.intercept_.mean()).tolist(),
            "predictions": model.predict(z).tolist(),
            "smallest_margin": float(np.min(ordered[:, -1] - ordered[:, -2]))}


def read_features(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f)]
    labels = np.array([int(r[0]) for r in rows])
    x = np.array([[np.float32(v) for v in r[1:]] for r in rows], dtype=np.float32)
    return x, labels


def write_case(name):
    generator, seed = CASES[name]
    x, labels, c = generator(np.random.default_rng(seed))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{name}-features.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for label, row in zip(labels, x):
            w.writerow([int(label)] + [np.format_float_positional(v, unique=True, trim="-") for v in row])
    # read back what was written, so that the reference is of exactly the values the Java side parses
    x, labels = read_features(os.path.join(OUT, f"{name}-features.csv"))
    expected = reference(x, labels, c)
    if expected["smallest_margin"] < 1e-3:
        raise SystemExit(f"{name}: a row is within 1e-3 of a tie between two classes; change the seed")
    with open(os.path.join(OUT, f"{name}-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"{name}: {x.shape[0]} rows x {x.shape[1]} features, C = {c}", file=sys.stderr)


def main():
    for name in CASES:
        write_case(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
