// bench/kernel: tsml against tslab and Deno's Jupyter kernel, in one run, over the real protocol.
//
// Usage (repo root, after `bash scripts/setup.sh`):
//   node bench/kernel/run.mjs [starts=10] [cells=50]
//
// The peers (tslab 1.0.22, deno 2.9.6, pinned in bench/kernel/peers/package.json) are installed from
// npm into bench/kernel/peers/node_modules on first use; that folder is not an npm workspace and is
// git-ignored. A peer that cannot be installed or started is reported as such, the others are still
// measured. Every kernel runs in its own process group, and every group this script started is
// killed on exit, on error, on Ctrl-C and when the run's time budget is spent.
//
// Metrics, per kernel:
//   cold start   spawn -> first kernel_info_reply (kernel_info_request polled on shell), N starts
//                (round-robin across kernels so machine load hits them alike); also, as a supplement,
//                spawn -> iopub `idle` of a first `1+1` cell on the same starts
//   trivial cell execute_request `1+1` -> iopub `status: idle` for it, CELLS runs after 5 warm-ups
//   completion   complete_request `v` and `Math.fl` after 100 cells `const vN = N`, 20 runs each
//   RSS          VmRSS of the kernel process and all its descendants, 1 s after the first
//                kernel_info_reply (and, as a supplement, again at the end of the session)
// Correctness observations are counted, not guessed: execute replies that are not `ok`, the value
// `2` missing from a `1+1` cell's outputs, a first iopub message that is not `status: busy`,
// missing/incorrect `execute_input`, outputs published after the cell's `idle`, requests never
// answered, completion replies lacking the expected matches, messages that fail to verify, and
// kernels that do not exit after `shutdown_request`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as zmq from 'zeromq';
import { Signer, decode, encode, makeHeader } from '../../kernel/dist/protocol/wire.js';

const STARTS = Number(process.argv[2] ?? 10);
const CELLS = Number(process.argv[3] ?? 50);
const WARMUPS = 5;
const DECLS = 100;
const COMPLETIONS = 20;
const ROOT = process.cwd();
// BENCH_KERNEL_PEERS points elsewhere only to exercise the 'peer missing / fails to start' paths.
const PEERS = process.env.BENCH_KERNEL_PEERS ?? join(ROOT, 'bench', 'kernel', 'peers');
const PEER_PINS = { tslab: '1.0.22', deno: '2.9.6' };
const RUN_BUDGET_MS = 9 * 60_000; // hard cap for the whole run (the usual run takes ~1-2 min)
const KERNEL_BUDGET_MS = 150_000; // per-kernel session budget
const TARGETS = {
  coldStart: { max: 400, label: 'cold start < 400 ms' },
  trivialCell: { max: 3, label: 'trivial cell median < 3 ms' },
  completion: { max: 50, label: 'completion < 50 ms on a 100-cell session' },
  rssMb: { max: 120, label: 'RSS after start < 120 MB' },
};

if (!existsSync(join(ROOT, 'kernel', 'bin', 'tsml.js')) || !existsSync(join(ROOT, 'kernel', 'dist'))) {
  console.error('run from the repo root after `bash scripts/setup.sh` (kernel/dist is missing)');
  process.exit(2);
}

// ---------------------------------------------------------------- process bookkeeping and cleanup
const live = new Set(); // ChildProcess objects whose group may still exist
const tmpDirs = new Set();

function descendants(pid) {
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    let kids = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      try {
        kids = execFileSync('pgrep', ['-P', String(p)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      } catch {}
    }
    out.push(...kids);
    stack.push(...kids);
  }
  return out;
}

function killTree(proc) {
  const pids = [proc.pid, ...descendants(proc.pid)];
  try {
    process.kill(-proc.pid, 'SIGKILL'); // the kernel's own process group (spawned detached)
  } catch {}
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL'); // any descendant that left the group
    } catch {}
  }
  live.delete(proc);
}

