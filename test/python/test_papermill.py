"""papermill runs tsml notebooks with TypeScript parameters, through the real papermill CLI."""
import json
import subprocess
import sys
from pathlib import Path

import nbformat

PAPERMILL = Path(sys.executable).parent / "papermill"


def notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "tsml", "display_name": "TypeScript (tsml)", "language": "typescript"}
    params = nbformat.v4.new_code_cell('const lr: number = 0.1; // learning rate\nconst name = "default";\nconst layers: number[] = [8];')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_code_cell("const before = 1;"),
        params,
        nbformat.v4.new_code_cell("console.log(JSON.stringify({ lr, name, layers, before }))"),
    ]
    nbformat.write(nb, path)


def test_parameters_are_injected_as_typescript(tmp_path):
    src, out = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    notebook(src)
    subprocess.run(
        [str(PAPERMILL), str(src), str(out), "-p", "lr", "0.01", "-p", "name", 'say "hi"', "-y", "layers: [64, 64, 1]"],
        check=True, capture_output=True, text=True, timeout=120,
    )
    nb = nbformat.read(out, as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert nb.cells.index(injected) == 2  # right after the parameters cell
    lines = injected.source.splitlines()
    assert lines[0] == "// Parameters"
    assert sorted(lines[1:]) == ["const layers = [64, 64, 1];", "const lr = 0.01;", 'const name = "say \\"hi\\"";']
    result = nb.cells[-1].outputs[0]["text"]
    assert json.loads(result) == {"lr": 0.01, "name": 'say "hi"', "layers": [64, 64, 1], "before": 1}


def test_help_notebook_lists_typescript_parameters(tmp_path):
    src = tmp_path / "in.ipynb"
    notebook(src)
    r = subprocess.run([str(PAPERMILL), "--help-notebook", str(src)], capture_output=True, text=True, timeout=60)
    assert "lr: number (default 0.1)" in r.stdout and "learning rate" in r.stdout
    assert "layers: number[]" in r.stdout


def test_course_notebook_runs_under_papermill(tmp_path):
    """One course notebook end to end through papermill (CI runs all of them through tsml run)."""
    src = Path(__file__).resolve().parents[2] / "notebooks" / "01-data-and-tensors.ipynb"
    out = tmp_path / "out.ipynb"
    r = subprocess.run([str(PAPERMILL), str(src), str(out), "--cwd", str(src.parent)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    nb = nbformat.read(out, as_version=4)
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    text = "\n".join(str(o.get("data", {}).get("text/plain", o.get("text", ""))) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "test RMSE:" in text and "has a missing value" in text
