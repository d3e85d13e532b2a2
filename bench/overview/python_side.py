"""Python side of bench/overview: writes the fixture (once, seeded) and times pandas describe() and
facets-overview's GenericFeatureStatisticsGenerator on the same table.

Usage: python python_side.py OUT_DIR ROWS REPEATS [--write-only] [--read] [--facets-rows N]
  → prints JSON {parquet, times, peakRssMiB, versions} on stdout.
--write-only: write the fixture if absent and stop (the streaming bench measures tsml before Python
runs, so Python's memory is not in the way). --read: also time pd.read_parquet, the cost a pandas
user pays before describe() on data that lives on disk. --facets-rows N: run Facets' generator on
the first N rows only (it keeps and sorts every distinct value; see BENCHMARKS.md).
Facets' ProtoFromDataFrames is run as its own code does it, with `Series.to_numpy()` in place of the
`Series.ravel()` that pandas 3 removed (see test/stats/facets_oracle.py)."""
import argparse
import json
import resource
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pytime import median  # noqa: E402

warnings.simplefilter("ignore")
ap = argparse.ArgumentParser()
ap.add_argument("out", type=Path)
ap.add_argument("rows", type=int)
ap.add_argument("repeats", type=int)
ap.add_argument("--write-only", action="store_true")
ap.add_argument("--read", action="store_true")
ap.add_argument("--facets-rows", type=int)
args = ap.parse_args()
rows = args.rows
parquet = args.out / f"overview-{rows}.parquet"
if not parquet.exists():
    rng = np.random.default_rng(11)
    cities = np.array([f"city-{i}" for i in range(50)], dtype=object)
    df = pd.DataFrame({
        "x": rng.normal(size=rows),
        "age": rng.integers(18, 91, size=rows),
        "income": np.where(rng.random(rows) < 0.02, np.nan, np.exp(rng.normal(10, 1, size=rows))),
        "score": np.where(rng.random(rows) < 0.01, np.nan, rng.random(rows) * 100),
        "visits": np.where(rng.random(rows) < 0.3, 0, rng.integers(1, 50, size=rows)),
        "city": pd.Series(rng.choice(cities, size=rows), dtype=object),
        "grade": pd.Series(np.where(rng.random(rows) < 0.05, None, rng.choice(np.array(list("ABCDE"), dtype=object), size=rows)), dtype=object),
        "name": pd.Series([f"user-{i:07d}" for i in rng.permutation(rows)], dtype=object),
        "zip": pd.Series(np.char.add("z", rng.integers(0, 10_000, size=rows).astype(str)).astype(object), dtype=object),
        "flag": pd.Series(rng.choice(np.array(["yes", "no"], dtype=object), size=rows), dtype=object),
    })
    # Row groups of 1 M rows: the unit the streaming reader decodes at a time.
    df.to_parquet(parquet, index=False, engine="pyarrow", row_group_size=1_000_000)
    del df
if args.write_only:
    json.dump({"parquet": str(parquet)}, sys.stdout)
    sys.exit(0)

from facets_overview.generic_feature_statistics_generator import GenericFeatureStatisticsGenerator  # noqa: E402


def load():
    df = pd.read_parquet(parquet)
    for c in df.columns:
        if not pd.api.types.is_numeric_dtype(df[c]):
            df[c] = df[c].astype(object)
    return df


times = {}
t0 = time.perf_counter()
df = load()
if args.read:
    times["read"] = time.perf_counter() - t0


def facets(frame):
    gen = GenericFeatureStatisticsGenerator()
    entries = {c: gen.NdarrayToEntry(frame[c].to_numpy()) for c in frame}
    return gen.GetDatasetsProto([{"entries": entries, "size": len(frame), "name": "data"}])


times["describe"] = median(lambda: df.describe(include="all"), args.repeats)
facets_rows = min(args.facets_rows or rows, rows)
times["facets"] = median(lambda: facets(df if facets_rows == rows else df.iloc[:facets_rows]), 1)
json.dump({
    "parquet": str(parquet),
    "times": times,
    "facetsRows": facets_rows,
    # ru_maxrss is in KiB on Linux: the Python process's peak, data frame included.
    "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "versions": {k: version(k) for k in ["pandas", "numpy", "pyarrow", "facets-overview", "protobuf"]},
}, sys.stdout)
