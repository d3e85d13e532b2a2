// bench/kernel/startup.mjs: kernel start-up only, tsml against Deno's Jupyter kernel (and tslab), in one run.
//
// Usage (repo root, after `bash scripts/setup.sh`; run.mjs installs the peers on first use):
//   node bench/kernel/startup.mjs [starts=20] [kernels=tsml,deno]
//   BENCH_BASELINE=/other/checkout/kernel/bin/tsml.js node bench/kernel/startup.mjs 20 tsml,baseline,deno
// `baseline` is another build of tsml (e.g. a checkout of the commit before a change), so before and
// after are measured in the same run.
//
// Per start, with the same minimal frontend as run.mjs (bench/kernel/session.mjs), round-robin
// across the kernels so machine load hits them alike:
//   spawn -> kernel_info_reply   kernel_info_request re-sent every 250 ms while the kernel boots
//   spawn -> first cell idle      `1+1` sent as soon as iopub is live, to its `status: idle`
//   CPU to first cell idle        CPU time of every thread of the kernel process (/proc/PID/task/*/schedstat)
//                                 when the first cell went idle: what start-up costs, whatever the load
// and, as the floor no kernel on Node can beat, spawn -> exit of `node -e 'require("zeromq")'`.
// On a shared machine wall times grow with the load; the CPU figures and the ratios between kernels
// measured in the same run are what to compare.
// Raw figures go to bench/results/startup.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { cleanup, cleanupOnExit } from './processes.mjs';
import { KERNELS, ROOT, Session, sleep } from './session.mjs';

const STARTS = Number(process.argv[2] ?? 20);
const NAMES = (process.argv[3] ?? 'tsml,deno').split(',');

cleanupOnExit();
if (process.env.BENCH_BASELINE) KERNELS.baseline = (conn) => [process.execPath, [process.env.BENCH_BASELINE, 'kernel', conn]];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const stats = (xs) => (xs.length ? { n: xs.length, median: quantile(xs, 0.5), p90: quantile(xs, 0.9), min: quantile(xs, 0) } : null);
const newObs = () => ({ undecodable: 0, unanswered: 0, noIdle: 0, cellsAudited: 0, replyNotOk: 0, firstNotBusy: 0, executeInputMissing: 0, cellsWithOutputAfterIdle: 0, messagesAfterIdle: 0, valueAs: { execute_result: 0, stream: 0, onlyAfterIdle: 0, missing: 0 }, completion: {}, noExitOnShutdown: 0, failedStarts: 0, examples: {} });

/** CPU time (ms) of all threads of a live process; threads that already exited are not counted. */
function cpuMs(pid) {
  let ns = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {}
  }
  return ns / 1e6;
}

function floorMs() {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', 'require("zeromq")'], { cwd: join(ROOT, 'kernel') });
  return performance.now() - t;
}

const meta = { date: new Date().toISOString(), node: process.version, nproc: cpus().length, cpu: cpus()[0]?.model, loadavgBefore: loadavg().map((x) => +x.toFixed(2)), starts: STARTS };
const raw = Object.fromEntries(NAMES.map((n) => [n, { kernelInfo: [], firstCell: [], cpu: [], obs: newObs(), errors: [] }]));
raw.floor = { exit: [] };
for (let i = 0; i < STARTS; i++) {
  raw.floor.exit.push(floorMs());
  for (const name of NAMES) {
    let s;
    try {
      s = await Session.start(name, raw[name].obs);
      raw[name].kernelInfo.push(s.coldStartMs);
      const ms = await s.cell('1+1', '2');
      if (ms !== null) {
        raw[name].firstCell.push(performance.now() - s.t0);
        raw[name].cpu.push(cpuMs(s.proc.pid));
      }
      await sleep(100);
      s.audit();
    } catch (e) {
      raw[name].errors.push(e.message);
    } finally {
      await s?.stop();
    }
  }
}
meta.loadavgAfter = loadavg().map((x) => +x.toFixed(2));

const f = (x) => (x === undefined ? '—' : x.toFixed(0));
const res = Object.fromEntries(NAMES.map((n) => [n, { kernelInfo: stats(raw[n].kernelInfo), firstCell: stats(raw[n].firstCell), cpu: stats(raw[n].cpu), errors: raw[n].errors, obs: raw[n].obs }]));
const floor = stats(raw.floor.exit);
const lines = [`| metric | ${NAMES.join(' | ')} |${NAMES.filter((n) => n !== 'tsml').map((n) => ` tsml / ${n} |`).join('')}`, `|---|${NAMES.map(() => '---:|').join('')}${NAMES.filter((n) => n !== 'tsml').map(() => '---:|').join('')}`];
for (const [label, key, q] of [
  ['spawn → kernel_info_reply, median (ms)', 'kernelInfo', 'median'],
  ['spawn → kernel_info_reply, p90 (ms)', 'kernelInfo', 'p90'],
  ['spawn → first `1+1` idle, median (ms)', 'firstCell', 'median'],
  ['spawn → first `1+1` idle, p90 (ms)', 'firstCell', 'p90'],
  ['CPU (all threads) at first `1+1` idle, median (ms)', 'cpu', 'median'],
]) {
  const v = (n) => res[n][key]?.[q];
  lines.push(`| ${label} | ${NAMES.map((n) => f(v(n))).join(' | ')} |${NAMES.filter((n) => n !== 'tsml').map((n) => ` ${v('tsml') && v(n) ? (v('tsml') / v(n)).toFixed(2) : '—'} |`).join('')}`);
}
const blanks = (k) => ' |'.repeat(k);
lines.push(`| floor: \`node -e 'require("zeromq")'\` spawn → exit, median (ms) | ${f(floor.median)} |${blanks(2 * NAMES.length - 2)}`);
console.log(`${meta.date}  node ${meta.node}  nproc ${meta.nproc}  loadavg ${meta.loadavgBefore.join(' ')} -> ${meta.loadavgAfter.join(' ')}`);
for (const n of NAMES) {
  const o = res[n].obs;
  console.log(`${n}: ${raw[n].kernelInfo.length}/${STARTS} starts; values ${o.valueAs.execute_result} execute_result, ${o.valueAs.stream} stream, ${o.valueAs.onlyAfterIdle} after idle, ${o.valueAs.missing} missing${res[n].errors.length ? `; errors: ${res[n].errors.slice(0, 2).join(' / ')}` : ''}`);
}
console.log(`\n${lines.join('\n')}`);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'startup.json'), JSON.stringify({ meta, floor, raw, results: res, table: lines.join('\n') }, null, 2));
console.log('\nwrote bench/results/startup.json');
cleanup();
process.exit(0);
