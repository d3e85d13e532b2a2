// bench/kernel: tsml against tslab and Deno's Jupyter kernel, in one run, over the real protocol.
// Usage (repo root, after `bash scripts/setup.sh`): node bench/kernel/run.mjs [starts=10] [cells=50]
// The peers install (pinned, from npm) into bench/kernel/peers/node_modules on first use.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { Signer, decode, encode, makeHeader } from '../../kernel/dist/protocol/wire.js';

const STARTS = Number(process.argv[2] ?? 10);
const CELLS = Number(process.argv[3] ?? 50);
const ROOT = process.cwd();
const PEERS = join(ROOT, 'bench', 'kernel', 'peers');

if (!existsSync(join(PEERS, 'node_modules', 'tslab')) || !existsSync(join(PEERS, 'node_modules', '.bin', 'deno'))) {
  console.log('installing peers (tslab, deno) into bench/kernel/peers ...');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PEERS, stdio: 'inherit' });
}

const KERNELS = {
  tsml: (conn) => [process.execPath, [join(ROOT, 'kernel', 'bin', 'tsml.js'), 'kernel', conn]],
  tslab: (conn) => [process.execPath, [join(PEERS, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', conn]],
  deno: (conn) => [join(PEERS, 'node_modules', '.bin', 'deno'), ['jupyter', '--kernel', '--conn', conn]],
};

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One kernel process with a minimal frontend: shell (Dealer) and iopub (Subscriber). */
class Session {
  static async start(name) {
    const s = new Session();
    await s.launch(name);
    return s;
  }

  async launch(name) {
    this.key = 'bench-key';
    this.signer = new Signer(this.key);
    this.dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
    const ports = await Promise.all([0, 1, 2, 3, 4].map(freePort));
    const conn = { transport: 'tcp', ip: '127.0.0.1', shell_port: ports[0], control_port: ports[1], iopub_port: ports[2], stdin_port: ports[3], hb_port: ports[4], key: this.key, signature_scheme: 'hmac-sha256', kernel_name: name };
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
    const [cmd, args] = KERNELS[name](file);
    this.t0 = performance.now();
    this.proc = spawn(cmd, args, { cwd: this.dir, stdio: 'ignore', env: { ...process.env, TSML_HISTORY_FILE: join(this.dir, 'h.jsonl') } });
    void this.pump();
    void this.pumpIopub();
    // Cold start: spawn to the first kernel_info_reply (polled, as frontends do while a kernel boots).
    for (;;) {
      try {
        await this.request('kernel_info_request', {}, 300);
        this.coldStartMs = performance.now() - this.t0;
        break;
      } catch {
        if (performance.now() - this.t0 > 30_000) throw new Error(`${name} did not start`);
      }
    }
    // Wait until iopub is connected (a status message arrived), so no output is missed.
    while (!this.iopubLog.length) await this.request('kernel_info_request', {}, 2000).then(() => sleep(20));
  }

  async pump() {
    try {
      for await (const frames of this.shell) {
        const m = decode(frames, this.signer);
        this.replies.get(m.parent_header.msg_id)?.(m);
      }
    } catch {}
  }

  async pumpIopub() {
    try {
      for await (const frames of this.iopub) {
        this.iopubLog.push({ at: performance.now(), msg: decode(frames, this.signer) });
        for (const w of this.waiters.splice(0)) w();
      }
    } catch {}
  }

  request(type, content, timeout = 15_000) {
    const header = makeHeader(type, 'bench', 'bench');
    const p = new Promise((resolve, reject) => {
      const t = setTimeout(() => (this.replies.delete(header.msg_id), reject(new Error(`${type} timed out`))), timeout);
      this.replies.set(header.msg_id, (m) => (clearTimeout(t), this.replies.delete(header.msg_id), resolve(m)));
    });
    void this.shell.send(encode({ header, parent: {}, content, metadata: {} }, this.signer));
    return { header, reply: p, then: (a, b) => p.then(a, b) };
  }

  async idleOf(msgId, timeout = 15_000) {
    const deadline = performance.now() + timeout;
    for (;;) {
      const idle = this.iopubLog.find((e) => e.msg.parent_header.msg_id === msgId && e.msg.content.execution_state === 'idle');
      if (idle) return idle.at;
      if (performance.now() > deadline) throw new Error('no idle');
      await new Promise((r) => (this.waiters.push(r), setTimeout(r, 100)));
    }
  }

  /** execute_request to iopub idle, in ms. */
  async cell(code) {
    const sent = performance.now();
    const r = this.request('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const idleAt = await this.idleOf(r.header.msg_id);
    await r.reply;
    return { ms: idleAt - sent, msgId: r.header.msg_id };
  }

  /** Outputs of a request that arrived after its idle status (they should not exist). */
  lateOutputs(msgId) {
    const mine = this.iopubLog.filter((e) => e.msg.parent_header.msg_id === msgId);
    const idle = mine.findIndex((e) => e.msg.content.execution_state === 'idle');
    return idle < 0 ? 0 : mine.slice(idle + 1).length;
  }

  rssMb() {
    let total = 0;
    const pids = [this.proc.pid];
    try {
      pids.push(...execFileSync('pgrep', ['-P', String(this.proc.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number));
    } catch {}
    for (const pid of pids) {
      try {
        total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
      } catch {}
    }
    return total;
  }

  async stop() {
    try {
      const header = makeHeader('shutdown_request', 'bench', 'bench');
      await this.control.send(encode({ header, parent: {}, content: { restart: false }, metadata: {} }, this.signer));
      await sleep(200);
    } catch {}
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }
}

async function measure(name) {
  const cold = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await Session.start(name);
    cold.push(s.coldStartMs);
    await s.stop();
  }
  const s = await Session.start(name);
  await sleep(1000);
  const rss = s.rssMb();
  for (let i = 0; i < 5; i++) await s.cell('1+1');
  const cells = [];
  let late = 0;
  for (let i = 0; i < CELLS; i++) {
    const c = await s.cell('1+1');
    cells.push(c.ms);
    await sleep(5);
    late += s.lateOutputs(c.msgId);
  }
  for (let i = 1; i <= 100; i++) await s.cell(`const v${i} = ${i}`);
  const completions = [];
  for (let i = 0; i < 20; i++) {
    for (const code of ['v', 'Math.fl']) {
      const t = performance.now();
      await s.request('complete_request', { code, cursor_pos: code.length });
      completions.push(performance.now() - t);
    }
  }
  await s.stop();
  return {
    coldStart: { median: quantile(cold, 0.5), p90: quantile(cold, 0.9) },
    trivialCell: { median: quantile(cells, 0.5), p90: quantile(cells, 0.9) },
    completion: { median: quantile(completions, 0.5), p90: quantile(completions, 0.9) },
    rssMb: rss,
    outputsAfterIdle: late,
  };
}

const results = {};
for (const name of Object.keys(KERNELS)) {
  try {
    results[name] = await measure(name);
  } catch (e) {
    results[name] = { error: e.message };
  }
  console.log(name, JSON.stringify(results[name]));
}

const f = (x) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const rows = [
  ['cold start to kernel_info_reply, median (ms)', (r) => r.coldStart?.median],
  ['cold start p90 (ms)', (r) => r.coldStart?.p90],
  ['trivial cell `1+1` to idle, median (ms)', (r) => r.trivialCell?.median],
  ['trivial cell p90 (ms)', (r) => r.trivialCell?.p90],
  ['completion after 100 cells, median (ms)', (r) => r.completion?.median],
  ['RSS after start (MB)', (r) => r.rssMb],
];
const names = Object.keys(results);
const lines = [`| metric | ${names.join(' | ')} | tsml / tslab | tsml / deno |`, `|---|${names.map(() => '---:').join('|')}|---:|---:|`];
for (const [label, get] of rows) {
  const v = names.map((n) => get(results[n]));
  const ratio = (other) => (get(results.tsml) && get(results[other]) ? (get(results.tsml) / get(results[other])).toFixed(2) : '—');
  lines.push(`| ${label} | ${v.map(f).join(' | ')} | ${ratio('tslab')} | ${ratio('deno')} |`);
}
lines.push(`| outputs published after idle (of ${CELLS} cells) | ${names.map((n) => results[n].outputsAfterIdle ?? '—').join(' | ')} | | |`);
console.log(lines.join('\n'));
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'kernel.json'), JSON.stringify({ starts: STARTS, cells: CELLS, results }, null, 2));
process.exit(0);
