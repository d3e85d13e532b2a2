/**
 * The kernel: wires the I/O thread (protocol), the engine, the display system
 * and comms, and answers each request type. Execute requests run one at a
 * time, in order; other requests (complete, inspect, comms, history…) are
 * answered at once, even while a cell awaits, so completion and widgets stay
 * live during a long training loop.
 */
import { Bridge } from './protocol/bridge.js';
import type { ConnectionInfo, ExecuteRequest, Header, HistoryRequest, Message } from './protocol/messages.js';
import { Output } from './display/output.js';
import { clearOutput, display, setDisplayTarget } from './display/display.js';
import { formatValue, suppressesOutput, warmFormatters } from './display/format.js';
import { hasPendingOutputs, outputsSettled } from './display/pending.js';
import { currentSink } from './display/capture.js';
import { registerBuiltinFormatters } from './display/formatters.js';
import { Executor } from './engine/executor.js';
import { CellSyntaxError, completeness, loadTypeStripper } from './engine/compile.js';
import { formatError, formatSyntaxError, KeyboardInterrupt } from './engine/traceback.js';
import { helpRequest } from './engine/introspect.js';
import { defaultHistoryFile, History } from './engine/history.js';
import { guardErrorListeners } from './engine/stray-guard.js';
import { CommManager } from './comm/manager.js';
import { installChannels } from './channel/index.js';
import { installWidgets } from './widgets/manager.js';
import { startIo, type Io } from './io.js';
import { installStreams, installCellGlobals, tsmlGlobal, type InputFn } from './globals.js';
import { log } from './util/log.js';
import { StopOnError } from './engine/stop-on-error.js';
import { preciseNow } from './protocol/wire.js';
import { setFrontend } from './display/frontend.js';

/** Cells that can reach the `tsml` global or what it provides (tfjs through an import, the display.* panels). */
const NEEDS_API = /\btsml\b|\btf\b|\bimport\b|\brequire\b|\boverview\b|\bmissing\b|\boutliers\b|\bdive\b/;
/**
 * The tsml API (~170 ms of CPU to load) and the type stripper (sucrase, ~50 ms)
 * load with the first cell that needs them, or once the kernel has been idle
 * this long: a first cell that does not need them never waits for them, and a
 * user who types for a moment finds them loaded.
 */
const PRELOAD_IDLE_MS = 150;

type Channel = 'shell' | 'control';

export interface KernelOptions {
  connection: ConnectionInfo;
  kernelName?: string;
  /** An I/O thread already started (by the CLI, before this module loaded), and its start. */
  io?: Io;
}

export class Kernel {
  private bridge!: Bridge;
  private output!: Output;
  private executor!: Executor;
  private history!: History;
  comms!: CommManager;
  private executionCount = 0;
  private readonly stopOnError = new StopOnError();
  private queue: Promise<void> = Promise.resolve();
  /** The `tsml` cell global, loading or loaded (see PRELOAD_IDLE_MS). */
  private api: Promise<void> | undefined;
  private preload: NodeJS.Timeout | undefined;
  /** Requests being handled (executes queued or running, others in flight): no preload while any is. */
  private active = 0;
  private tensors: { loadTf(): Promise<unknown>; loadedTf(): unknown } | undefined;
  private current: { msg: Message; allowStdin: boolean } | undefined;
  private pendingInput: { resolve: (v: string) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly options: KernelOptions) {}

