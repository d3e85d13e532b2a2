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

step "build the kernel (tsc, then the start-up bundles with esbuild)"
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

step "build the JupyterLab extension and install tsml_jupyterlab (panels + papermill translator) into the venv"
# The venv lives inside this repo, whose package.json says "type": "module"; the CommonJS scripts that
# JupyterLab ships (its yarn.js) would then load as ES modules and fail.
echo '{"type": "commonjs"}' > .venv/package.json
want=$(find extension/src extension/style extension/package.json extension/tsconfig.json extension/pyproject.toml \
  extension/install.json extension/settings extension/tsml_jupyterlab kernel/src \
  -path extension/tsml_jupyterlab/labextension -prune -o -type f ! -name '*.pyc' -print | sort | xargs cat | sha256sum | cut -c1-16)
if [ ! -f .venv/.tsml-ext-stamp ] || [ "$(cat .venv/.tsml-ext-stamp)" != "$want" ] \
  || [ ! -f extension/tsml_jupyterlab/labextension/static/style.js ]; then
  rm -rf extension/tsml_jupyterlab/labextension
  PATH="$ROOT/.venv/bin:$PATH" npm run build:labextension --silent -w extension
  # Installed as a wheel (not editable) so the labextension lands in the venv's share/jupyter, as a user's pip install does.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps --force-reinstall ./extension
  echo "$want" > .venv/.tsml-ext-stamp
fi
# Read the listing whole first: `grep -q` stops reading early, and with pipefail the writer's SIGPIPE fails the step.
extensions=$(.venv/bin/jupyter labextension list 2>&1)
grep -q '@tsml/jupyterlab.*enabled.*OK' <<<"$extensions" || { echo "the @tsml/jupyterlab labextension is not enabled in the venv's JupyterLab: $extensions" >&2; false; }

step "install the tsml kernelspec into the venv"
node kernel/bin/tsml.js install --sys-prefix --python .venv/bin/python >/dev/null
kernels=$(.venv/bin/jupyter kernelspec list)
grep -q '^ *tsml ' <<<"$kernels" || { echo "kernelspec tsml not visible to jupyter: $kernels" >&2; false; }

step "install Chromium for the end-to-end tests (apt: chromium, fonts-dejavu-core)"
# Debian's chromium, not Playwright's download: it comes from apt, which this machine can reach.
# The fixed font keeps reference screenshots stable from one machine to the next.
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  { command -v apt-get >/dev/null \
      && $SUDO apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } || {
    echo "Could not install Chromium with apt-get (needed by the end-to-end tests in test/e2e)." >&2
    echo "Install it by hand: apt-get install -y --no-install-recommends chromium fonts-dejavu-core" >&2
    false
  }
fi
# Debian's launcher script prints shell noise on some machines; show it only when the check fails.
out=$(/usr/bin/chromium --version 2>&1) || { echo "$out" >&2; echo "/usr/bin/chromium is installed but does not run" >&2; false; }

echo "==> setup complete ($ROOT)"