function cleanup() {
  for (const p of [...live]) killTree(p);
  for (const d of tmpDirs) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {}
  }
  tmpDirs.clear();
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping every kernel this bench started`);
    cleanup();
    process.exit(130);
  });
}
process.on('uncaughtException', (e) => {
  console.error('bench/kernel: uncaught', e);
  cleanup();
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  console.error('bench/kernel: unhandled rejection', e);
  cleanup();
  process.exit(1);
});

const runStart = performance.now();
const partial = { aborted: null };
const watchdog = setTimeout(() => {
  console.error(`bench/kernel: run budget of ${RUN_BUDGET_MS / 1000} s spent; stopping all kernels`);
  partial.aborted = 'run budget spent';
  writeResults();
  cleanup();
  process.exit(1);
}, RUN_BUDGET_MS);
watchdog.unref();

// ---------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs, q) => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
// eslint-disable-next-line no-control-regex
const plain = (s) => String(s ?? '').replace(/\x1b\[[0-9;]*m/g, '').trim(); // Deno colours its text/plain
const stats = (xs) => ({ n: xs.length, median: quantile(xs, 0.5), p90: quantile(xs, 0.9), min: quantile(xs, 0), max: quantile(xs, 1) });
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

// ---------------------------------------------------------------- peers
function ensurePeers() {
  const status = {};
  const tslabOk = () => {
    try {
      return JSON.parse(readFileSync(join(PEERS, 'node_modules', 'tslab', 'package.json'), 'utf8')).version === PEER_PINS.tslab;
    } catch {
      return false;
    }
  };
  const denoBin = join(PEERS, 'node_modules', '.bin', 'deno');
  const denoVersion = () => {
    if (!existsSync(denoBin)) return null;
    const r = spawnSync(denoBin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    return /deno (\S+)/.exec(r.stdout ?? '')?.[1] ?? null;
  };
  if (!tslabOk() || denoVersion() !== PEER_PINS.deno) {
    console.log(`installing peers (tslab@${PEER_PINS.tslab}, deno@${PEER_PINS.deno}) into ${relative(ROOT, PEERS) || PEERS} ...`);
    const r = spawnSync('npm', ['install', '--prefix', PEERS, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: existsSync(PEERS) ? PEERS : ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    if (r.status !== 0) {
      const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-3).join(' / ') || `npm exited ${r.status}`;
      console.log(`npm install of the peers failed: ${why}`);
      status.installError = why;
    }
  }
  status.tslab = tslabOk() ? { ok: true, version: PEER_PINS.tslab } : { ok: false, why: `tslab@${PEER_PINS.tslab} not installed in bench/kernel/peers${status.installError ? ` (${status.installError})` : ''}` };
  const dv = denoVersion();
  status.deno =
    dv === PEER_PINS.deno
      ? { ok: true, version: dv }
      : { ok: false, why: dv ? `deno ${dv} found, ${PEER_PINS.deno} pinned` : `deno@${PEER_PINS.deno} binary not runnable in bench/kernel/peers${status.installError ? ` (${status.installError})` : ''}` };
  return status;
}

const KERNELS = {
  tsml: (conn) => [process.execPath, [join(ROOT, 'kernel', 'bin', 'tsml.js'), 'kernel', conn]],
  // tslab's kernelspec argv: ["tslab", "kernel", "--config-path", "{connection_file}"]
  tslab: (conn) => [process.execPath, [join(PEERS, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', conn]],
  // `deno jupyter --help`: --kernel starts the kernel, --conn names the connection file
  deno: (conn) => [join(PEERS, 'node_modules', '.bin', 'deno'), ['jupyter', '--kernel', '--conn', conn]],
};

// ---------------------------------------------------------------- one kernel with a minimal frontend
class Session {
  constructor(name, obs) {
    this.name = name;
    this.obs = obs; // shared correctness counters for this kernel
    this.cells = []; // every cell run on this session, for audit()
  }

  static async start(name, obs) {
    const s = new Session(name, obs);
    try {
      await s.launch();
    } catch (e) {
      await s.stop(false);
      throw e;
    }
    return s;
  }

  async launch() {
    this.key = 'bench-key';
    this.signer = new Signer(this.key);
    this.dir = mkdtempSync(join(tmpdir(), `bench-${this.name}-`));
    tmpDirs.add(this.dir);
    const ports = await Promise.all([0, 1, 2, 3, 4].map(freePort));
    const conn = { transport: 'tcp', ip: '127.0.0.1', shell_port: ports[0], control_port: ports[1], iopub_port: ports[2], stdin_port: ports[3], hb_port: ports[4], key: this.key, signature_scheme: 'hmac-sha256', kernel_name: this.name };
    const file = join(this.dir, 'conn.json');
    writeFileSync(file, JSON.stringify(conn));
    // ZeroMQ retries a refused connect every 100 ms by default; 5 ms keeps that out of the start-up figure.
    const opts = { linger: 0, reconnectInterval: 5 };
    this.shell = new zmq.Dealer(opts);
    this.control = new zmq.Dealer(opts);
    this.iopub = new zmq.Subscriber(opts);
    this.shell.connect(`tcp://127.0.0.1:${ports[0]}`);
    this.control.connect(`tcp://127.0.0.1:${ports[1]}`);
    this.iopub.connect(`tcp://127.0.0.1:${ports[2]}`);
    this.iopub.subscribe('');
    this.replies = new Map();
    this.iopubLog = [];
    this.waiters = [];
    this.sendChain = Promise.resolve();
    const [cmd, args] = KERNELS[this.name](file);
    this.stderrFile = join(this.dir, 'stderr.log');
    const err = openSync(this.stderrFile, 'w');
    this.t0 = performance.now();
    this.proc = spawn(cmd, args, {
      cwd: this.dir,
      detached: true, // own process group, so the whole tree can be killed
      stdio: ['ignore', 'ignore', err],
      env: { ...process.env, TSML_HISTORY_FILE: join(this.dir, 'h.jsonl'), DENO_NO_UPDATE_CHECK: '1' },
    });
    live.add(this.proc);
    this.exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.once('exit', () => live.delete(this.proc));
    this.proc.once('error', (e) => (this.spawnError = e));
    void this.pumpShell();
    void this.pumpIopub();
    // Cold start: spawn to the first kernel_info_reply. The request is re-sent every 250 ms, as
    // frontends poll a booting kernel; requests queue in the client's pipe until the port accepts.
    const pending = [];
    for (;;) {
      const r = this.request('kernel_info_request', {});
      pending.push(r.reply);
      const first = await Promise.race([Promise.any(pending).catch(() => null), sleep(250).then(() => null), this.exited.then(() => 'exit')]);
      if (first === 'exit' || this.spawnError) throw new Error(`${this.name} exited before answering kernel_info (${this.spawnError?.message ?? `code ${this.proc.exitCode}`}): ${this.stderrTail()}`);
      if (first) {
        this.coldStartMs = performance.now() - this.t0;
        this.kernelInfo = first.content;
        break;
      }
      if (performance.now() - this.t0 > 30_000) throw new Error(`${this.name} did not answer kernel_info within 30 s: ${this.stderrTail()}`);
    }
    for (const id of [...this.replies.keys()]) this.replies.delete(id); // later answers to the polls are dropped
    // Wait until iopub is subscribed (any message arrived), so no output is missed afterwards.
    const deadline = performance.now() + 15_000;
    while (!this.iopubLog.length) {
      if (performance.now() > deadline) throw new Error(`${this.name}: no iopub message within 15 s of kernel_info`);
      await this.request('kernel_info_request', {}, 2000).reply.catch(() => {});
      await sleep(10);
    }
    this.iopubReadyMs = performance.now() - this.t0;
  }

  stderrTail() {
    try {
      return readFileSync(this.stderrFile, 'utf8').trim().split('\n').slice(-3).join(' / ').slice(0, 400) || '(no stderr)';
    } catch {
      return '(no stderr)';
    }
  }

  async pumpShell() {
    for (;;) {
      let frames;
      try {
        frames = await this.shell.receive();
      } catch {
        return; // socket closed
      }
      let m;
      try {
        m = decode(frames, this.signer);
      } catch {
        this.obs.undecodable++;
        continue;
      }
      this.replies.get(m.parent_header.msg_id)?.(m);
    }
  }

  async pumpIopub() {
    for (;;) {
      let frames;
      try {
        frames = await this.iopub.receive();
      } catch {
        return;
      }
      let m;
      try {
        m = decode(frames, this.signer);
      } catch {
        this.obs.undecodable++;
        continue;
      }
      this.iopubLog.push({ at: performance.now(), msg: m });
      for (const w of this.waiters.splice(0)) w();
    }
  }

  request(type, content, timeout = 15_000, socket = this.shell) {
    const header = makeHeader(type, 'bench', 'bench');
    const reply = new Promise((resolve, reject) => {
      const t = setTimeout(() => (this.replies.delete(header.msg_id), reject(new Error(`${type} not answered in ${timeout} ms`))), timeout);
      this.replies.set(header.msg_id, (m) => (clearTimeout(t), this.replies.delete(header.msg_id), resolve(m)));
    });
    reply.catch(() => {}); // callers that care await it
    const frames = encode({ header, parent: {}, content, metadata: {} }, this.signer);
    this.sendChain = this.sendChain.then(() => socket.send(frames)).catch(() => {});
    return { header, reply };
  }

  async idleOf(msgId, timeout = 15_000) {
    const deadline = performance.now() + timeout;
    for (;;) {
      const idle = this.iopubLog.find((e) => e.msg.parent_header.msg_id === msgId && e.msg.content.execution_state === 'idle');
      if (idle) return idle.at;
      if (performance.now() > deadline) return null;
      await new Promise((r) => (this.waiters.push(r), setTimeout(r, 100)));
    }
  }

  /** execute_request to iopub idle, in ms; null when the kernel never went idle for it. */
  async cell(code, expect) {
    const sent = performance.now();
    const r = this.request('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const idleAt = await this.idleOf(r.header.msg_id);
    const reply = await r.reply.catch(() => null);
    this.cells.push({ msgId: r.header.msg_id, code, expect, reply });
    if (idleAt === null) {
      this.obs.noIdle++;
      const around = this.iopubLog.filter((e) => e.at >= sent).map((e) => `${e.msg.header.msg_type}${e.msg.content.execution_state ? `:${e.msg.content.execution_state}` : ''}<-${e.msg.parent_header.msg_type ?? '?'}${e.msg.parent_header.msg_id === r.header.msg_id ? '(this)' : ''}`);
      this.obs.examples.noIdle ??= `${JSON.stringify(code)} (cell ${this.cells.length + 1} of its session; reply ${reply ? reply.content.status : 'none'}); iopub since sent: ${around.join(', ') || 'nothing'}`;
    }
    if (!reply) this.obs.unanswered++;
    return idleAt === null ? null : idleAt - sent;
  }

  /** Counts what the iopub log says about every cell run on this session (call once, at the end). */
  audit() {
    const byParent = new Map();
    for (const e of this.iopubLog) {
      const id = e.msg.parent_header.msg_id;
      if (!byParent.has(id)) byParent.set(id, []);
      byParent.get(id).push(e.msg);
    }
    const o = this.obs;
    for (const c of this.cells) {
      o.cellsAudited++;
      const mine = byParent.get(c.msgId) ?? [];
      if (c.reply && c.reply.content.status !== 'ok') {
        o.replyNotOk++;
        o.examples.replyNotOk ??= `${JSON.stringify(c.code)} -> ${c.reply.content.status} ${c.reply.content.ename ?? ''}: ${String(c.reply.content.evalue ?? '').slice(0, 120)}`;
      }
      if (mine.length && !(mine[0].header.msg_type === 'status' && mine[0].content.execution_state === 'busy')) {
        o.firstNotBusy++;
        o.examples.firstNotBusy ??= mine[0].header.msg_type;
      }
      const input = mine.find((m) => m.header.msg_type === 'execute_input');
      if (!input || input.content.code !== c.code) {
        o.executeInputMissing++;
        o.examples.executeInput ??= input ? `code ${JSON.stringify(input.content.code)} for ${JSON.stringify(c.code)}` : `none; iopub for the cell: ${mine.map((m) => m.header.msg_type).join(',')}`;
      }
      const idle = mine.findIndex((m) => m.header.msg_type === 'status' && m.content.execution_state === 'idle');
      if (idle >= 0 && idle < mine.length - 1) {
        o.cellsWithOutputAfterIdle++;
        o.messagesAfterIdle += mine.length - 1 - idle;
        o.examples.afterIdle ??= mine.slice(idle + 1).map((m) => m.header.msg_type).join(',');
      }
      if (c.expect !== undefined) {
        const shown = mine.slice(0, idle < 0 ? undefined : idle);
        const result = shown.find((m) => m.header.msg_type === 'execute_result');
        const stream = shown.filter((m) => m.header.msg_type === 'stream').map((m) => m.content.text).join('');
        const late = idle >= 0 ? mine.slice(idle + 1) : [];
        const lateResult = late.find((m) => m.header.msg_type === 'execute_result' || m.header.msg_type === 'stream');
        if (result && plain(result.content.data?.['text/plain']) === c.expect) o.valueAs.execute_result++;
        else if (plain(stream) === c.expect) o.valueAs.stream++;
        else if (lateResult) o.valueAs.onlyAfterIdle++;
        else {
          o.valueAs.missing++;
          o.examples.valueMissing ??= JSON.stringify(shown.map((m) => m.header.msg_type));
        }
      }
    }
  }

  rssMb() {
    let total = 0;
    for (const pid of [this.proc.pid, ...descendants(this.proc.pid)]) {
      try {
        total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
      } catch {}
    }
    return total;
  }

  /** shutdown_request on control, then up to 2 s for the process to exit; the group is killed either way. */
  async stop(polite = true) {
    if (polite && this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      this.request('shutdown_request', { restart: false }, 2000, this.control);
      const exited = await Promise.race([this.exited.then(() => true), sleep(2000).then(() => false)]);
      if (!exited) this.obs.noExitOnShutdown++;
    }
    if (this.proc) killTree(this.proc);
    for (const s of [this.shell, this.control, this.iopub]) {
      try {
        s?.close();
      } catch {}
    }
    if (this.dir) {
      try {
        rmSync(this.dir, { recursive: true, force: true });
      } catch {}
      tmpDirs.delete(this.dir);
    }
  }
}

