"""Runs programs of NumPy legacy random calls and writes what they return, for the
tsml port to compare with bit for bit.

Usage: python numpy_oracle.py DIR. Reads DIR/programs.json:
  [{"id": str, "seed": int | [int], "ops": [{"fn": str, "args": [...], "kwargs": {...}}]}]
Each program runs `np.random.seed(seed)` then each op on the global `np.random`
(the legacy RandomState, as the labs use it). `shuffle` takes {"n": N} and
shuffles np.arange(N). Every result is flattened and appended, as float64 little
endian, to DIR/<id>.f64 (integers are exact: they stay below 2**53)."""
import json
import sys
from pathlib import Path

import numpy as np

d = Path(sys.argv[1])
for prog in json.loads((d / "programs.json").read_text()):
    np.random.seed(prog["seed"])
    parts = []
    for op in prog["ops"]:
        fn, args, kwargs = op["fn"], op.get("args", []), op.get("kwargs", {})
        if fn == "shuffle":
            arr = np.arange(kwargs["n"])
            np.random.shuffle(arr)
            out = arr
        else:
            out = getattr(np.random, fn)(*args, **kwargs)
        parts.append(np.asarray(out, dtype=np.float64).ravel())
    data = np.concatenate(parts) if parts else np.zeros(0)
    (d / f"{prog['id']}.f64").write_bytes(data.astype("<f8").tobytes())

# Correctly rounded natural logs (60 significant digits, then one rounding), for the port's log().
logs = d / "logs.json"
if logs.exists():
    from decimal import Decimal, getcontext

    getcontext().prec = 60
    xs = json.loads(logs.read_text())
    (d / "logs.out.json").write_text(json.dumps([float(Decimal(x).ln()) for x in xs]))
