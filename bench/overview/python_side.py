"""Python side of bench/overview: writes the fixture (once, seeded) and times pandas describe() and
facets-overview's GenericFeatureStatisticsGenerator on the same table.

Usage: python python_side.py OUT_DIR ROWS REPEATS  → prints JSON {times, versions} on stdout.
Facets' ProtoFromDataFrames is run as its own code does it, with `Series.to_numpy()` in place of the
`Series.ravel()` that pandas 3 removed (see test/stats/facets_oracle.py)."""
import json
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from facets_overview.generic_feature_statistics_generator import GenericFeatureStatisticsGenerator

warnings.simplefilter("ignore")
out, rows, repeats = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
parquet = out / f"overview-{rows}.parquet"
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
    df.to_parquet(parquet, index=False, engine="pyarrow")

df = pd.read_parquet(parquet)
for c in df.columns:
    if not pd.api.types.is_numeric_dtype(df[c]):
        df[c] = df[c].astype(object)


def median(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def facets():
    gen = GenericFeatureStatisticsGenerator()
    entries = {c: gen.NdarrayToEntry(df[c].to_numpy()) for c in df}
    return gen.GetDatasetsProto([{"entries": entries, "size": len(df), "name": "data"}])


times = {"describe": median(lambda: df.describe(include="all"), repeats), "facets": median(facets, 1)}
json.dump({"times": times, "versions": {k: version(k) for k in ["pandas", "numpy", "facets-overview", "protobuf"]}}, sys.stdout)
