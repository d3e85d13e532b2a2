#!/usr/bin/env bash
# Sets everything up, then opens JupyterLab on the course notebooks with the tsml kernel.
# Extra arguments go to `jupyter lab` (e.g. --no-browser --port 8899).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Containers often run as root, which JupyterLab refuses without --allow-root.
extra=()
if [ "$(id -u)" = 0 ]; then extra+=(--allow-root); fi
exec .venv/bin/jupyter lab --notebook-dir=notebooks "${extra[@]}" "$@"