const newObs = () => ({
  undecodable: 0,
  unanswered: 0,
  noIdle: 0,
  cellsAudited: 0,
  replyNotOk: 0,
  firstNotBusy: 0,
  executeInputMissing: 0,
  cellsWithOutputAfterIdle: 0,
  messagesAfterIdle: 0,
  valueAs: { execute_result: 0, stream: 0, onlyAfterIdle: 0, missing: 0 },
  completion: {},
  noExitOnShutdown: 0,
  failedStarts: 0,
  examples: {},
});

// ---------------------------------------------------------------- phases
async function coldStarts(names, results) {
  const cold = Object.fromEntries(names.map((n) => [n, { kernelInfo: [], firstCell: [], iopubReady: [] }]));
  for (let i = 0; i < STARTS; i++) {
    for (const name of names) {
      if (results[name].error) continue;
      let s;
      try {
        s = await Session.start(name, results[name].obs);
        cold[name].kernelInfo.push(s.coldStartMs);
        cold[name].iopubReady.push(s.iopubReadyMs);
        const ms = await s.cell('1+1', '2');
        if (ms !== null) cold[name].firstCell.push(performance.now() - s.t0);
        if (i === 0) results[name].kernelInfo = pickInfo(s.kernelInfo);
        await sleep(100);
        s.audit();
      } catch (e) {
        results[name].obs.failedStarts++;
        if (cold[name].kernelInfo.length === 0 && i >= 1) results[name].error = `could not be started: ${e.message}`;
        results[name].startErrors ??= [];
        results[name].startErrors.push(e.message);
      } finally {
        await s?.stop();
      }
    }
  }
  for (const name of names) {
    results[name].coldStart = stats(cold[name].kernelInfo);
    results[name].coldStartToIopub = stats(cold[name].iopubReady);
    results[name].coldStartToFirstCell = stats(cold[name].firstCell);
  }
}

