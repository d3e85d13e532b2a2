"""Compressed Arrow IPC and multi-column Parquet files written by pyarrow, for tsml's readers.

Usage: python arrow_files.py DIR  (writes the files and DIR/arrow_expected.json with every column's values).
"""
import json
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

d = Path(sys.argv[1])
rng = np.random.default_rng(7)
n = 120_000  # several 64 KiB LZ4 blocks per buffer, linked as pyarrow writes them
words = ["alpha", "beta", "gamma", "delta", "épsilon"]
table = pa.table({
    "id": pa.array(np.arange(n), type=pa.int64()),
    "x": pa.array([None if k % 97 == 0 else float(v) for k, v in enumerate(rng.normal(size=n))]),
    "small": pa.array(rng.integers(0, 50, size=n), type=pa.int32()),
    "word": pa.array([None if k % 31 == 0 else words[v] for k, v in enumerate(rng.integers(0, 5, size=n))]),
    "cat": pa.array([words[k % 3] for k in range(n)]).dictionary_encode(),
    "flag": pa.array(rng.random(n) < 0.25),
    "big": pa.array(rng.integers(0, 2**40, size=n), type=pa.int64()),
})

feather.write_feather(table, d / "lz4.feather")  # pyarrow's default: LZ4_FRAME
feather.write_feather(table, d / "zstd.feather", compression="zstd")
feather.write_feather(table, d / "plain.feather", compression="uncompressed")
for codec in ["lz4", "zstd"]:
    options = ipc.IpcWriteOptions(compression=codec)
    with ipc.new_stream(d / f"{codec}.arrows", table.schema, options=options) as w:
        for batch in table.to_batches(max_chunksize=40_000):
            w.write_batch(batch)
pq.write_table(table, d / "wide.parquet", row_group_size=50_000)

# The codecs really compressed the bodies.
for name in ["lz4.feather", "zstd.feather", "lz4.arrows", "zstd.arrows"]:
    assert (d / name).stat().st_size < 0.8 * (d / "plain.feather").stat().st_size, name

out = {
    "columns": table.column_names,
    "values": {c: table.column(c).to_pylist() for c in table.column_names},
}
(d / "arrow_expected.json").write_text(json.dumps(out))
