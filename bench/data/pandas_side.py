"""pandas side of bench/data: writes the fixture (once) and times the same operations as run.mjs."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pytime import median  # noqa: E402

out = Path(sys.argv[1])
rows = int(sys.argv[2])
repeats = int(sys.argv[3])
csv, parquet = out / f"bench-{rows}.csv", out / f"bench-{rows}.parquet"
if not csv.exists() or not parquet.exists():
    rng = np.random.default_rng(7)
    df = pd.DataFrame({
        **{f"x{i}": rng.normal(size=rows).round(6) for i in range(6)},
        "count": rng.integers(0, 1000, size=rows),
        "ratio": np.where(rng.random(rows) < 0.05, np.nan, rng.random(rows).round(4)),
        "city": rng.choice(["Oslo", "Rome", "Lima", "Kyiv", "Pune", "Accra"], size=rows),
        "tag": np.char.add("t", rng.integers(0, 500, size=rows).astype(str)),
    })
    df.to_csv(csv, index=False)
    df.to_parquet(parquet, index=False, engine="pyarrow")


def best(fn):
    return median(fn, repeats)


frame = pd.read_csv(csv)
result = {
    "read_csv": best(lambda: pd.read_csv(csv)),
    "read_parquet": best(lambda: pd.read_parquet(parquet, engine="pyarrow")),
    "describe": best(lambda: frame.describe()),
    "get_dummies": best(lambda: pd.get_dummies(frame["city"])),
}
result["parquet_plus_describe"] = best(lambda: pd.read_parquet(parquet, engine="pyarrow").describe())
print(json.dumps({"pandas": pd.__version__, "times": result}))