const pickInfo = (c) => ({
  implementation: c.implementation,
  implementation_version: c.implementation_version,
  protocol_version: c.protocol_version,
  language: c.language_info?.name,
  language_version: c.language_info?.version,
});

async function sessionPhase(name, r) {
  const budgetEnd = performance.now() + KERNEL_BUDGET_MS;
  const check = () => {
    if (performance.now() > budgetEnd) throw new Error(`session budget of ${KERNEL_BUDGET_MS / 1000} s spent`);
  };
  const s = await Session.start(name, r.obs);
  try {
    await sleep(1000);
    r.rssMb = s.rssMb();
    const warm = [];
    for (let i = 0; i < WARMUPS; i++) warm.push(await s.cell('1+1', '2'));
    r.firstCellAfter1sIdle = warm[0] ?? undefined; // supplement: is the first cell slow only because the engine is still loading?
    const cells = [];
    for (let i = 0; i < CELLS; i++) {
      check();
      const ms = await s.cell('1+1', '2');
      if (ms !== null) cells.push(ms);
    }
    r.trivialCell = stats(cells);
    // Supplement: distinct trivial cells, in case a kernel caches by source text.
    const distinct = [];
    for (let i = 0; i < 20; i++) {
      check();
      const ms = await s.cell(`${i + 2}+1`, String(i + 3));
      if (ms !== null) distinct.push(ms);
    }
    r.distinctTrivialCell = stats(distinct);
    for (let i = 1; i <= DECLS; i++) {
      check();
      await s.cell(`const v${i} = ${i}`);
    }
    const comp = { v: [], 'Math.fl': [] };
    for (let i = 0; i < COMPLETIONS; i++) {
      for (const code of Object.keys(comp)) {
        check();
        const t = performance.now();
        const rep = await s.request('complete_request', { code, cursor_pos: code.length }, 10_000).reply.catch(() => null);
        if (!rep) {
          r.obs.unanswered++;
          continue;
        }
        comp[code].push(performance.now() - t);
        if (i === 0) {
          const matches = rep.content.matches ?? [];
          const c = rep.content;
          r.obs.completion[code] =
            code === 'v'
              ? { status: c.status, matches: matches.length, of_v1_v100: Array.from({ length: DECLS }, (_, k) => `v${k + 1}`).filter((v) => matches.includes(v)).length, cursor: [c.cursor_start, c.cursor_end] }
              : { status: c.status, matches: matches.length, floor: matches.some((m) => /(^|\.)floor$/.test(m)), sample: matches.slice(0, 5), cursor: [c.cursor_start, c.cursor_end] };
        }
      }
    }
    r.completion = { ...stats([...comp.v, ...comp['Math.fl']]), v: stats(comp.v), mathFl: stats(comp['Math.fl']) };
    // Supplement: the trivial cell again, now that the session holds 100 declarations.
    const late = [];
    for (let i = 0; i < 20; i++) {
      check();
      const ms = await s.cell('1+1', '2');
      if (ms !== null) late.push(ms);
    }
    r.trivialCellAfterDecls = stats(late);
    r.rssMbAfterSession = s.rssMb();
    await sleep(1000); // late outputs get a second to show up before the audit
    s.audit();
  } finally {
    await s.stop();
  }
}