  async start(): Promise<Record<string, string>> {
    const io = this.options.io ?? startIo(this.options.connection);
    this.bridge = io.bridge;
    this.output = new Output(this.bridge);
    this.executor = new Executor(this.bridge.flags);
    this.history = new History(defaultHistoryFile(this.options.kernelName ?? this.options.connection.kernel_name ?? 'tsml'));
    this.comms = new CommManager({
      send: (type, content, buffers, metadata) => this.output.send(type, content, { buffers, metadata }),
    });
    // A throwing panel handler is shown in the panel (channel-error); while a cell runs, in that cell too.
    installChannels(this.comms, (err, where) => this.current && this.reportStray(err, `an error in ${where}`));
    // A failing widget callback shows as an error in the Output it was writing to (interact), else on stderr.
    installWidgets(this.comms, (err, where) => {
      const sink = currentSink();
      if (sink) sink.output('error', formatError(err, (id) => this.executor.source(id)) as unknown as Record<string, unknown>);
      else this.reportStray(err, `an error in ${where}`);
    });
    setDisplayTarget({ send: (type, content, extra) => this.output.send(type, content, extra) });
    installStreams(this.output);
    registerBuiltinFormatters();
    installCellGlobals({ display, clearOutput, input: this.inputFunction(), comms: this.comms });
    this.installSafetyNets();
    this.schedulePreload();
    // Last: requests held by the bridge while the engine loaded are handled from here on.
    this.bridge.attach({
      request: (channel, msg, arrival) => this.onRequest(channel, msg, arrival),
      inputReply: (value) => this.settleInput(value),
      terminated: () => this.interrupt(),
      shutdown: () => process.exit(0), // the I/O thread has closed its sockets already
    });
    return io.started;
  }

  /** Loads the `tsml` cell global (once). */
  private loadApi(): Promise<void> {
    clearTimeout(this.preload);
    return (this.api ??= import('./index.js').then(
      async (ns) => {
        this.tensors = ns;
        const api = tsmlGlobal(ns);
        this.executor.modules.set(api, 'tsml');
        installCellGlobals({ tsml: api });
        // `import * as tf from '@tensorflow/tfjs'` gets the same TensorFlow.js as tsml.tf, on the selected backend.
        this.executor.provided.set('@tensorflow/tfjs', () => ns.loadTf() as Promise<Record<string, unknown>>);
        await warmFormatters().catch((e: Error) => log(`could not load the table renderer: ${e.stack}`)); // tables then show in order with prints
      },
      (e: Error) => log(`could not load the tsml API for cells: ${e.stack}`),
    ));
  }

  private schedulePreload(): void {
    if (this.api) return;
    clearTimeout(this.preload);
    this.preload = setTimeout(() => {
      if (this.active > 0) return;
      loadTypeStripper();
      this.history.load();
      void this.loadApi();
    }, PRELOAD_IDLE_MS);
    this.preload.unref();
  }

  private installSafetyNets(): void {
    // process.exit() from a cell (or a library) must not abort in zeromq's teardown.
    const exit = process.exit.bind(process);
    process.exit = ((code?: number) => {
      this.bridge.closeNow();
      return exit(code);
    }) as typeof process.exit;
    this.watchParent(exit);
    process.on('SIGINT', () => this.interrupt());
    guardErrorListeners((err, what) => this.reportStray(err, what));
    process.on('uncaughtException', (err) => this.reportStray(err, 'an uncaught exception in a callback'));
    process.on('unhandledRejection', (reason) => {
      if (reason instanceof KeyboardInterrupt) return; // leftovers of an interrupted cell
      this.reportStray(reason, 'an unhandled promise rejection');
    });
  }

