// bench/kernel: one kernel process driven by a minimal frontend over real ZeroMQ, shared by every
// kernel the bench compares (tsml, tslab, Deno).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { Signer, decode, encode, makeHeader } from '../../kernel/dist/protocol/wire.js';
import { descendants, killTree, live, tmpDirs } from './processes.mjs';

export const ROOT = process.cwd();
// BENCH_KERNEL_PEERS points elsewhere only to exercise the 'peer missing / fails to start' paths.
export const PEERS = process.env.BENCH_KERNEL_PEERS ?? join(ROOT, 'bench', 'kernel', 'peers');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// eslint-disable-next-line no-control-regex
export const plain = (s) => String(s ?? '').replace(/\x1b\[[0-9;]*m/g, '').trim(); // Deno colours its text/plain
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export const KERNELS = {
  tsml: (conn) => [process.execPath, [join(ROOT, 'kernel', 'bin', 'tsml.cjs'), 'kernel', conn]],
  // tslab's kernelspec argv: ["tslab", "kernel", "--config-path", "{connection_file}"]
  tslab: (conn) => [process.execPath, [join(PEERS, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', conn]],
  // `deno jupyter --help`: --kernel starts the kernel, --conn names the connection file
  deno: (conn) => [join(PEERS, 'node_modules', '.bin', 'deno'), ['jupyter', '--kernel', '--conn', conn]],
};

// ---------------------------------------------------------------- one kernel with a minimal frontend
export class Session {
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
    void this.pump(this.shell, (m) => this.replies.get(m.parent_header.msg_id)?.(m));
    void this.pump(this.iopub, (m) => {
      this.iopubLog.push({ at: performance.now(), msg: m });
      for (const w of this.waiters.splice(0)) w();
    });
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

  /** Receives and decodes a socket's messages until it closes; undecodable ones are counted, not fatal. */
  async pump(socket, onMessage) {
    for (;;) {
      let frames;
      try {
        frames = await socket.receive();
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
      onMessage(m);
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