// ---------------------------------------------------------------- run
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  nproc: cpus().length,
  cpu: cpus()[0]?.model,
  loadavgBefore: loadavg().map((x) => +x.toFixed(2)),
  starts: STARTS,
  cells: CELLS,
  warmups: WARMUPS,
  declarations: DECLS,
  completions: COMPLETIONS,
};
const results = { tsml: { obs: newObs() }, tslab: { obs: newObs() }, deno: { obs: newObs() } };
const writeResults = () => {
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'kernel.json'), JSON.stringify({ meta, ...partial, results }, null, 2));
};

const peers = ensurePeers();
meta.peers = peers;
for (const p of ['tslab', 'deno']) if (!peers[p].ok) results[p].error = `not available: ${peers[p].why}`;
const names = Object.keys(results);
for (const n of names) if (results[n].error) console.log(`${n}: ${results[n].error}`);

console.log(`cold starts: ${STARTS} per kernel, round-robin ...`);
await coldStarts(names, results);
for (const name of names) {
  if (results[name].error) continue;
  console.log(`${name}: session (${WARMUPS} warm-ups, ${CELLS} cells, ${DECLS} declarations, ${COMPLETIONS}x2 completions) ...`);
  try {
    await sessionPhase(name, results[name]);
  } catch (e) {
    results[name].sessionError = e.message;
    console.log(`${name}: session failed: ${e.message}`);
  }
}
meta.loadavgAfter = loadavg().map((x) => +x.toFixed(2));
meta.seconds = +((performance.now() - runStart) / 1000).toFixed(1);

