/**
 * A real Jupyter client for protocol tests: starts `tsml kernel` as a separate
 * process with a fresh connection file, and talks to it over ZeroMQ exactly as
 * a frontend does (signed messages, five channels).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { decode, encode, makeHeader, Signer } from '../../kernel/src/protocol/wire.js';
import type { Header, Message } from '../../kernel/src/protocol/messages.js';
import { loopbackConnection } from '../../kernel/src/util/connection.js';

export const KERNEL_BIN = fileURLToPath(new URL('../../kernel/bin/tsml.cjs', import.meta.url));


/** An ISO date (with microseconds, as makeHeader writes) moved by `ms`. */
function skewed(date: string, ms: number): string {
  const micro = date.slice(23, 26);
  return new Date(Date.parse(date) + ms).toISOString().replace('Z', `${micro}Z`);
}

export interface KernelOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** The script `kernel CONNECTION_FILE` is passed to (default: the kernelspec's, KERNEL_BIN). */
  entry?: string;
}

export class KernelClient {
  readonly key = randomUUID();
  readonly session = randomUUID();
  readonly signer = new Signer(this.key);
  proc!: ChildProcess;
  stderr = '';
  connection!: Record<string, unknown>;
  // Like jupyter_client: shell and stdin share one identity, so the kernel can route input_request.
  shell = new zmq.Dealer({ linger: 0, routingId: this.session });
  control = new zmq.Dealer({ linger: 0 });
  stdin = new zmq.Dealer({ linger: 0, routingId: this.session });
  iopub = new zmq.Subscriber({ linger: 0 });
  hb = new zmq.Request({ linger: 0, receiveTimeout: 2000 });
  /** Every iopub message received, in order. */
  readonly iopubLog: Message[] = [];
  private iopubWaiters: (() => void)[] = [];
  private replies = new Map<string, (m: Message) => void>();
  readonly stdinRequests: Message[] = [];
  onInputRequest?: (m: Message) => void;
  dir = mkdtempSync(join(tmpdir(), 'tsml-test-'));
  /** Shifts this client's header dates, as a frontend on a machine whose clock is off would. */
  clockSkewMs = 0;

  static async start(opts: KernelOptions = {}): Promise<KernelClient> {
    // A probed free port can be taken by another process before the kernel binds it: retry with new ports.
    for (let attempt = 1; ; attempt++) {
      const c = new KernelClient();
      try {
        await c.launch(opts);
        return c;
      } catch (e) {
        await c.stop().catch(() => undefined);
        if (attempt >= 3 || !/Address already in use|exited early/.test(String(e))) throw e;
      }
    }
  }

  private async launch(opts: KernelOptions): Promise<void> {
    const c = await loopbackConnection(this.key, 'tsml');
    this.connection = { ...c };
    const ports = [c.shell_port, c.control_port, c.iopub_port, c.stdin_port, c.hb_port];
    const file = join(this.dir, 'kernel.json');
    writeFileSync(file, JSON.stringify(this.connection));
    this.proc = spawn(process.execPath, [opts.entry ?? KERNEL_BIN, 'kernel', file], {
      cwd: opts.cwd ?? this.dir,
      env: { ...process.env, TSML_HISTORY_FILE: join(this.dir, 'history.jsonl'), ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    const url = (p: number) => `tcp://127.0.0.1:${p}`;
    this.shell.connect(url(ports[0]));
    this.control.connect(url(ports[1]));
    this.iopub.connect(url(ports[2]));
    this.stdin.connect(url(ports[3]));
    this.hb.connect(url(ports[4]));
    this.iopub.subscribe('');
    void this.pump(this.shell);
    void this.pump(this.control);
    void this.pumpStdin();
    void this.pumpIopub();
    await this.waitReady();
  }

  /** Polls kernel_info until the kernel answers and iopub is connected (welcome seen or status received). */
  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`kernel exited early:\n${this.stderr}`);
      try {
        await this.request('kernel_info_request', {}, { channel: 'shell', timeout: 500 });
        if (this.iopubLog.some((m) => m.header.msg_type === 'status')) return;
      } catch {
        // not up yet
      }
    }
    throw new Error(`kernel did not become ready:\n${this.stderr}`);
  }

