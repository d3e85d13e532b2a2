/**
 * Headless runs save widget state as JupyterLab does (metadata.widgets, widget-state+json): `tsml run`
 * writes the same entries nbclient (store_widget_state) writes for the same notebook, so a notebook
 * run in CI opens in Lab with its sliders and Output widgets as the run left them.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelEnv, readOutput, REPO, runTsml, tempDir, writeNotebook } from './helpers.js';

let env: NodeJS.ProcessEnv;
let dir: string;
beforeAll(() => {
  env = kernelEnv();
  dir = realpathSync(tempDir('widgets'));
});

const CELLS = [
  "const s = new tsml.widgets.IntSlider({ value: 4, max: 10, description: 'k' });\ns",
  "const ia = tsml.interact(({ n }) => `n is ${n}`, { n: [0, 6] });",
  's.value = 7;',
  "const w = tsml.widget({ esm: 'export default { render() {} }', state: { weights: new Float32Array([0.5, 1.5]) } });",
  'const gone = new tsml.widgets.Label({ value: "temporary" }); gone.close();',
];

type State = Record<string, { model_name: string; model_module: string; model_module_version: string; state: Record<string, any>; buffers?: any[] }>;

/** Entries keyed by what they are rather than by model id, with references reduced to their kind. */
function byKind(state: State): Record<string, unknown>[] {
  const kinds = Object.fromEntries(Object.entries(state).map(([id, m]) => [id, m.model_name]));
  const refs = (v: unknown): unknown =>
    typeof v === 'string' && v.startsWith('IPY_MODEL_') ? `IPY_MODEL_(${kinds[v.slice(10)] ?? 'missing'})` : Array.isArray(v) ? v.map(refs) : v;
  return Object.values(state)
    .map((m) => ({ ...m, state: Object.fromEntries(Object.entries(m.state).map(([k, v]) => [k, k === '_anywidget_id' ? '…' : refs(v)])) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('widget state in headless runs', () => {
  it('tsml run saves every live widget with its last values, binary parts as base64, as nbclient does', async () => {
    const nb = writeNotebook(dir, 'widgets.ipynb', CELLS);
    const r = await runTsml([nb], { env });
    expect(r.code, r.stderr).toBe(0);
    const saved = readOutput(join(dir, 'widgets.out.ipynb')).metadata.widgets['application/vnd.jupyter.widget-state+json'];
    expect(saved.version_major).toBe(2);
    const models = Object.values(saved.state as State);
    expect(models.find((m) => m.model_name === 'IntSliderModel' && m.state.description === 'k')!.state.value).toBe(7);
    expect(models.find((m) => m.model_name === 'OutputModel')!.state.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': "'n is 3'" }, metadata: {} }]);
    const any = models.find((m) => m.model_name === 'AnyModel')!;
    expect(any.buffers).toEqual([{ path: ['weights'], data: Buffer.from(new Float32Array([0.5, 1.5]).buffer).toString('base64'), encoding: 'base64' }]);
    expect(models.some((m) => m.state.value === 'temporary')).toBe(false); // closed widgets are not saved

    // The same notebook through nbclient (store_widget_state): the same entries, model ids aside.
    const script = [
      'import nbformat, sys',
      'from nbclient import NotebookClient',
      'nb = nbformat.read(sys.argv[1], as_version=4)',
      "NotebookClient(nb, kernel_name='tsml', store_widget_state=True).execute()",
      "nbformat.write(nb, sys.argv[2])",
    ].join('\n');
    execFileSync(join(REPO, '.venv', 'bin', 'python'), ['-c', script, nb, join(dir, 'widgets.nbclient.ipynb')], { env, cwd: dir, stdio: 'pipe' });
    const theirs = readOutput(join(dir, 'widgets.nbclient.ipynb')).metadata.widgets['application/vnd.jupyter.widget-state+json'];
    // nbclient never forgets a widget (it ignores comm_close); JupyterLab saves live models only, as tsml does.
    const live = Object.fromEntries(Object.entries(theirs.state as State).filter(([, m]) => m.state.value !== 'temporary'));
    expect(byKind(saved.state)).toEqual(byKind(live));
  });
});
