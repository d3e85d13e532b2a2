/**
 * Turns iopub messages into saved cell outputs the way nbclient does, so a
 * notebook run by `tsml run` reads the same as one run by papermill:
 * - outputs that share a display_id are rewritten by each update_display_data
 *   (in any cell), so a live chart is saved in its final state;
 * - clear_output(wait=true) takes effect when the next output arrives;
 * - consecutive stream chunks of one stream merge into one output, and text
 *   overwritten with '\r' (progress bars) is dropped, as nbconvert does.
 */
import type { Cell, Json, MimeBundle, Output } from './notebook.js';
import { WidgetStates } from './widget-state.js';

export interface IopubMessage {
  header: { msg_type: string };
  content: Record<string, any>;
  buffers?: ArrayBufferView[];
}

type DisplayOutput = Extract<Output, { data: MimeBundle }>;

/** Text before a '\r' that more text on the same line overwrites. */
const OVERWRITTEN = /[^\n]*\r(?=[^\n])/g;

export class OutputCollector {
  private readonly displays = new Map<string, Set<DisplayOutput>>();
  private cell: Cell | undefined;
  private clearPending = false;
  /** The execution count the kernel announced (execute_input) for the current cell. */
  executionCount: number | null = null;
  /** Widgets the cells made, saved in the notebook's metadata. */
  readonly widgets = new WidgetStates();

  /** Starts collecting for a cell: its old outputs go. */
  begin(cell: Cell): void {
    this.forget(cell.outputs ?? []);
    cell.outputs = [];
    this.cell = cell;
    this.clearPending = false;
    this.executionCount = null;
  }

  /** Applies one iopub message; true when the notebook changed. */
  handle(msg: IopubMessage): boolean {
    const c = msg.content;
    const type = msg.header.msg_type;
    const displayId: string | undefined = c.transient?.display_id;
    switch (type) {
      case 'execute_input':
        if (typeof c.execution_count === 'number') this.executionCount = c.execution_count;
        return false;
      case 'update_display_data':
        return displayId !== undefined && this.update(displayId, c);
      case 'clear_output':
        if (c.wait) {
          this.clearPending = true;
          return false;
        }
        return this.clear();
      case 'stream':
        return this.stream(c.name === 'stderr' ? 'stderr' : 'stdout', String(c.text ?? ''));
      case 'display_data':
      case 'execute_result': {
        if (displayId !== undefined) this.update(displayId, c);
        const out: DisplayOutput =
          type === 'display_data'
            ? { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: 'execute_result', data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
        this.push(out);
        if (displayId !== undefined) {
          if (!this.displays.has(displayId)) this.displays.set(displayId, new Set());
          this.displays.get(displayId)!.add(out);
        }
        return true;
      }
      case 'comm_open':
      case 'comm_msg':
      case 'comm_close':
        return this.widgets.handle(msg);
      case 'error':
        this.push({ output_type: 'error', ename: String(c.ename ?? 'Error'), evalue: String(c.evalue ?? ''), traceback: (c.traceback ?? []).map(String) });
        return true;
      default:
        return false;
    }
  }

  /** Adds an output the runner itself reports (a timeout, a dead kernel). */
  append(out: Output): void {
    this.push(out);
  }

  private push(out: Output): void {
    const outputs = this.outputs();
    if (this.clearPending) this.clear();
    outputs.push(out);
  }

  private outputs(): Output[] {
    if (!this.cell) throw new Error('OutputCollector: no cell started');
    return (this.cell.outputs ??= []);
  }

  private stream(name: 'stdout' | 'stderr', text: string): boolean {
    if (this.clearPending) this.clear();
    const outputs = this.outputs();
    const last = outputs[outputs.length - 1];
    if (last?.output_type === 'stream' && last.name === name) last.text = (last.text + text).replace(OVERWRITTEN, '');
    else outputs.push({ output_type: 'stream', name, text: text.replace(OVERWRITTEN, '') });
    return true;
  }

  private clear(): boolean {
    this.clearPending = false;
    const outputs = this.outputs();
    this.forget(outputs);
    const had = outputs.length > 0;
    outputs.length = 0;
    return had;
  }

  private update(displayId: string, c: Record<string, any>): boolean {
    const targets = this.displays.get(displayId);
    if (!targets?.size) return false;
    for (const out of targets) {
      out.data = (c.data ?? {}) as MimeBundle;
      out.metadata = (c.metadata ?? {}) as Record<string, Json>;
    }
    return true;
  }

  private forget(outputs: Output[]): void {
    for (const set of this.displays.values()) for (const o of outputs) set.delete(o as DisplayOutput);
  }
}
