"""The GitHub Actions template's notebook step runs as written (matrix values substituted)."""
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_notebook_step_runs_and_writes_junit(tmp_path):
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "notebooks.yml").read_text())
    job = wf["jobs"]["run-notebooks"]
    shards = job["strategy"]["matrix"]["shard"]
    step = next(s for s in job["steps"] if s.get("name") == "Run the notebooks")
    executed = 0
    for shard in shards:
        cmd = step["run"].replace("${{ matrix.shard }}", str(shard))
        # Run from a scratch folder, with the repository's paths made absolute.
        cmd = cmd.replace("node kernel/bin/tsml.js", f"node {ROOT / 'kernel/bin/tsml.js'}").replace("notebooks/", f"{ROOT / 'notebooks'}/")
        r = subprocess.run(cmd, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        report = (tmp_path / "test-results" / f"notebooks-{shard}.xml").read_text()
        assert "<testsuite" in report and "failures=\"0\"" in report
        executed += report.count("<testcase")
    assert executed == len(list((ROOT / "notebooks").glob("*.ipynb")))
    assert (tmp_path / "executed").is_dir()
