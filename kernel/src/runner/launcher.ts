/**
 * Starts a kernel from its kernelspec the way jupyter_client's KernelManager
 * does: a connection file with fresh ports and a random key, the spec's argv
 * with {connection_file} and {resource_dir} filled in, the spec's env on top of
 * ours, and a new session (process group), so a Ctrl-C meant for the runner does
 * not reach the kernel and killing the group takes the kernel's children too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionInfo } from '../protocol/messages.js';
import { KernelClient, ReplyTimeout } from './client.js';
import type { KernelSpec } from './kernelspec.js';
import { loopbackConnection } from '../util/connection.js';

export interface StartOptions {
  cwd: string;
  startupTimeoutMs: number;
  signal?: AbortSignal;
  /** Where each start attempt's ports come from (default: five fresh loopback ports). */
  connection?: (attempt: number) => Promise<ConnectionInfo>;
}

export class KernelStartError extends Error {}


/** string.Template.safe_substitute, which jupyter_client applies to kernelspec env values. */
const substituteEnv = (v: string, env: NodeJS.ProcessEnv) => v.replace(/\$(?:\{(\w+)\}|(\w+))/g, (m, a, b) => env[a ?? b] ?? m);

const TAIL = 8 * 1024;

export class RunningKernel {
  readonly client: KernelClient;
  /** Resolves, with how it ended, when the kernel process exits. */
  readonly exited: Promise<string>;
  private exit: string | undefined;
  private output = '';
  private readonly dir: string;
  /** Resolves when the kernel's stdout and stderr have closed: all it printed has been read. */
  private readonly drained: Promise<void>;

  private constructor(
    readonly spec: KernelSpec,
    readonly proc: ChildProcess,
    connection: ConnectionInfo,
    dir: string,
  ) {
    this.dir = dir;
    this.client = new KernelClient(connection);
    const keep = (d: Buffer) => (this.output = (this.output + d.toString('utf8')).slice(-TAIL));
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.drained = new Promise((resolve) => proc.once('close', () => resolve()));
    this.exited = new Promise((resolve) => {
      proc.once('error', (e) => resolve((this.exit = `could not start ${spec.argv[0]}: ${e.message}`)));
      proc.once('exit', (code, sig) => resolve((this.exit = sig ? `killed by ${sig}` : `exit code ${code}`)));
    });
  }

  static async start(spec: KernelSpec, opts: StartOptions): Promise<RunningKernel> {
    // A probed port can be taken before the kernel binds it (as with jupyter_client): retry with new ones.
    for (let attempt = 1; ; attempt++) {
      const k = await RunningKernel.launch(spec, opts, attempt);
      try {
        await k.ready(opts);
        return k;
      } catch (e) {
        await k.shutdown(0);
        // 'exit' can come before the last of stderr is read (where the kernel says why it stopped).
        await Promise.race([k.drained, new Promise((r) => setTimeout(r, 5000))]);
        const busy = /address already in use|EADDRINUSE/i.test(k.output);
        if (!busy || attempt >= 3 || opts.signal?.aborted) {
          const tail = k.output.trim() ? `\n--- kernel output ---\n${k.output.trim()}` : '';
          throw new KernelStartError(`kernel '${spec.name}' did not start: ${(e as Error).message}${tail}`);
        }
      }
    }
  }

  private static async launch(spec: KernelSpec, opts: StartOptions, attempt: number): Promise<RunningKernel> {
    const connection = await (opts.connection?.(attempt) ?? loopbackConnection(randomUUID(), spec.name));
    const dir = mkdtempSync(join(tmpdir(), 'tsml-run-'));
    const file = join(dir, `kernel-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(connection, null, 1), { mode: 0o600 });
    const fill = (a: string) => a.replace('{connection_file}', file).replace('{resource_dir}', spec.resourceDir ?? '');
    const env: NodeJS.ProcessEnv = { ...process.env, JPY_PARENT_PID: String(process.pid) };
    for (const [k, v] of Object.entries(spec.env)) env[k] = substituteEnv(v, env);
    const [cmd, ...args] = spec.argv.map(fill);
    const proc = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    return new RunningKernel(spec, proc, connection, dir);
  }

  private async ready(opts: StartOptions): Promise<void> {
    this.client.connect();
    let onAbort = () => undefined as void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new Error('stopped'));
      if (opts.signal?.aborted) onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const died = this.exited.then((how) => Promise.reject(new Error(`the kernel process ended (${how})`)));
    aborted.catch(() => undefined);
    died.catch(() => undefined);
    try {
      await Promise.race([this.client.waitReady(opts.startupTimeoutMs, () => this.alive()), died, aborted]);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  alive(): boolean {
    return this.exit === undefined;
  }

  /** What the kernel printed last (its logs, a crash's stack). */
  outputTail(): string {
    return this.output;
  }

  /** Interrupts the running cell as the kernelspec asks: interrupt_request on control, or SIGINT. */
  async interrupt(timeoutMs = 5000): Promise<void> {
    if (!this.alive()) return;
    if (this.spec.interruptMode === 'message') {
      await this.client.request('control', 'interrupt_request', {}, timeoutMs).catch((e) => {
        if (!(e instanceof ReplyTimeout)) throw e;
      });
    } else {
      this.signal('SIGINT');
    }
  }

  private signal(sig: NodeJS.Signals): void {
    try {
      if (this.proc.pid !== undefined && process.platform !== 'win32') process.kill(-this.proc.pid, sig);
      else this.proc.kill(sig);
    } catch {
      // already gone
    }
  }

  private async waitExit(ms: number): Promise<boolean> {
    if (!this.alive()) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const ok = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return ok;
  }

  /** shutdown_request on control, then SIGTERM and SIGKILL to the process group for a kernel that stays. */
  async shutdown(graceMs = 3000): Promise<void> {
    if (this.alive() && graceMs > 0) {
      await this.client.request('control', 'shutdown_request', { restart: false }, graceMs).catch(() => undefined);
      await this.waitExit(graceMs);
    }
    if (this.alive()) {
      this.signal('SIGTERM');
      if (!(await this.waitExit(1000))) this.signal('SIGKILL');
      await this.waitExit(1000);
    }
    this.client.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
