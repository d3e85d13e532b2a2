"""The Auto-MPG lab exactly as the Keras tutorial writes it, on the rows tsml ships, for several seeds.

Usage: .venv-bench/bin/python bench/training/auto_mpg_keras.py CARS_CSV SEED [SEED ...]
CARS_CSV is tsml.datasets.autoMpg() written as CSV (bench/training/auto_mpg.mjs does it).
Prints one JSON line: per seed the last and best val_mae of the 1,000-epoch fit and the test MAE
of that model (not early-stopped), so notebook 08's figures can be read against Keras' spread.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import keras
import numpy as np
import pandas as pd

dataset = pd.read_csv(sys.argv[1]).dropna()
dataset = pd.get_dummies(dataset, columns=["Origin"], prefix="", prefix_sep="", dtype=float)
train_dataset = dataset.sample(frac=0.8, random_state=0)
test_dataset = dataset.drop(train_dataset.index)
train_labels, test_labels = train_dataset.pop("MPG"), test_dataset.pop("MPG")
train_stats = train_dataset.describe().transpose()
norm = lambda x: (x - train_stats["mean"]) / train_stats["std"]
X, Xt = norm(train_dataset).to_numpy("float32"), norm(test_dataset).to_numpy("float32")
y, yt = train_labels.to_numpy("float32"), test_labels.to_numpy("float32")

out = {"keras": keras.__version__, "backend": keras.backend.backend(), "trainMeanModelYear": float(train_stats["mean"]["ModelYear"]), "runs": {}}
for seed in map(int, sys.argv[2:]):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((X.shape[1],)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=keras.optimizers.RMSprop(0.001), metrics=["mae", "mse"])
    h = model.fit(X, y, epochs=1000, validation_split=0.2, verbose=0).history
    test_mae = float(np.mean(np.abs(model.predict(Xt, verbose=0).ravel() - yt)))
    out["runs"][seed] = {"lastValMae": h["val_mae"][-1], "bestValMae": min(h["val_mae"]), "testMae": test_mae}
print(json.dumps(out))
