"""What scikit-learn's generators and splitters and pandas' sample return, for the
tsml ports to compare with.

Usage: python sklearn_oracle.py DIR. Reads DIR/cases.json:
  [{"id": str, "fn": "make_blobs" | "make_classification" | "train_test_split" | "sample", "kwargs": {...}}]
and writes, per case, DIR/<id>.X.f64 (rows flattened), DIR/<id>.y.f64 and for
splits and samples DIR/<id>.idx.f64 (train indices then test indices, or the
sampled row labels)."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import make_blobs, make_classification
from sklearn.model_selection import train_test_split

d = Path(sys.argv[1])


def write(name, arr):
    (d / name).write_bytes(np.asarray(arr, dtype="<f8").ravel().tobytes())


for case in json.loads((d / "cases.json").read_text()):
    fn, kw, cid = case["fn"], case["kwargs"], case["id"]
    if fn == "make_blobs":
        X, y = make_blobs(**kw)
        write(f"{cid}.X.f64", X)
        write(f"{cid}.y.f64", y)
    elif fn == "make_classification":
        X, y = make_classification(**kw)
        write(f"{cid}.X.f64", X)
        write(f"{cid}.y.f64", y)
    elif fn == "train_test_split":
        n = kw.pop("n")
        train, test = train_test_split(np.arange(n), **kw)
        write(f"{cid}.idx.f64", np.concatenate([train, test]))
    elif fn == "sample":
        n = kw.pop("n_rows")
        df = pd.DataFrame({"i": np.arange(n)})
        write(f"{cid}.idx.f64", df.sample(**kw).index.to_numpy())
    else:
        raise SystemExit(f"unknown fn {fn}")
