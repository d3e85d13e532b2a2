"""The map-reduce lab's data, made with scikit-learn exactly as the lab makes it.

Run in the bench venv (bench/requirements.txt has scikit-learn):
    .venv-bench/bin/python notebooks/data/map-reduce/make_data.py
Writes blobs.csv and classification.csv next to this file, each value in
Python's shortest round-trip form, so the notebook reads the same float64s.
(Once @tsml/datasets has NumPy-exact ports of make_blobs/make_classification,
the notebook can make them itself; these files are the same data.)
"""
from pathlib import Path

import sklearn
from sklearn.datasets import make_blobs, make_classification

here = Path(__file__).parent


def write(name, X, y):
    with open(here / name, "w") as f:
        f.write("x0,x1,label\n")
        for (a, b), c in zip(X.tolist(), y.tolist()):
            f.write(f"{a!r},{b!r},{c}\n")


X, y = make_blobs(n_samples=10000, n_features=2, centers=5, random_state=12345)
write("blobs.csv", X, y)
X, y = make_classification(n_samples=10000, n_features=2, n_informative=2, n_redundant=0,
                           n_clusters_per_class=1, random_state=123)
write("classification.csv", X, y)
print(f"scikit-learn {sklearn.__version__}: wrote blobs.csv and classification.csv")