// ---------------------------------------------------------------- report
const f = (x) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const rows = [
  ['cold start to kernel_info_reply, median (ms)', (r) => r.coldStart?.median],
  ['cold start p90 (ms)', (r) => r.coldStart?.p90],
  ['trivial cell `1+1` to idle, median (ms)', (r) => r.trivialCell?.median],
  ['trivial cell p90 (ms)', (r) => r.trivialCell?.p90],
  ['completion after 100 cells, median (ms)', (r) => r.completion?.median],
  ['completion p90 (ms)', (r) => r.completion?.p90],
  ['RSS 1 s after start (MB)', (r) => r.rssMb],
  ['_supplement:_ distinct trivial cells `k+1` (20), median (ms)', (r) => r.distinctTrivialCell?.median],
  ['_supplement:_ trivial cell after the 100 declarations (20), median (ms)', (r) => r.trivialCellAfterDecls?.median],
  ['_supplement:_ spawn to iopub live, median (ms)', (r) => r.coldStartToIopub?.median],
  ['_supplement:_ spawn to first `1+1` idle, median (ms)', (r) => r.coldStartToFirstCell?.median],
  ['_supplement:_ first `1+1` on a session idle 1 s after start (ms)', (r) => r.firstCellAfter1sIdle],
  ['_supplement:_ RSS at end of session (MB)', (r) => r.rssMbAfterSession],
];
const ratio = (get, other) => {
  const a = get(results.tsml);
  const b = get(results[other]);
  return a && b ? (a / b).toFixed(2) : '—';
};
const lines = [`| metric | ${names.join(' | ')} | tsml / tslab | tsml / deno |`, `|---|${names.map(() => '---:').join('|')}|---:|---:|`];
for (const [label, get] of rows) lines.push(`| ${label} | ${names.map((n) => f(get(results[n]))).join(' | ')} | ${ratio(get, 'tslab')} | ${ratio(get, 'deno')} |`);
const obsRows = [
  ['execute replies not `ok`', (o) => `${o.replyNotOk}/${o.cellsAudited}`],
  ['`1+1` value shown as execute_result / stream / only after idle / missing', (o) => `${o.valueAs.execute_result}/${o.valueAs.stream}/${o.valueAs.onlyAfterIdle}/${o.valueAs.missing}`],
  ['cells with output after their `idle` (messages)', (o) => `${o.cellsWithOutputAfterIdle}/${o.cellsAudited} (${o.messagesAfterIdle})`],
  ['first iopub message not `busy`', (o) => `${o.firstNotBusy}/${o.cellsAudited}`],
  ['`execute_input` missing or wrong', (o) => `${o.executeInputMissing}/${o.cellsAudited}`],
  ['requests never answered / cells never idle', (o) => `${o.unanswered} / ${o.noIdle}`],
  ['completion `v`: v1…v100 among matches', (o) => (o.completion.v ? `${o.completion.v.of_v1_v100}/100 (${o.completion.v.matches} matches)` : '—')],
  ['completion `Math.fl`: `floor` offered', (o) => (o.completion['Math.fl'] ? `${o.completion['Math.fl'].floor ? 'yes' : 'no'} (${o.completion['Math.fl'].matches} matches)` : '—')],
  ['no exit within 2 s of `shutdown_request`', (o) => `${o.noExitOnShutdown}/${STARTS + 1}`],
  ['failed starts / undecodable messages', (o) => `${o.failedStarts} / ${o.undecodable}`],
];
lines.push(`| **correctness (counted)** | ${names.map(() => '').join(' | ')} | | |`);
for (const [label, get] of obsRows) lines.push(`| ${label} | ${names.map((n) => (results[n].error ? '—' : get(results[n].obs))).join(' | ')} | | |`);

