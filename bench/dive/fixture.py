"""Writes the bench/dive fixture: N rows of x, y (float64) and g (4 categories), seeded, as Parquet.

Usage: python fixture.py OUT_DIR N  (prints the file's path; reuses it when present)."""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

out, n = Path(sys.argv[1]), int(sys.argv[2])
path = out / f"dive-{n}.parquet"
if not path.exists():
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    k = rng.integers(0, 4, n)
    x = k + rng.random(n)
    y = np.sin(3 * x) + rng.normal(0, 0.35, n)
    pd.DataFrame({"x": x, "y": y, "g": np.array(list("abcd"))[k]}).to_parquet(path, index=False)
print(path)
