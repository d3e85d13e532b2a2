"""PyTorch (CPU) and Keras 3 (JAX backend, CPU) training the same MLP as bench/training/run.mjs.

Usage: .venv-bench/bin/python bench/training/peers.py ROWS EPOCHS BATCH
Prints one JSON line: wall seconds per framework and CPU seconds (all threads of this process: on a shared,
overloaded machine CPU time measures the work, wall time mostly the wait), data made in-process, timed from
the first epoch to the last.
"""
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np

rows, epochs, batch = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
X = rng.normal(size=(rows, 9)).astype(np.float32)
y = (X @ rng.normal(size=(9, 1)) + 0.1 * rng.normal(size=(rows, 1))).astype(np.float32)
out = {}

import torch

# One thread, as tsml's wasm backend: on a shared 2-core machine two OpenMP threads spin against each other
# (measured here: 131 ms per step of this MLP with 2 threads against 0.7 ms with 1).
torch.set_num_threads(1)
model = torch.nn.Sequential(torch.nn.Linear(9, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))
opt = torch.optim.RMSprop(model.parameters(), lr=1e-3)
Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(epochs):
    perm = torch.randperm(rows)
    for s in range(0, rows, batch):
        idx = perm[s:s + batch]
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(Xt[idx]), yt[idx])
        loss.backward()
        opt.step()
out["pytorch"], out["pytorchCpu"] = time.perf_counter() - t0, time.process_time() - c0

import keras

m = keras.Sequential([keras.Input((9,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
m.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="mse", metrics=["mae"])
m.fit(X[:batch], y[:batch], epochs=1, batch_size=batch, verbose=0)  # compile the step outside the timing, as tsml's first step is JIT-warm too
t0, c0 = time.perf_counter(), time.process_time()
m.fit(X, y, epochs=epochs, batch_size=batch, verbose=0)
out["keras"], out["kerasCpu"] = time.perf_counter() - t0, time.process_time() - c0
out["versions"] = {"torch": torch.__version__, "keras": keras.__version__, "backend": keras.backend.backend()}
print(json.dumps(out))