const targetLines = [];
const t = results.tsml;
const tv = { coldStart: t.coldStart?.median, trivialCell: t.trivialCell?.median, completion: t.completion?.median, rssMb: t.rssMb };
for (const [k, { max, label }] of Object.entries(TARGETS)) {
  const v = tv[k];
  const vs = ['tslab', 'deno']
    .map((p) => {
      const o = k === 'rssMb' ? results[p].rssMb : results[p][k]?.median;
      return v && o ? `${(v / o).toFixed(2)}× ${p}` : `${p} n/a`;
    })
    .join(', ');
  targetLines.push(`- ${label}: tsml ${f(v)} — ${v === undefined ? 'NOT MEASURED' : v < max ? 'met' : 'MISSED'} (${vs})`);
}

console.log(`\n${meta.date}  node ${meta.node}  nproc ${meta.nproc}  loadavg ${meta.loadavgBefore.join(' ')} -> ${meta.loadavgAfter.join(' ')}  (${meta.seconds} s)`);
for (const n of names) {
  if (results[n].error) console.log(`${n}: ${results[n].error}`);
  else console.log(`${n}: ${JSON.stringify(results[n].kernelInfo)}${results[n].sessionError ? `  SESSION ERROR: ${results[n].sessionError}` : ''}`);
  for (const [k, v] of Object.entries(results[n].obs.examples)) console.log(`  ${n} example ${k}: ${v}`);
}
console.log(`\n${lines.join('\n')}\n\nTargets (tsml):\n${targetLines.join('\n')}`);
meta.table = lines.join('\n');
meta.targets = targetLines;
writeResults();
console.log('\nwrote bench/results/kernel.json');
cleanup();
process.exit(0);
