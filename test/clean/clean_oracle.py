"""What pandas/NumPy, missingno, scikit-learn and PyOD compute on the data tsml's cleaning statistics see.

Reads JSON on stdin: {"columns": {name: [values, null = missing]}, "numeric": [names], "matrix": [names]}
and writes JSON with the oracle's answers (see the keys below)."""
import json
import math
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import missingno as msno  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

warnings.filterwarnings("ignore")
req = json.load(sys.stdin)
df = pd.DataFrame({k: pd.Series(v, dtype="float64" if k in req["numeric"] else "object") for k, v in req["columns"].items()})
out = {}


def num(v):
    v = float(v)
    return None if math.isnan(v) else v


out["missing"] = {c: int(v) for c, v in df.isna().sum().items()}
out["duplicated"] = [int(i) for i in np.flatnonzero(df.duplicated().values)]

# missingno's heatmap: the matrix it draws and the text in each lower-triangle cell.
ax = msno.heatmap(df)
kept = [t.get_text() for t in ax.get_xticklabels()]
out["heatmap_columns"] = kept
corr = df[kept].isnull().corr()
out["heatmap_r"] = [[num(corr.iloc[i, j]) for j in range(len(kept))] for i in range(len(kept))]
out["heatmap_texts"] = [t.get_text() for t in ax.texts]
plt.close("all")
ax = msno.dendrogram(df)
out["dendrogram_order"] = [t.get_text() for t in ax.get_xticklabels()]
plt.close("all")

fences = {}
for c in req["numeric"]:
    s = df[c]
    fin = s[np.isfinite(s)]
    q1, med, q3 = fin.quantile([0.25, 0.5, 0.75])
    iqr = q3 - q1
    lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    mean, std = fin.mean(), fin.std(ddof=0)
    mad = float(np.median(np.abs(fin - med)))
    z = (fin - mean) / std if std > 0 else fin * 0
    mz = 0.6745 * (fin - med) / mad if mad > 0 else fin * 0
    fences[c] = {
        "q1": num(q1), "median": num(med), "q3": num(q3), "lower": num(lo), "upper": num(hi),
        "low": int((s < lo).sum()), "high": int((s > hi).sum()),
        "mean": num(mean), "std": num(std), "z": int((z.abs() > 3).sum()), "mad": num(mad), "madCount": int((mz.abs() > 3.5).sum()),
        "k3": int(((s < q1 - 3 * iqr) | (s > q3 + 3 * iqr)).sum()),
    }
out["fences"] = fences

m = req.get("matrix")
if m:
    from pyod.models.knn import KNN
    from sklearn.ensemble import IsolationForest

    X = np.array(req["matrix"], dtype=float)
    iso = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(X)
    out["iforest"] = [float(-v) for v in iso.score_samples(X)]
    knn = KNN().fit(X)
    out["knn"] = [float(v) for v in knn.decision_scores_]
    out["knn_threshold"] = float(knn.threshold_)
    knn_mean = KNN(method="mean", n_neighbors=7).fit(X)
    out["knn_mean7"] = [float(v) for v in knn_mean.decision_scores_]
json.dump(out, sys.stdout)
