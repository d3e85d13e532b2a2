"""Python side of bench/clean: writes the 1 M × 20 cleaning fixture (seeded, once) and times the pandas /
SciPy / scikit-learn equivalents of tsml's missing-value and outlier statistics on it, and pandas
describe(include='all') on bench/overview's 1 M × 10 file.

Usage: python python_side.py OUT_DIR ROWS REPEATS → JSON {files, times, versions} on stdout."""
import json
import sys
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pytime import median  # noqa: E402

warnings.simplefilter("ignore")
out, rows, repeats = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
clean = out / f"clean-{rows}.parquet"
if not clean.exists():
    rng = np.random.default_rng(14)
    cols = {}
    block = rng.random(rows) < 0.15  # a sensor that was off: columns 0-4 go missing together
    for j in range(20):
        x = rng.normal(50 + j, 5 + j, size=rows)
        x[rng.random(rows) < 0.002] *= 8  # outliers
        if j < 5:
            x[block & (rng.random(rows) < 0.9)] = np.nan
        elif j < 15:
            x[rng.random(rows) < 0.01 * (j - 4)] = np.nan
        cols[f"c{j}"] = x
    pd.DataFrame(cols).to_parquet(clean, index=False, row_group_size=1_000_000)


times = {}
df = pd.read_parquet(clean)
# A millisecond figure: the median of at least 15, as tsml.nullity's in run.mjs.
times["isna_mean"] = median(lambda: df.isna().mean(), max(repeats, 15))


def missingno_like():
    from scipy.cluster import hierarchy

    nulls = df.isnull()
    share = nulls.mean()
    varying = nulls.loc[:, (share > 0) & (share < 1)]
    corr = varying.corr()
    z = hierarchy.linkage(nulls.T.astype(int).values, "average")
    completeness = nulls.shape[1] - nulls.sum(axis=1)
    return share, corr, z, completeness.idxmin(), completeness.idxmax()


times["missingno_like"] = median(missingno_like, repeats)


def outlier_stats():
    q = df.quantile([0.25, 0.5, 0.75])
    iqr = q.loc[0.75] - q.loc[0.25]
    low, high = q.loc[0.25] - 1.5 * iqr, q.loc[0.75] + 1.5 * iqr
    iqr_count = ((df < low) | (df > high)).sum()
    z = ((df - df.mean()) / df.std(ddof=0)).abs() > 3
    mad = (df - q.loc[0.5]).abs().median()
    mz = (0.6745 * (df - q.loc[0.5]) / mad).abs() > 3.5
    return iqr_count, z.sum(), mz.sum()


times["outlier_stats"] = median(outlier_stats, repeats)

from sklearn.ensemble import IsolationForest  # noqa: E402

X = df.iloc[:, 5:15].fillna(df.iloc[:, 5:15].median()).to_numpy()
times["iforest"] = median(lambda: IsolationForest(n_estimators=100, max_samples=256, n_jobs=-1, random_state=0).fit(X).score_samples(X), max(1, repeats // 2))
del df, X

overview = out / f"overview-{rows}.parquet"
ov = pd.read_parquet(overview)
for c in ov.columns:
    if not pd.api.types.is_numeric_dtype(ov[c]):
        ov[c] = ov[c].astype(object)
times["describe_all"] = median(lambda: ov.describe(include="all"), repeats)
json.dump({"files": {"clean": str(clean), "overview": str(overview)}, "times": times, "versions": {k: version(k) for k in ["pandas", "numpy", "scipy", "scikit-learn"]}}, sys.stdout)
