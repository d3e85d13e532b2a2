/**
 * Tensors through the real kernel over ZeroMQ: a cell loads TensorFlow.js,
 * makes a tensor and gets an execute_result with the tsml tensor bundle; the
 * device report, a large tensor and a heatmap stay small; no tfjs banner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../protocol/client.js';

let k: KernelClient;
beforeAll(async () => {
  k = await KernelClient.start();
});
afterAll(async () => {
  await k?.stop();
});

const TENSOR_MIME = 'application/vnd.tsml.tensor.v1+json';
const resultOf = (outputs: { header: { msg_type: string }; content: unknown }[]) =>
  outputs.find((m) => m.header.msg_type === 'execute_result')?.content as { data: Record<string, any> } | undefined;

describe('tensors in the kernel', () => {
  it('renders a tensor made in a cell as an execute_result with the tensor bundle', async () => {
    const { outputs, content } = await k.execute('const tf = await tsml.loadTf();\nconst t = tf.tensor([[1, 2], [3, 4]]);\nt', {}, 30_000);
    expect(content.status).toBe('ok');
    const r = resultOf(outputs)!;
    expect(Object.keys(r.data).sort()).toEqual([TENSOR_MIME, 'text/html', 'text/plain'].sort());
    expect(r.data['text/plain']).toBe('tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float32)');
    expect(r.data[TENSOR_MIME]).toMatchObject({ shape: [2, 2], dtype: 'float32', size: 4, bytes: 16, preview: { values: [1, 2, 3, 4], truncated: false } });
    expect(['wasm', 'webgpu', 'tensorflow', 'cpu']).toContain(r.data[TENSOR_MIME].backend);
    expect(r.data['text/html']).toContain('<b>tensor</b> · float32 · shape [2, 2]');
    // The cpu backend's "install tfjs-node" banner never reaches the notebook.
    expect(k.stdoutOf(outputs, 'stderr') + k.stdoutOf(outputs)).not.toMatch(/Hi, looks like/);
  });

  it('keeps a 1000×1000 tensor output small', async () => {
    const { outputs } = await k.execute('tf.randomUniform([1000, 1000])');
    const r = resultOf(outputs)!;
    expect(JSON.stringify(r.data).length).toBeLessThan(50_000);
    expect(r.data['text/plain']).toMatch(/\.\.\.,\n/);
    expect(r.data[TENSOR_MIME].shape).toEqual([1000, 1000]);
  });

  it('shows the device report and converts a table', async () => {
    const { outputs } = await k.execute('tsml.device()');
    const r = resultOf(outputs)!;
    expect(r.data['text/plain']).toMatch(/^TensorFlow\.js 4\.22\.0 on /);
    expect(r.data['text/plain']).toMatch(/tensorflow-gpu +@tensorflow\/tfjs-node-gpu: /);
    expect(r.data['text/html']).toContain('tsml-device');
    const table = await k.value("const { table } = await import('arquero');\ntsml.tableToTensor(table({ a: [1, 2], b: [3, 4] })).shape");
    expect(table).toBe('[ 2, 2 ]');
    const err = await k.execute("tsml.tableToTensor(table({ a: [1, null] }))");
    expect(err.content.evalue).toMatch(/column 'a' has a missing value at row 1/);
  });

  it('sends a heatmap as a PNG display_data', async () => {
    const { outputs } = await k.execute('display.heatmap(tf.eye(4))');
    const d = outputs.find((m) => m.header.msg_type === 'display_data')!.content as { data: Record<string, string> };
    expect(Buffer.from(d.data['image/png'], 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(d.data['text/plain']).toBe('heatmap 4×4 (viridis, 0 … 1)');
  });
});
