"""Parquet files for the streamed-statistics tests, written by pyarrow (seeded) into OUT_DIR.

Usage: python parquet_fixtures.py OUT_DIR → prints the paths as JSON. Small row groups, so every file
is read in several batches; the columns cover what the batch reader and the type rules must handle:
nulls next to NaN and ±Infinity, -0, whole floats, float32 with and without nulls, int64, uint8,
booleans, timestamps, plain / large / dictionary strings with non-ASCII text, a leading byte order
mark, empty strings, columns with nothing but nulls, nulls only in the first row groups."""
import json
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

out = Path(sys.argv[1])
rng = np.random.default_rng(5)


def masked(values, p, dtype=None):
    """values with a fraction p of nulls (Arrow nulls, not NaN)."""
    return pa.array(values, mask=rng.random(len(values)) < p, type=dtype)


def mixed(n=5000):
    f64 = rng.normal(3, 10, n)
    f64[rng.random(n) < 0.03] = np.nan
    f64[rng.choice(n, 4, replace=False)] = [np.inf, -np.inf, np.inf, -0.0]
    f64[rng.random(n) < 0.02] = 0.0
    whole = rng.integers(-50, 50, n).astype("float64")
    words = np.array(["alpha", "beta", "é", "😀 grin", "中文", "", "\ufeffbom", "x" * 40], dtype=object)
    strings = rng.choice(words, n)
    late = rng.normal(size=n)
    ts = (1_600_000_000_000 + rng.integers(0, 10**9, n)).astype("datetime64[ms]")
    inf_only = np.where(rng.random(n) < 0.5, np.inf, np.nan)
    return pa.table({
        "f64": masked(f64, 0.05),
        "f64_whole": masked(whole, 0.1),
        "f64_whole_full": pa.array(whole),
        "i64": pa.array(rng.integers(-10**12, 10**12, n), mask=np.arange(n) >= n - 300),
        "i32": pa.array(rng.integers(-1000, 1000, n).astype("int32")),
        "f32": pa.array(rng.integers(0, 100, n).astype("float32")),
        "f32_nulls": masked(rng.integers(0, 100, n).astype("float32"), 0.1),
        "u8": pa.array(rng.integers(0, 256, n).astype("uint8")),
        "flag": masked(rng.random(n) < 0.3, 0.1),
        "when": masked(ts, 0.05),
        "text": masked(strings, 0.07),
        "large": pa.array(strings, type=pa.large_string()),
        "dict": pa.array(strings).dictionary_encode(),
        "ids": pa.array([f"id-{i:05d}" for i in rng.permutation(n)]),
        "zipf": pa.array([f"z{v}" for v in rng.zipf(1.3, n)]),
        "null_f": pa.nulls(n, pa.float64()),
        "null_s": pa.nulls(n, pa.string()),
        "late": pa.array(late, mask=np.arange(n) < 2200),
        "const": pa.array(np.full(n, 7.25)),
        "inf_only": pa.array(inf_only),
    })


def split(n, seed):
    r = np.random.default_rng(seed)
    train = pa.table({
        "a": pa.array(r.normal(size=n)),
        "b": pa.array(r.choice(np.array(["x", "y", "z"], dtype=object), n)),
        "c": pa.array(r.integers(0, 9, n)),
        "only_train": pa.array(r.random(n)),
    })
    test = pa.table({
        "a": pa.array(r.normal(1, 2, n // 2)),
        "b": pa.array(r.integers(0, 3, n // 2)),  # numbers here, strings in train: the feature is a STRING
        "c": pa.nulls(n // 2, pa.int64()),
    })
    return train, test


def big(n=200_000):
    lognormal = np.exp(rng.normal(0, 1.5, n))
    ties = np.where(rng.random(n) < 0.3, 0, rng.integers(1, 40, n))
    return pa.table({"normal": pa.array(rng.normal(size=n)), "lognormal": pa.array(lognormal), "ties": pa.array(ties)})


paths = {}
for name, table, group in [("mixed", mixed(), 700), ("big", big(), 60_000)]:
    paths[name] = str(out / f"{name}.parquet")
    pq.write_table(table, paths[name], row_group_size=group)
train, test = split(3000, 9)
for name, table in [("train", train), ("test", test)]:
    paths[name] = str(out / f"{name}.parquet")
    pq.write_table(table, paths[name], row_group_size=1000)
json.dump(paths, sys.stdout)
