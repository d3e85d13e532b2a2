/**
 * A real JupyterLab server from the project's .venv, isolated from the user's Jupyter setup:
 * its own config, runtime and data dirs in a temp dir, so user settings, workspaces and
 * kernels of the person running the tests play no part. The venv's sys-prefix stays on
 * Jupyter's search path (jupyter_core always adds it), which is where setup installs the
 * tsml kernelspec and where Python packages put their labextensions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const JUPYTER = join(REPO, '.venv', 'bin', 'jupyter');

export interface LabServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly token: string;
  /** The server's root_dir: notebooks written here are what Lab opens. */
  readonly rootDir: string;
  readonly process: ChildProcess;
  /** The server's stdout and stderr so far, for failure messages. */
  log(): string;
  /** GET/PUT/POST against the server's REST API, authenticated with the token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Shuts the server and its kernels down; safe to call twice and after a failed start. */
  stop(): Promise<void>;
}

export interface LabServerOptions {
  /** How long to wait for /api/status to answer (ms). */
  startTimeoutMs?: number;
  /** Extra `--Trait=value` arguments for `jupyter lab`. */
  extraArgs?: string[];
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startLabServer(opts: LabServerOptions = {}): Promise<LabServer> {
  if (!existsSync(JUPYTER)) {
    throw new Error(`${JUPYTER} is missing: run \`bash scripts/setup.sh\` first`);
  }
  const base = mkdtempSync(join(tmpdir(), 'tsml-e2e-lab-'));
  const dirs = { root: join(base, 'root'), config: join(base, 'config'), runtime: join(base, 'runtime'), data: join(base, 'data') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const port = await freeLoopbackPort();
  const token = randomBytes(24).toString('hex');
  const url = `http://127.0.0.1:${port}`;

  const args = [
    'lab', '--no-browser',
    `--ServerApp.ip=127.0.0.1`, `--ServerApp.port=${port}`,
    // A port taken between our probe and the bind must fail loudly, not move silently.
    '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${dirs.root}`,
    // Nothing may reach the network: no news feed, no update check, no PyPI extension search.
    '--LabApp.news_url=None',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    '--LabApp.extension_manager=readonly',
    // window.jupyterapp lets tests run the same commands the menus run and wait on their promises.
    '--LabApp.expose_app_in_browser=True',
    // Notebook 7 pages (same server) expose their app too, for test/e2e/notebook7.test.ts.
    '--JupyterNotebookApp.expose_app_in_browser=True',
    // CI containers run as root; the server refuses that unless told.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    ...(opts.extraArgs ?? []),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    JUPYTER_DATA_DIR: dirs.data,
    // A JUPYTER_PATH from the caller's shell could shadow the venv's tsml kernelspec.
    JUPYTER_PATH: '',
    JUPYTER_PLATFORM_DIRS: '1',
    // Kernels write their REPL history somewhere harmless.
    TSML_HISTORY_FILE: join(base, 'history.jsonl'),
  };
  // Own process group, so teardown can reach the server and anything it spawned in that group.
  const child = spawn(JUPYTER, args, { cwd: dirs.root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b: Buffer) => { output = (output + b.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exitedP = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));

  // Last resort if the test process dies without running teardown (worker killed, timeout).
  const killGroup = (sig: NodeJS.Signals) => { try { process.kill(-child.pid!, sig); } catch { /* gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const api = (path: string, init: RequestInit = {}) =>
    fetch(url + path, { ...init, headers: { Authorization: `token ${token}`, ...(init.headers ?? {}) } });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    if (!exited) {
      // Kernels live in their own sessions (jupyter_client starts them with setsid), so a group
      // kill would orphan them; asking the server to shut down stops its kernels first.
      try { await api('/api/shutdown', { method: 'POST', signal: AbortSignal.timeout(5_000) }); } catch { /* fall through */ }
      await Promise.race([exitedP, sleep(10_000)]);
    }
    if (!exited) {
      killGroup('SIGTERM');
      await Promise.race([exitedP, sleep(5_000)]);
    }
    if (!exited) {
      killGroup('SIGKILL');
      await exitedP;
    }
    rmSync(base, { recursive: true, force: true });
  };

  const server: LabServer = { url, token, rootDir: dirs.root, process: child, log: () => output, api, stop };
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited) throw new Error(`jupyter lab exited during start (code ${child.exitCode})`);
      if (Date.now() > deadline) throw new Error('jupyter lab did not answer /api/status in time');
      try {
        const res = await api('/api/status', { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
      } catch { /* not listening yet */ }
      await sleep(200);
    }
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- jupyter lab output ---\n${output}`);
  }
  return server;
}
