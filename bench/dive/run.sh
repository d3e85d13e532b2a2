#!/usr/bin/env bash
# bench/dive: the Dive panel against jupyter-scatter, in the same JupyterLab and headless Chromium.
# Usage (repo root, after bash scripts/setup.sh): bash bench/dive/run.sh [sizes=100000,1000000]
# Installs the bench/dive section of bench/requirements.txt into .venv-bench (not torch and the
# training bench's packages), writes the Parquet fixtures, then runs bench/dive/panel.e2e.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x .venv-bench/bin/python ]; then python3 -m venv .venv-bench; fi
want=$(sed -n '/^# bench\/dive/,$p' bench/requirements.txt | grep -v '^#' | grep -v '^$')
.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check $want
export DIVE_SIZES=${1:-100000,1000000}
for n in ${DIVE_SIZES//,/ }; do .venv/bin/python bench/dive/fixture.py bench/results/dive "$n" >/dev/null; done
npx vitest run -c bench/dive/vitest.config.ts
