"""The tsml_jupyterlab wheel is the whole install: it carries the prebuilt labextension, and JupyterLab
finds it enabled from nothing but the wheel's files (no `jupyter lab build`)."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

EXTENSION = Path(__file__).resolve().parents[2] / "extension"


def test_wheel_carries_the_prebuilt_labextension_and_lab_enables_it(tmp_path):
    # Built as a user's `pip install` builds it; the labextension is prebuilt by scripts/setup.sh.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-build-isolation", "--no-deps", "-w", str(tmp_path), str(EXTENSION)],
        check=True,
    )
    [wheel] = tmp_path.glob("tsml_jupyterlab-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    share = "tsml_jupyterlab-0.1.0.data/data/share/jupyter/labextensions/@tsml/jupyterlab/"
    assert share + "package.json" in names
    assert share + "install.json" in names
    assert any(n.startswith(share + "static/remoteEntry.") for n in names)
    assert "tsml_jupyterlab/overview.py" in names and "tsml_jupyterlab/papermill.py" in names

    prefix = tmp_path / "prefix"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", "--prefix", str(prefix), str(wheel)], check=True)
    # Only the freshly installed copy is on Jupyter's path: Lab must find it there, enabled and OK.
    env = {**os.environ, "JUPYTER_PATH": str(prefix / "share" / "jupyter"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    out = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter"), "labextension", "list"], env=env, capture_output=True, text=True, check=True
    )
    listing = out.stdout + out.stderr
    # The listing names each labextensions directory, then the extensions found in it.
    section = listing.split(str(prefix / "share" / "jupyter" / "labextensions"), 1)
    assert len(section) == 2, listing
    ours = section[1].split("\n/", 1)[0]
    assert "@tsml/jupyterlab v0.1.0" in ours and "enabled" in ours and "OK" in ours, listing
