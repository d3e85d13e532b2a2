"""Computes, with pandas and pyarrow, what tsml's table loaders and verbs must produce.

Usage: python pandas_oracle.py DIR  (reads DIR/*.csv written by the vitest test, writes DIR/expected.json
and DIR/written.parquet / DIR/written.arrow for the readers to read back)."""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq

d = Path(sys.argv[1])


def clean(v):
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v


def col(s):
    return [clean(v) for v in s.tolist()]


out = {}
mixed = pd.read_csv(d / "mixed.csv", na_values=["?"])
out["mixed"] = {c: col(mixed[c]) for c in mixed.columns}
out["bom"] = {c: col(v) for c, v in pd.read_csv(d / "bom.csv").items()}
out["latin1"] = {c: col(v) for c, v in pd.read_csv(d / "latin1.csv", encoding="latin1").items()}

desc = mixed.describe()
out["describe"] = {c: {k: clean(desc[c][k]) for k in desc.index} for c in desc.columns}
desc_all = mixed.describe(include="all")
out["describe_all_city"] = {k: clean(desc_all["city"][k]) for k in ["count", "unique", "top", "freq"]}
out["value_counts"] = {str(k): int(v) for k, v in mixed["city"].value_counts().items()}
out["isna"] = {c: int(v) for c, v in mixed.isna().sum().items()}
out["fillna_median_age"] = col(mixed["age"].fillna(mixed["age"].median()))
out["fillna_mode_city"] = col(mixed["city"].fillna(mixed["city"].mode()[0]))
out["ffill_score"] = col(mixed["score"].ffill())
dummies = pd.get_dummies(mixed[["city"]], dtype=int)
out["dummies"] = {c: col(dummies[c]) for c in dummies.columns}
dummies_first = pd.get_dummies(mixed[["city"]], dtype=int, drop_first=True)
out["dummies_first"] = list(dummies_first.columns)
ct = pd.crosstab(mixed["city"], mixed["grade"])
out["crosstab"] = {str(c): {str(i): int(ct.loc[i, c]) for i in ct.index} for c in ct.columns}
out["cut"] = [None if pd.isna(v) else str(v) for v in pd.cut(mixed["age"], 4)]
out["qcut"] = [None if pd.isna(v) else str(v) for v in pd.qcut(mixed["score"], 3)]
corr = mixed[["age", "score", "income"]].corr()
out["corr"] = {c: {i: clean(corr.loc[i, c]) for i in corr.index} for c in corr.columns}
spear = mixed[["age", "score", "income"]].corr(method="spearman")
out["spearman"] = {c: {i: clean(spear.loc[i, c]) for i in spear.index} for c in spear.columns}
ages = mixed["age"].dropna()
out["dropna_rows"] = int(len(mixed.dropna()))
out["dropna_subset_rows"] = int(len(mixed.dropna(subset=["age"])))
out["minmax_age"] = col((mixed["age"] - ages.min()) / (ages.max() - ages.min()))
out["standard_age_ddof1"] = col((mixed["age"] - ages.mean()) / ages.std())

# Files written by another tool, for the Arrow and Parquet readers.
table = pa.table({
    "i": pa.array([1, 2, None, 4], type=pa.int32()),
    "f": pa.array([0.5, None, 2.25, -1e300]),
    "s": pa.array(["a", "b", None, "ünï"]),
    "b": pa.array([True, False, None, True]),
})
pq.write_table(table, d / "written.parquet")
feather.write_feather(table, d / "written.arrow", compression="uncompressed")
out["written"] = {c: table.column(c).to_pylist() for c in table.column_names}

# A larger Parquet file (several row groups, nulls, int64 and int32) for describe() on Arrow columns.
rng = np.random.default_rng(3)
n = 50_000
big = pa.table({
    "x": pa.array(np.where(rng.random(n) < 0.1, np.nan, rng.normal(size=n)), from_pandas=True),
    "i64": pa.array(rng.integers(-(2**40), 2**40, size=n), type=pa.int64()),
    "i32": pa.array([None if k % 7 == 0 else int(v) for k, v in enumerate(rng.integers(0, 100, size=n))], type=pa.int32()),
    "f32": pa.array(rng.normal(size=n).astype(np.float32)),
    "s": pa.array(rng.choice(["a", "b", "c"], size=n)),
})
pq.write_table(big, d / "big.parquet", row_group_size=12_000)
big_desc = pq.read_table(d / "big.parquet").to_pandas().describe(percentiles=[0.1, 0.25, 0.5, 0.75, 0.99])
out["describe_big"] = {c: {k: clean(big_desc[c][k]) for k in big_desc.index} for c in big_desc.columns}

(d / "expected.json").write_text(json.dumps(out))