  private async pump(sock: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of sock) {
        const m = decode(frames as Buffer[], this.signer);
        const id = String(m.parent_header.msg_id ?? '');
        this.replies.get(id)?.(m);
      }
    } catch {
      // socket closed
    }
  }

  private async pumpStdin(): Promise<void> {
    try {
      for await (const frames of this.stdin) {
        const m = decode(frames as Buffer[], this.signer);
        this.stdinRequests.push(m);
        this.onInputRequest?.(m);
      }
    } catch {
      // socket closed
    }
  }

  private async pumpIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        this.iopubLog.push(decode(frames as Buffer[], this.signer));
        for (const w of this.iopubWaiters.splice(0)) w();
      }
    } catch {
      // socket closed
    }
  }

  build(msgType: string, content: unknown, parent: Partial<Header> = {}, buffers?: ArrayBufferView[]): { header: Header; frames: Buffer[] } {
    const header = makeHeader(msgType, this.session, 'test');
    if (this.clockSkewMs) header.date = skewed(header.date, this.clockSkewMs);
    return { header, frames: encode({ header, parent, content, metadata: {}, buffers }, this.signer) };
  }

  async sendRaw(channel: 'shell' | 'control' | 'stdin', frames: Buffer[]): Promise<void> {
    await this[channel].send(frames);
  }

  send(msgType: string, content: unknown, channel: 'shell' | 'control' | 'stdin' = 'shell', buffers?: ArrayBufferView[]): Header {
    const { header, frames } = this.build(msgType, content, {}, buffers);
    void this[channel].send(frames);
    return header;
  }

  async request(msgType: string, content: unknown, opts: { channel?: 'shell' | 'control'; timeout?: number } = {}): Promise<Message> {
    const { header, frames } = this.build(msgType, content);
    const reply = this.waitReply(header.msg_id, opts.timeout ?? 15_000);
    await this[opts.channel ?? 'shell'].send(frames);
    return reply;
  }

  waitReply(msgId: string, timeout = 15_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.replies.delete(msgId);
        reject(new Error(`no reply to ${msgId} within ${timeout} ms`));
      }, timeout);
      this.replies.set(msgId, (m) => {
        clearTimeout(t);
        this.replies.delete(msgId);
        resolve(m);
      });
    });
  }

  /** iopub messages for a request, up to and including its idle status. */
  async outputsOf(msgId: string, timeout = 15_000): Promise<Message[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const mine = this.iopubLog.filter((m) => m.parent_header.msg_id === msgId);
      const idle = mine.findIndex((m) => m.header.msg_type === 'status' && (m.content as any).execution_state === 'idle');
      if (idle >= 0) return mine.slice(0, idle + 1);
      if (Date.now() > deadline) throw new Error(`no idle for ${msgId}; got ${mine.map((m) => m.header.msg_type)}`);
      await new Promise<void>((r) => {
        this.iopubWaiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  /** Executes code; returns the reply and the iopub outputs between busy and idle. */
  async execute(code: string, content: Record<string, unknown> = {}, timeout = 15_000) {
    const { header, frames } = this.build('execute_request', {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
      ...content,
    });
    const replyP = this.waitReply(header.msg_id, timeout);
    await this.shell.send(frames);
    const reply = await replyP;
    const outputs = await this.outputsOf(header.msg_id, timeout);
    return { reply, outputs, content: reply.content as Record<string, any> };
  }

  /** Executes and returns the text/plain of the execute_result (or undefined). */
  async value(code: string): Promise<string | undefined> {
    const { outputs, content } = await this.execute(code);
    if (content.status !== 'ok') throw new Error(`${content.ename}: ${content.evalue}`);
    const r = outputs.find((m) => m.header.msg_type === 'execute_result');
    return r ? (r.content as any).data['text/plain'] : undefined;
  }

  stdoutOf(outputs: Message[], name = 'stdout'): string {
    return outputs
      .filter((m) => m.header.msg_type === 'stream' && (m.content as any).name === name)
      .map((m) => (m.content as any).text)
      .join('');
  }

  /** Whether the kernel echoes a heartbeat ping within `timeoutMs`. */
  async heartbeat(timeoutMs = 2000): Promise<boolean> {
    try {
      this.hb.receiveTimeout = timeoutMs;
      await this.hb.send('ping');
      const [r] = await this.hb.receive();
      return r.toString() === 'ping';
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null) {
      try {
        await this.request('shutdown_request', { restart: false }, { channel: 'control', timeout: 3000 });
      } catch {
        // fall through to kill
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc.kill('SIGKILL');
          resolve();
        }, 3000);
        if (this.proc.exitCode !== null) {
          clearTimeout(t);
          resolve();
        }
        this.proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.hb]) s.close();
  }
}

/** Polls `f` until it returns something other than undefined or false (messages arrive on their own time). */
export async function until<T>(what: string, f: () => T | undefined | false, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = f();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