  /**
   * Like ipykernel: when the frontend that started us dies (JPY_PARENT_PID),
   * exit instead of living on as an orphan.
   */
  private watchParent(exit: (code?: number) => never): void {
    const parent = Number(process.env.JPY_PARENT_PID);
    if (!Number.isInteger(parent) || parent <= 1) return;
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        log(`parent process ${parent} is gone: exiting`);
        this.bridge.closeNow();
        exit(0);
      }
    }, 1000).unref();
  }

  /** Errors from timers and callbacks go to the running cell, else to the last one's stderr. */
  private reportStray(err: unknown, what: string): void {
    try {
      const content = formatError(err, (id) => this.executor.source(id));
      this.output.write('stderr', `Kernel caught ${what} (the kernel keeps running):\n${content.traceback.join('\n')}\n`);
      this.output.flush();
    } catch (e) {
      log(`could not report ${what}: ${(e as Error).message}`);
    }
  }

  private interrupt(): void {
    this.executor.interrupt();
    const p = this.pendingInput;
    this.pendingInput = undefined;
    p?.reject(new KeyboardInterrupt());
  }

  private inputFunction(): InputFn {
    const ask = (prompt: string, password: boolean): Promise<string> => {
      const cur = this.current;
      if (!cur || !cur.allowStdin) {
        return Promise.reject(
          Object.assign(new Error('input() needs a frontend that accepts input requests; this one sent allow_stdin: false (e.g. a headless run). Pass the value as a parameter instead.'), { name: 'StdinNotImplementedError' }),
        );
      }
      this.output.flush();
      return new Promise((resolve, reject) => {
        this.pendingInput = { resolve, reject };
        this.bridge.requestInput(cur.msg, String(prompt), password);
      });
    };
    return Object.assign((prompt = '') => ask(prompt, false), { password: (prompt = '') => ask(prompt, true) });
  }

  private settleInput(value: string): void {
    const p = this.pendingInput;
    this.pendingInput = undefined;
    p?.resolve(value);
  }

  private onRequest(channel: Channel, msg: Message, arrival: number): void {
    this.stopOnError.observe(msg, arrival);
    this.active++;
    clearTimeout(this.preload);
    const done = () => {
      this.active--;
      this.schedulePreload();
    };
    if (msg.header.msg_type === 'execute_request') {
      this.queue = this.queue.then(() => this.execute(channel, msg, arrival)).finally(done);
    } else {
      void this.handle(channel, msg).finally(done);
    }
  }

  /** Idle ends every request; the I/O thread already published busy when the request arrived. */
  private status(state: 'idle', parent: Partial<Header>): void {
    this.output.send('status', { execution_state: state }, undefined, parent);
  }

  private async handle(channel: Channel, msg: Message): Promise<void> {
    const type = msg.header.msg_type;
    const c = msg.content as Record<string, any>;
    try {
      switch (type) {
        case 'complete_request': {
          const { complete } = await import('./engine/complete.js');
          if (NEEDS_API.test(String(c.code ?? ''))) await this.loadApi(); // `tsml.rea|` completes members of the loaded API
          this.bridge.reply(channel, msg, 'complete_reply', await complete(String(c.code ?? ''), Number(c.cursor_pos ?? 0), {
            loadModule: (s) => this.executor.importModule(s),
            cwd: this.executor.cwd,
          }));
          break;
        }
        case 'inspect_request': {
          const { inspectAt } = await import('./engine/inspect.js');
          if (NEEDS_API.test(String(c.code ?? ''))) await this.loadApi();
          const r = inspectAt(String(c.code ?? ''), Number(c.cursor_pos ?? 0), c.detail_level === 1 ? 1 : 0, this.inspectContext());
          this.bridge.reply(channel, msg, 'inspect_reply', { status: 'ok', found: r.found, data: r.found ? { 'text/plain': r.text } : {}, metadata: {} });
          break;
        }
        case 'is_complete_request':
          this.bridge.reply(channel, msg, 'is_complete_reply', completeness(String(c.code ?? '')));
          break;
        case 'history_request':
          this.bridge.reply(channel, msg, 'history_reply', { status: 'ok', history: this.history.query(c as HistoryRequest) });
          break;
        case 'comm_info_request':
          this.bridge.reply(channel, msg, 'comm_info_reply', { status: 'ok', comms: this.comms.info(c.target_name) });
          break;
        case 'comm_open':
        case 'comm_msg':
        case 'comm_close':
          if (!this.current) this.output.parent = msg.header;
          await this.comms.handle(type, c, msg.metadata, msg.buffers as Uint8Array[]);
          break;
        default:
          log(`unknown message type ${type} on ${channel}: ignored`);
      }
    } catch (e) {
      // A handler bug must never take the kernel down; the frontend gets an error reply.
      log(`error handling ${type}: ${(e as Error).stack}`);
      if (type.endsWith('_request')) {
        this.bridge.reply(channel, msg, type.replace(/_request$/, '_reply'), { status: 'error', ...formatError(e, () => undefined) });
      }
    } finally {
      this.status('idle', msg.header);
    }
  }

  private async execute(channel: Channel, msg: Message, arrival: number): Promise<void> {
    const c = msg.content as ExecuteRequest;
    const code = String(c.code ?? '');
    const silent = Boolean(c.silent);
    const storeHistory = silent ? false : c.store_history !== false;
    this.output.parent = msg.header;
    if (this.stopOnError.shouldAbort(msg, arrival)) {
      // As ipykernel: an aborted request gets no execution count (it did not run).
      this.bridge.reply(channel, msg, 'execute_reply', { status: 'aborted' }, { status: 'aborted' });
      this.status('idle', msg.header);
      return;
    }
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.output.send('execute_input', { code, execution_count: count });
    this.executor.resetInterrupt();
    this.current = { msg, allowStdin: c.allow_stdin !== false };
    setFrontend({ kernel: true, interactive: c.allow_stdin !== false });
    const label = `Cell In[${count}]`;
    let error: ReturnType<typeof formatError> | undefined;
    const payload: unknown[] = [];
    let resultText: string | undefined;
    try {
      const help = helpRequest(code);
      if (help) {
        const { describe } = await import('./engine/inspect.js');
        const r = describe(help.chain, help.detail, this.inspectContext());
        if (r.found) payload.push({ source: 'page', data: { 'text/plain': r.text }, start: 0 });
        else this.output.write('stdout', `Object \`${help.chain}\` not found.\n`);
      } else {
        // The tsml API loads on first need (see PRELOAD_IDLE_MS): a cell that cannot reach it does not wait for it.
        if (NEEDS_API.test(code)) await this.loadApi();
        // TensorFlow.js is chosen at first use: the first cell that mentions `tf` waits for its backend.
        if (this.tensors && /\btf\b/.test(code) && !this.tensors.loadedTf()) await this.tensors.loadTf();
        const r = await this.executor.run(code, label);
        // interact()'s first run, an Output widget's redraw: in before the cell ends, so headless runs save them.
        if (hasPendingOutputs()) await outputsSettled(30_000);
        if (r.hasValue && r.value !== undefined && !silent && !suppressesOutput(r.value)) {
          const f = await formatValue(r.value);
          resultText = String(f.data['text/plain'] ?? '');
          this.output.send('execute_result', { execution_count: count, data: f.data, metadata: f.metadata });
        }
      }
    } catch (e) {
      error = e instanceof CellSyntaxError ? formatSyntaxError(e, { label, code }) : formatError(e, (id) => this.executor.source(id));
      // What the cell displayed before it failed comes before its error (an interrupt does not wait).
      if (hasPendingOutputs() && !(e instanceof KeyboardInterrupt)) await outputsSettled(5_000);
      this.output.send('error', error);
    }
    const userExpressions = await this.userExpressions(c.user_expressions ?? {});
    if (storeHistory) this.history.add(count, code, resultText);
    this.output.flush();
    const reply = error
      ? { status: 'error', execution_count: count, ...error, user_expressions: userExpressions, payload }
      : { status: 'ok', execution_count: count, user_expressions: userExpressions, payload };
    if (error && c.stop_on_error !== false) {
      // A Run All batch still arriving gets queued behind this cell (an interrupt ends no batch: send at once).
      if (error.ename !== 'KeyboardInterrupt') await this.stopOnError.hold(preciseNow());
      this.stopOnError.failed(preciseNow());
    } else this.stopOnError.ran();
    this.bridge.reply(channel, msg, 'execute_reply', reply);
    this.current = undefined;
    this.status('idle', msg.header);
  }

  private inspectContext() {
    const tf = this.tensors?.loadedTf();
    if (tf && typeof tf === 'object') this.executor.modules.set(tf, '@tensorflow/tfjs');
    return { sources: this.executor.sources(), imports: this.executor.imports, cwd: this.executor.cwd, modules: this.executor.modules };
  }

  private async userExpressions(exprs: Record<string, string>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    if (Object.values(exprs).some((e) => NEEDS_API.test(String(e)))) await this.loadApi();
    for (const [name, expr] of Object.entries(exprs)) {
      try {
        const r = await this.executor.run(String(expr), `user_expressions[${JSON.stringify(name)}]`);
        const f = await formatValue(r.value);
        out[name] = { status: 'ok', data: f.data, metadata: f.metadata };
      } catch (e) {
        out[name] = { status: 'error', ...formatError(e, (id) => this.executor.source(id)) };
      }
    }
    return out;
  }
}
