"""Timing shared by the Python sides of the benches (bench/*/python_side.py, bench/data/pandas_side.py).

Import it after putting bench/ on sys.path: sys.path.insert(0, str(Path(__file__).resolve().parents[1]))."""
import time


def median(fn, n):
    """Median wall time of n calls of fn, in seconds: one slow call on a shared machine does not move it."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]
