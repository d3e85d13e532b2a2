#!/usr/bin/env bash
# Sets everything up, then runs every suite (vitest: unit + protocol; pytest:
# jupyter_kernel_test and Jupyter tool compatibility; end-to-end: JupyterLab in
# headless Chromium) and prints one summary,
# whose last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

mkdir -p test/artifacts
rm -f test/artifacts/vitest.json test/artifacts/pytest.xml test/artifacts/e2e.json
status=0

echo "==> vitest (unit and protocol tests against the real kernel)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test/artifacts/vitest.json || status=1

echo "==> pytest (jupyter_kernel_test, Jupyter tools)"
.venv/bin/python -m pytest test/python -q --junitxml=test/artifacts/pytest.xml
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 5 ]; then status=1; fi

echo "==> end-to-end (JupyterLab + Chromium)"
npx vitest run -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test/artifacts/e2e.json || status=1

node test/summary.mjs test/artifacts/vitest.json test/artifacts/pytest.xml test/artifacts/e2e.json || status=1
exit $status
