/**
 * tsml's widgets against ipywidgets 8 as the oracle: the same scenario runs in a real Python
 * ipykernel (test/widgets/ipywidgets_oracle.py) and in the tsml kernel over ZeroMQ, and every comm
 * and display message must have the same shape — targets, protocol version, methods, state keys
 * and values (model ids aside).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../protocol/client.js';
import type { Message } from '../../kernel/src/protocol/messages.js';

const PY = join(__dirname, '..', '..', '.venv', 'bin', 'python');

interface Step {
  to?: string;
  data?: Record<string, unknown>;
  control?: boolean;
  then?: string;
  thenTs?: string;
}
interface Scenario {
  python: string;
  ts: string;
  steps: Step[];
}
interface Seen {
  step: number;
  msg_type: string;
  content: Record<string, any>;
  metadata: Record<string, any>;
  buffers: number[];
}

function oracle(s: Scenario): Seen[] {
  const input = JSON.stringify({ code: s.python, steps: s.steps.map(({ thenTs: _, ...st }) => st) });
  try {
    return JSON.parse(execFileSync(PY, [join(__dirname, 'ipywidgets_oracle.py')], { input, timeout: 240_000, stdio: ['pipe', 'pipe', 'pipe'] }).toString());
  } catch (e) {
    throw new Error(`the ipywidgets oracle failed: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(-2000)}`);
  }
}

let k: KernelClient;
beforeAll(async () => { k = await KernelClient.start(); });
afterAll(async () => { await k?.stop(); });

const KEPT = new Set(['comm_open', 'comm_msg', 'comm_close', 'display_data', 'stream', 'error']);

function collect(msgs: Message[], step: number, out: Seen[]): void {
  for (const m of msgs) {
    if (!KEPT.has(m.header.msg_type)) continue;
    out.push({ step, msg_type: m.header.msg_type, content: m.content as Record<string, any>, metadata: m.metadata as Record<string, any>, buffers: m.buffers.map((b) => b.byteLength) });
  }
}

async function tsml(s: Scenario): Promise<Seen[]> {
  const out: Seen[] = [];
  const first = await k.execute(s.ts);
  expect(first.content.status, JSON.stringify(first.content)).toBe('ok');
  collect(first.outputs, 0, out);
  for (const [i, step] of s.steps.entries()) {
    let header;
    if (step.control) {
      const id = `control-${i}-${Date.now()}`;
      const open = k.send('comm_open', { comm_id: id, target_name: 'jupyter.widget.control', data: {} });
      collect(await k.outputsOf(open.msg_id), i + 1, out);
      header = k.send('comm_msg', { comm_id: id, data: { method: 'request_states' } });
    } else {
      const modelId = (await k.value(`${step.to}.modelId`))!.replace(/'/g, '');
      header = k.send('comm_msg', { comm_id: modelId, data: step.data });
    }
    collect(await k.outputsOf(header.msg_id), i + 1, out);
    if (step.thenTs) collect((await k.execute(step.thenTs)).outputs, i + 1, out);
  }
  return out;
}

/** The shape that must agree: model ids, comm ids and reprs aside. */
function shape(seen: Seen[]): unknown[] {
  const ids = (v: unknown): unknown =>
    typeof v === 'string' ? v.replace(/IPY_MODEL_[0-9a-f]+/g, 'IPY_MODEL_') : Array.isArray(v) ? v.map(ids) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k2, x]) => [k2, ids(x)])) : v;
  return seen.filter((m) => KEPT.has(m.msg_type)).map((m) => {
    const c = m.content;
    if (m.msg_type === 'display_data') {
      const view = c.data['application/vnd.jupyter.widget-view+json'];
      return { step: m.step, type: m.msg_type, mimes: Object.keys(c.data).sort(), view: view && { ...view, model_id: typeof view.model_id }, transient: c.transient };
    }
    if (m.msg_type === 'stream') return { step: m.step, type: 'stream', name: c.name, text: c.text };
    const data = { ...c.data };
    if (data.method === 'update_states') {
      // One entry per live widget, keyed by model id: compare the entries' states as a sorted list.
      data.states = Object.values(data.states as Record<string, any>).map(ids).sort((a: any, b: any) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return { step: m.step, type: m.msg_type, target: c.target_name, version: m.metadata.version, data: ids(data), buffers: m.buffers };
  });
}

async function expectSameAsIpywidgets(s: Scenario): Promise<Seen[]> {
  const [expected, got] = [oracle(s), await tsml(s)];
  expect(shape(got)).toEqual(shape(expected));
  return got;
}

describe('widget messages, as ipywidgets 8 sends them', { timeout: 240_000 }, () => {
  it('IntSlider: comm_open of layout, style and model (protocol 2.1.0), the view, echo_update then the clamped value, every state through the control comm', async () => {
    const got = await expectSameAsIpywidgets({
      python: "import ipywidgets as w\nfrom IPython.display import display\ns = w.IntSlider(value=3, max=10, description='k')\ndisplay(s)",
      ts: "const s = new tsml.widgets.IntSlider({ value: 3, max: 10, description: 'k' });\ndisplay(s)",
      steps: [
        { to: 's', data: { method: 'update', state: { value: 7 }, buffer_paths: [] } },
        { to: 's', data: { method: 'update', state: { value: 70 }, buffer_paths: [] } },
        { to: 's', data: { method: 'request_state' } },
        { control: true },
      ],
    });
    expect(got.filter((m) => m.msg_type === 'comm_open')).toHaveLength(3);
    expect(await k.value('s.value')).toBe('10');
  });

  it('Dropdown, ToggleButtons, Checkbox, Text, FloatSlider, Play, progress bars, Label, HTML, HBox/VBox: the same states', async () => {
    await expectSameAsIpywidgets({
      python: [
        'import ipywidgets as w',
        'from IPython.display import display',
        "d = w.Dropdown(options=['relu', 'tanh'], value='tanh', description='act')",
        "t = w.ToggleButtons(options=['x', 'y'])",
        "c = w.Checkbox(value=True, description='on')",
        "x = w.Text(value='hi')",
        'f = w.FloatSlider(value=0.5, min=0, max=1, step=0.01)',
        'p = w.Play(max=20, interval=50)',
        'ip = w.IntProgress(value=30)',
        'fp = w.FloatProgress(value=0.25, max=1.0)',
        "l = w.Label(value='a label')",
        "h = w.HTML(value='<b>bold</b>')",
        'display(w.VBox([w.HBox([d, t, c]), x, f, p, ip, fp, l, h]))',
      ].join('\n'),
      ts: [
        'const W = tsml.widgets;',
        "const d = new W.Dropdown({ options: ['relu', 'tanh'], value: 'tanh', description: 'act' });",
        "const t = new W.ToggleButtons({ options: ['x', 'y'] });",
        "const c = new W.Checkbox({ value: true, description: 'on' });",
        "const x = new W.Text({ value: 'hi' });",
        'const f = new W.FloatSlider({ value: 0.5, min: 0, max: 1, step: 0.01 });',
        'const p = new W.Play({ max: 20, interval: 50 });',
        'const ip = new W.IntProgress({ value: 30 });',
        'const fp = new W.FloatProgress({ value: 0.25, max: 1.0 });',
        "const l = new W.Label({ value: 'a label' });",
        "const h = new W.HTML({ value: '<b>bold</b>' });",
        'display(new W.VBox([new W.HBox([d, t, c]), x, f, p, ip, fp, l, h]))',
      ].join('\n'),
      steps: [{ to: 'd', data: { method: 'update', state: { index: 0 }, buffer_paths: [] } }],
    });
    expect(await k.value('d.value')).toBe("'relu'");
  });

  it('Button: a click is a custom message; the callback output goes to iopub under the click', async () => {
    await expectSameAsIpywidgets({
      python: "import ipywidgets as w\nfrom IPython.display import display\nb = w.Button(description='go')\nb.on_click(lambda _: print('clicked'))\ndisplay(b)",
      ts: "const b = new tsml.widgets.Button({ description: 'go' });\nb.onClick(() => console.log('clicked'));\ndisplay(b)",
      steps: [{ to: 'b', data: { method: 'custom', content: { event: 'click' } } }],
    });
  });

  it('Output: appended text and displays are its outputs state', async () => {
    await expectSameAsIpywidgets({
      python: "import ipywidgets as w\nfrom IPython.display import display\nout = w.Output()\ndisplay(out)\nout.append_stdout('hi\\n')",
      ts: "const out = new tsml.widgets.Output();\ndisplay(out);\nout.appendStdout('hi\\n')",
      steps: [],
    });
  });

  it('jslink and jsdlink: LinkModel and DirectionalLinkModel with [IPY_MODEL_…, name] ends', async () => {
    await expectSameAsIpywidgets({
      python: 'import ipywidgets as w\na = w.IntSlider()\nb = w.IntSlider()\nl1 = w.jslink((a, "value"), (b, "value"))\nl2 = w.jsdlink((a, "max"), (b, "max"))',
      ts: "const a = new tsml.widgets.IntSlider();\nconst b = new tsml.widgets.IntSlider();\nconst l1 = tsml.widgets.jslink([a, 'value'], [b, 'value']);\nconst l2 = tsml.widgets.jsdlink([a, 'max'], [b, 'max']);",
      steps: [],
    });
  });
});
