"""Binder: the repository's binder/ files build a working environment.

Docker is not available here, so the test does what can be done without it: repo2docker
(--no-build) accepts the repository and writes a Dockerfile that uses binder/environment.yml and
binder/postBuild; then postBuild runs in a throwaway environment (a fresh venv with the
environment's pip packages, a fresh HOME, a copy of the repository), and the JupyterLab server
from that environment lists the tsml kernel and runs the welcome notebook on it.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def pip_packages():
    env = yaml.safe_load((ROOT / "binder" / "environment.yml").read_text())
    return next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))


def test_repo2docker_accepts_the_repository(tmp_path):
    venv = tmp_path / "r2d"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "-q", "jupyter-repo2docker==2026.4.0"], check=True, timeout=300)
    r = subprocess.run(
        [venv / "bin" / "repo2docker", "--no-build", "--debug", "--no-run", str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-3000:]
    assert "binder/environment.yml" in out and "postBuild" in out


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("binder")
    repo = base / "repo"
    # As a fresh clone: no installed packages, builds or built labextension.
    ignore = shutil.ignore_patterns("node_modules", ".venv", ".venv-bench", "dist", "lib", "labextension", "artifacts", "results", "__pycache__", ".git")
    shutil.copytree(ROOT, repo, ignore=ignore)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "-q", *pip_packages()], check=True, timeout=600)
    home = base / "home"
    home.mkdir()
    env = {"PATH": f"{venv / 'bin'}:{os.environ['PATH']}", "HOME": str(home), "VIRTUAL_ENV": str(venv), "LANG": "C.UTF-8"}
    r = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    return repo, venv, env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_postbuild_environment_serves_jupyterlab_with_the_kernel(binder_env):
    repo, venv, env = binder_env
    port = free_port()
    server = subprocess.Popen(
        [venv / "bin" / "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--IdentityProvider.token=binder-test", f"--ServerApp.root_dir={repo}", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        specs = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token=binder-test", timeout=2) as r:
                    specs = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        assert specs and "tsml" in specs["kernelspecs"], specs
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=binder-test", timeout=10) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_postbuild_environment_runs_the_welcome_notebook(binder_env, tmp_path):
    repo, venv, env = binder_env
    out = tmp_path / "welcome.out.ipynb"
    # nbconvert (nbclient) honours the welcome notebook's `raises-exception` cell; papermill stops at it.
    subprocess.run(
        [venv / "bin" / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", str(out), "notebooks/00-welcome.ipynb"],
        cwd=repo, env=env, check=True, capture_output=True, timeout=300,
    )
    nb = nbformat.read(out, as_version=4)
    texts = [o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert "'HELLO FROM TYPESCRIPT'" in texts
