/**
 * The Output widget: a box that shows what code printed and displayed. Code
 * run in `out.capture(fn)` — and what it awaits — writes there instead of the
 * cell, so a slider's callback can redraw a chart in place. The outputs are
 * part of the widget's state, so a saved notebook shows the last ones.
 */
import { capture, type OutputSink } from '../display/capture.js';
import { display } from '../display/display.js';
import { trackOutput } from '../display/pending.js';
import { reportError } from './manager.js';
import { SPECS, type State } from './specs.js';
import { defineAccessors, Widget } from './widget.js';

type NbOutput = Record<string, unknown>;

export class Output extends Widget {
  declare outputs: NbOutput[];
  private items: NbOutput[] = [];
  private clearOnNext = false;
  private queued = false;
  private readonly sink: OutputSink = {
    stream: (name, text) => {
      this.beforeAppend();
      const last = this.items[this.items.length - 1];
      if (last?.output_type === 'stream' && last.name === name) last.text = String(last.text) + text;
      else this.items.push({ output_type: 'stream', name, text });
      this.queue();
    },
    output: (msgType, content) => {
      if (msgType === 'clear_output') return this.clear(Boolean(content.wait));
      this.beforeAppend();
      if (msgType === 'error') this.items.push({ output_type: 'error', ename: content.ename, evalue: content.evalue, traceback: content.traceback });
      else this.items.push({ output_type: msgType, data: content.data, metadata: content.metadata ?? {}, ...(msgType === 'execute_result' ? { execution_count: null } : {}) });
      this.queue();
    },
  };

  constructor(opts: { layout?: State | Widget } = {}) {
    super(SPECS.Output, opts);
  }

  /**
   * Runs `fn` with its stdout, stderr and displays shown here, and returns what it returns. A plain
   * function is captured while it runs; an `async` one across its awaits too. An error it throws is
   * shown here as well, then thrown on.
   */
  capture<T>(fn: () => T): T {
    const show = (e: unknown) => {
      capture(this.sink, () => reportError(e, 'code captured by an Output widget'));
      throw e;
    };
    try {
      const r = capture(this.sink, fn);
      return r instanceof Promise ? (r.catch(show) as T) : r;
    } catch (e) {
      return show(e);
    }
  }

  /** Removes the outputs now, or (`wait`) when the next one arrives, so a redraw does not flicker. */
  clear(wait = false): void {
    if (wait) {
      this.clearOnNext = true;
      return;
    }
    this.clearOnNext = false;
    this.items = [];
    this.queue();
  }

  appendStdout(text: string): void {
    this.sink.stream('stdout', text);
  }

  appendStderr(text: string): void {
    this.sink.stream('stderr', text);
  }

  /** Shows `value` here as `display(value)` would show it in a cell. */
  appendDisplayData(value: unknown): void {
    this.capture(() => display(value));
  }

  private beforeAppend(): void {
    if (!this.clearOnNext) return;
    this.clearOnNext = false;
    this.items = [];
  }

  /** One state update per burst of output (a loop printing 1,000 lines sends one). */
  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    trackOutput(
      Promise.resolve().then(() => {
        this.queued = false;
        if (!this.closed) this.set({ outputs: this.items.map((o) => ({ ...o })) });
      }),
    );
  }
}

defineAccessors(Output, SPECS.Output);
