"""Every course notebook runs headless, end to end, on the installed tsml kernel (nbclient)."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    # Cells tagged raises-exception must fail; any other error fails the test.
    NotebookClient(nb, kernel_name="tsml", timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [
        (i, o["ename"])
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]
    tagged = {i for i, c in enumerate(nb.cells) if "raises-exception" in c.get("metadata", {}).get("tags", [])}
    assert {i for i, _ in errors} == tagged, f"unexpected errors: {errors}"
    executed = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in executed)
    nbformat.validate(nb)
    nbformat.write(nb, tmp_path / path.name)


def test_welcome_notebook_outputs():
    nb = nbformat.read(NOTEBOOKS[0].parent / "00-welcome.ipynb", as_version=4)
    NotebookClient(nb, kernel_name="tsml", timeout=120).execute()
    text = "\n".join(
        str(o.get("data", {}).get("text/plain", o.get("text", "")))
        for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "'HELLO FROM TYPESCRIPT'" in text
    assert "[ 84, 6 ]" in text  # re-declared const and state from an earlier cell
    # nbclient folds update_display_data into the saved output: the final state is what reads on GitHub.
    progress = [o for c in nb.cells if "progress.update" in c.source for o in c.outputs if o.output_type == "display_data"]
    assert len(progress) == 1 and 'value="10"' in progress[0].data["text/html"]
    err = next(o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error")
    assert err.ename == "RangeError"
    assert "line 3" in "\n".join(err.traceback)


def test_jupyter_execute_runs_the_welcome_notebook(tmp_path):
    import shutil
    import subprocess
    import sys

    nb = tmp_path / "welcome.ipynb"
    shutil.copy(NOTEBOOKS[0].parent / "00-welcome.ipynb", nb)
    jupyter = Path(sys.executable).parent / "jupyter"
    r = subprocess.run([str(jupyter), "execute", "--inplace", str(nb)], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    out = nbformat.read(nb, as_version=4)
    assert out.cells[2].outputs[0]["data"]["text/plain"] == "'HELLO FROM TYPESCRIPT'"
