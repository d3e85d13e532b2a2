/**
 * Runs compiled cells in the kernel's own realm (so arrays and typed arrays
 * created in cells are the same `Float32Array` that npm packages check with
 * `instanceof`), with declarations living on the global object.
 *
 * Interrupt paths, all of which keep every variable defined before:
 * - synchronous code: vm's `breakOnSigint` turns SIGINT into an exception;
 * - awaiting code: the SIGINT listener rejects the cell's race promise;
 * - loops in cell code poll a shared flag (`__tsml_chk`), which stops even
 *   loops that starve the event loop; the I/O thread falls back to V8
 *   termination if nothing acknowledged the interrupt in time.
 */
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { compileCell, type Language } from './compile.js';
import { cellFilename, KeyboardInterrupt, type CellSource } from './traceback.js';
import { cellRequire, defaultOf, named, resolveSpecifier } from './resolve.js';
import { RUNTIME, type ImportBinding } from './rewrite.js';
import { Flag, RunState } from '../protocol/thread-messages.js';

export interface RunResult {
  hasValue: boolean;
  value?: unknown;
}

export class Executor {
  private readonly cells = new Map<number, CellSource>();
  private seq = 0;
  private rejectRunning: ((e: Error) => void) | undefined;
  readonly declared = new Set<string>();
  /** Which module each imported name came from (latest import wins, as the binding does). */
  readonly imports = new Map<string, ImportBinding>();

  constructor(
    private readonly flags: Int32Array,
    readonly cwd: string = process.cwd(),
    private readonly language: Language = 'typescript',
  ) {
    this.installRuntime();
  }

  private installRuntime(): void {
    const flags = this.flags;
    const cwd = this.cwd;
    const runtime = {
      g: globalThis,
      check(): void {
        if (Atomics.load(flags, Flag.Interrupt) !== 0) throw new KeyboardInterrupt();
      },
      import: (specifier: string, options?: ImportCallOptions) => this.importModule(specifier, options),
      defaultOf,
      named,
      importMeta: { url: pathToFileURL(cwd + '/').href, dirname: cwd },
    };
    Object.defineProperty(globalThis, RUNTIME, { value: runtime, enumerable: false, configurable: true });
    Object.defineProperty(globalThis, 'require', {
      value: cellRequire(cwd),
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }

  /** Modules the kernel provides itself, e.g. TensorFlow.js loaded on its selected backend. */
  readonly provided = new Map<string, () => Promise<Record<string, unknown>>>();

  /** Module namespaces cells have imported → their specifier (inspect reads their declaration files). */
  readonly modules = new Map<object, string>();

  async importModule(specifier: string, options?: ImportCallOptions): Promise<Record<string, unknown>> {
    const provide = this.provided.get(specifier);
    const url = provide ? '' : await resolveSpecifier(specifier, this.cwd);
    const ns = provide ? await provide() : await (options ? import(url, options) : import(url));
    if (!this.modules.has(ns)) this.modules.set(ns, specifier);
    return ns;
  }

  source(id: number): CellSource | undefined {
    return this.cells.get(id);
  }

  /** Sources of all cells run so far (for docstrings), oldest first. */
  sources(): string[] {
    return [...this.cells.values()].map((c) => c.code);
  }

  /** Registers source for tracebacks without running it (e.g. a cell that failed to compile). */
  remember(code: string, label: string): number {
    const id = ++this.seq;
    this.cells.set(id, { label, code });
    return id;
  }

  async run(code: string, label: string): Promise<RunResult> {
    const id = this.remember(code, label);
    const compiled = compileCell(code, this.language);
    for (const d of compiled.declared) {
      this.declared.add(d);
      this.imports.delete(d);
    }
    for (const b of compiled.imports) this.imports.set(b.local, b);
    const script = new vm.Script(compiled.script, { filename: cellFilename(id) });

    const interrupted = new Promise<never>((_, reject) => (this.rejectRunning = reject));
    interrupted.catch(() => undefined);
    let pending: Promise<[unknown] | undefined>;
    Atomics.store(this.flags, Flag.State, RunState.Sync);
    try {
      pending = script.runInThisContext({ breakOnSigint: true, displayErrors: false });
    } catch (e) {
      this.rejectRunning = undefined;
      Atomics.store(this.flags, Flag.State, RunState.Idle);
      if ((e as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
        Atomics.add(this.flags, Flag.Ack, 1);
        throw new KeyboardInterrupt();
      }
      throw e;
    }
    Atomics.store(this.flags, Flag.State, RunState.Async);
    try {
      const r = await Promise.race([pending, interrupted]);
      return r === undefined ? { hasValue: false } : { hasValue: true, value: r[0] };
    } catch (e) {
      // A loop check stopped the cell: tell the I/O thread, so it sends no SIGINT after it.
      if (e instanceof KeyboardInterrupt) Atomics.add(this.flags, Flag.Ack, 1);
      throw e;
    } finally {
      this.rejectRunning = undefined;
      Atomics.store(this.flags, Flag.State, RunState.Idle);
    }
  }

  get running(): boolean {
    return this.rejectRunning !== undefined;
  }

  /** Interrupts the running cell (SIGINT listener, or after V8 termination). */
  interrupt(): void {
    Atomics.store(this.flags, Flag.Interrupt, 1);
    const reject = this.rejectRunning;
    this.rejectRunning = undefined;
    reject?.(new KeyboardInterrupt());
    Atomics.add(this.flags, Flag.Ack, 1);
  }

  /** A new request starts with a clean interrupt flag. */
  resetInterrupt(): void {
    Atomics.store(this.flags, Flag.Interrupt, 0);
  }
}
