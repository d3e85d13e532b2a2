"""The course is whole: every notebook listed in notebooks/README.md exists, every lab notebook
ends with a cell tagged `lab-figures` that can fail, every notebook file is listed, and every
rich output saved in the notebooks carries a static fallback (text/html or an image) besides any
MIME type that GitHub or nbconvert cannot draw (tsml's panels, Vega-Lite, Plotly, widgets)."""
import json
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ROW = re.compile(r"^\|\s*\[(?P<file>[^\]]+\.ipynb)\]\([^)]+\)\s*\|\s*(?P<lab>[^|]*)\|")
# MIME types a static renderer draws by itself.
STATIC = {"text/plain", "text/html", "text/markdown", "text/latex", "image/png", "image/jpeg", "image/svg+xml", "image/gif", "application/pdf"}


def listed():
    rows = [ROW.match(line) for line in (NOTEBOOKS / "README.md").read_text().splitlines()]
    return [(m["file"], m["lab"].strip()) for m in rows if m]


def test_readme_lists_every_notebook_and_only_existing_ones():
    names = [f for f, _ in listed()]
    assert names, "notebooks/README.md has no table of notebooks"
    missing = [f for f in names if not (NOTEBOOKS / f).exists()]
    assert not missing, f"listed in notebooks/README.md but missing: {missing}"
    unlisted = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb") if p.name not in names)
    assert not unlisted, f"notebooks not listed in notebooks/README.md: {unlisted}"


@pytest.mark.parametrize("name,lab", [r for r in listed() if not r[1].startswith("—")], ids=lambda v: v if v.endswith(".ipynb") else "")
def test_lab_notebook_ends_with_an_assertion_cell(name, lab):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert code, f"{name} has no code"
    last = code[-1]
    assert "lab-figures" in last.metadata.get("tags", []), f"{name}: the last code cell is not tagged lab-figures"
    assert re.search(r"\bthrow\b|\bassert\b", last.source), f"{name}: the lab-figures cell cannot fail (no throw)"
    assert last.get("outputs") and not any(o.output_type == "error" for o in last.outputs), f"{name}: saved without a passing lab-figures run"


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_rich_outputs_carry_a_static_fallback(path):
    nb = nbformat.read(path, as_version=4)
    # A widget view's static form is the widget state saved in the notebook (nbconvert and
    # nbviewer render it from there), so it needs its model in that state, not text/html.
    saved = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    bad = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            view = data.get(WIDGET_VIEW)
            if view is not None:
                if view.get("model_id") not in saved:
                    bad.append((i, "widget view without its saved state"))
                continue
            if set(data) - STATIC and not any(k == "text/html" or k.startswith("image/") for k in data):
                bad.append((i, sorted(data)))
    assert not bad, f"{path.name}: outputs without text/html or image/*: {bad}"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_is_valid_nbformat_with_cell_ids(path):
    # nbformat fills missing cell ids in silently today and will refuse them later; a notebook
    # edited by a script must not rely on that.
    raw = json.loads(path.read_text())  # nbformat.reads would add the missing ids itself
    assert (raw["nbformat"], raw["nbformat_minor"]) >= (4, 5), f"{path.name}: nbformat {raw['nbformat']}.{raw['nbformat_minor']}"
    missing = [i for i, c in enumerate(raw["cells"]) if "id" not in c]
    assert not missing, f"{path.name}: cells without an id: {missing}"
    nbformat.validate(nbformat.from_dict(raw))
