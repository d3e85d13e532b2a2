#!/usr/bin/env bash
# Sets up everything tsml needs, idempotently: Node packages, the build, a check
# that native bindings load, the project's Python venv with pinned tools, and the
# tsml kernelspec inside that venv. Fails loudly, naming the step that failed.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STEP=""
trap 'echo "tsml setup: FAILED at step \"$STEP\" (exit $?). Fix the error above and run the command again." >&2' ERR
step() { STEP="$1"; echo "==> $1"; }

hash_of() { cat "$@" | sha256sum | cut -c1-16; }

step "check Node.js (>= 20.11)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20 || (a===20 && b<11)) { console.error("Node.js 20.11 or newer is required, found " + process.version); process.exit(1) }'

step "install Node packages (npm ci)"
want=$(hash_of package-lock.json)
if [ ! -f node_modules/.tsml-stamp ] || [ "$(cat node_modules/.tsml-stamp)" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.tsml-stamp
fi

step "check native bindings load (zeromq)"
node -e 'const z = require("zeromq"); new z.Dealer().close()' || {
  echo "The zeromq native binding does not load on this machine (Node $(node --version), $(uname -m))." >&2
  false
}

step "build the kernel (tsc)"
npm run build --silent

step "create the Python venv (.venv) with pinned tools"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
want=$(hash_of requirements-dev.txt)
if [ ! -f .venv/.tsml-stamp ] || [ "$(cat .venv/.tsml-stamp)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > .venv/.tsml-stamp
fi

step "install the tsml_jupyterlab Python package (papermill translator) into the venv"
want=$(find extension/pyproject.toml extension/tsml_jupyterlab -type f -name '*.py' -o -name pyproject.toml | sort | xargs cat | sha256sum | cut -c1-16)
if [ ! -f .venv/.tsml-ext-stamp ] || [ "$(cat .venv/.tsml-ext-stamp)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ./extension
  echo "$want" > .venv/.tsml-ext-stamp
fi

step "install the tsml kernelspec into the venv"
node kernel/bin/tsml.js install --sys-prefix --python .venv/bin/python >/dev/null
.venv/bin/jupyter kernelspec list | grep -q '^ *tsml ' || { echo "kernelspec tsml not visible to jupyter" >&2; false; }

echo "==> setup complete ($ROOT)"
