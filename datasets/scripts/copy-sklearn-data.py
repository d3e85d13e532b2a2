"""Copies the real datasets that scikit-learn's wheel carries into datasets/data/sklearn
(data files, their descriptions, scikit-learn's licence), so that @tsml/datasets loads
them without scikit-learn and without a network. Run with the project's venv:

    .venv/bin/python datasets/scripts/copy-sklearn-data.py
"""
import shutil
from pathlib import Path

import sklearn

src = Path(sklearn.__file__).parent
dist = next(src.parent.glob(f"scikit_learn-{sklearn.__version__}.dist-info"))
out = Path(__file__).resolve().parents[1] / "data" / "sklearn"
out.mkdir(parents=True, exist_ok=True)
for name in ["diabetes_data_raw.csv.gz", "diabetes_target.csv.gz", "digits.csv.gz", "iris.csv", "wine_data.csv", "breast_cancer.csv"]:
    shutil.copy(src / "datasets" / "data" / name, out / name)
for name in ["diabetes.rst", "digits.rst", "iris.rst", "wine_data.rst", "breast_cancer.rst"]:
    shutil.copy(src / "datasets" / "descr" / name, out / name)
shutil.copy(next((dist / "licenses").glob("COPYING*")), out / "LICENSE-scikit-learn.txt")
(out / "VERSION").write_text(f"scikit-learn {sklearn.__version__}\n")
print(f"copied from scikit-learn {sklearn.__version__} into {out}")
