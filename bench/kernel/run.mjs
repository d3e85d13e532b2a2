// bench/kernel: tsml against tslab and Deno's Jupyter kernel, in one run, over the real protocol.
//
// Usage (repo root, after `bash scripts/setup.sh`):
//   node bench/kernel/run.mjs [starts=10] [cells=50]
//
// The peers (tslab 1.0.22, deno 2.9.6, pinned in bench/kernel/peers/package.json) are installed from
// npm into bench/kernel/peers/node_modules on first use; that folder is not an npm workspace and is
// git-ignored. A peer that cannot be installed or started is reported as such, the others are still
// measured. Every kernel runs in its own process group, and every group this script started is
// killed on exit, on error, on Ctrl-C and when the run's time budget is spent.
//
// Metrics, per kernel:
//   cold start   spawn -> first kernel_info_reply (kernel_info_request polled on shell), N starts
//                (round-robin across kernels so machine load hits them alike); also, as a supplement,
//                spawn -> iopub `idle` of a first `1+1` cell on the same starts
//   trivial cell execute_request `1+1` -> iopub `status: idle` for it, CELLS runs after 5 warm-ups
//   completion   complete_request `v` and `Math.fl` after 100 cells `const vN = N`, 20 runs each
//   RSS          VmRSS of the kernel process and all its descendants, 1 s after the first
//                kernel_info_reply (and, as a supplement, again at the end of the session)
// Correctness observations are counted, not guessed: execute replies that are not `ok`, the value
// `2` missing from a `1+1` cell's outputs, a first iopub message that is not `status: busy`,
// missing/incorrect `execute_input`, outputs published after the cell's `idle`, requests never
// answered, completion replies lacking the expected matches, messages that fail to verify, and
// kernels that do not exit after `shutdown_request`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { cleanup, cleanupOnExit } from './processes.mjs';
import { PEERS, ROOT, Session, plain, sleep } from './session.mjs';

const STARTS = Number(process.argv[2] ?? 10);
const CELLS = Number(process.argv[3] ?? 50);
const WARMUPS = 5;
const DECLS = 100;
const COMPLETIONS = 20;
const PEER_PINS = { tslab: '1.0.22', deno: '2.9.6' };
const RUN_BUDGET_MS = 9 * 60_000; // hard cap for the whole run (the usual run takes ~1-2 min)
const KERNEL_BUDGET_MS = 150_000; // per-kernel session budget
const TARGETS = {
  coldStart: { max: 400, label: 'cold start < 400 ms' },
  trivialCell: { max: 3, label: 'trivial cell median < 3 ms' },
  completion: { max: 50, label: 'completion < 50 ms on a 100-cell session' },
  rssMb: { max: 120, label: 'RSS after start < 120 MB' },
};

if (!existsSync(join(ROOT, 'kernel', 'bin', 'tsml.js')) || !existsSync(join(ROOT, 'kernel', 'dist'))) {
  console.error('run from the repo root after `bash scripts/setup.sh` (kernel/dist is missing)');
  process.exit(2);
}

cleanupOnExit();

const runStart = performance.now();
const partial = { aborted: null };
const watchdog = setTimeout(() => {
  console.error(`bench/kernel: run budget of ${RUN_BUDGET_MS / 1000} s spent; stopping all kernels`);
  partial.aborted = 'run budget spent';
  writeResults();
  cleanup();
  process.exit(1);
}, RUN_BUDGET_MS);
watchdog.unref();

// ---------------------------------------------------------------- helpers
const quantile = (xs, q) => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const stats = (xs) => ({ n: xs.length, median: quantile(xs, 0.5), p90: quantile(xs, 0.9), min: quantile(xs, 0), max: quantile(xs, 1) });

// ---------------------------------------------------------------- peers
function ensurePeers() {
  const status = {};
  const tslabOk = () => {
    try {
      return JSON.parse(readFileSync(join(PEERS, 'node_modules', 'tslab', 'package.json'), 'utf8')).version === PEER_PINS.tslab;
    } catch {
      return false;
    }
  };
  const denoBin = join(PEERS, 'node_modules', '.bin', 'deno');
  const denoVersion = () => {
    if (!existsSync(denoBin)) return null;
    const r = spawnSync(denoBin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    return /deno (\S+)/.exec(r.stdout ?? '')?.[1] ?? null;
  };
  if (!tslabOk() || denoVersion() !== PEER_PINS.deno) {
    console.log(`installing peers (tslab@${PEER_PINS.tslab}, deno@${PEER_PINS.deno}) into ${relative(ROOT, PEERS) || PEERS} ...`);
    const r = spawnSync('npm', ['install', '--prefix', PEERS, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: existsSync(PEERS) ? PEERS : ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    if (r.status !== 0) {
      const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-3).join(' / ') || `npm exited ${r.status}`;
      console.log(`npm install of the peers failed: ${why}`);
      status.installError = why;
    }
  }
  status.tslab = tslabOk() ? { ok: true, version: PEER_PINS.tslab } : { ok: false, why: `tslab@${PEER_PINS.tslab} not installed in bench/kernel/peers${status.installError ? ` (${status.installError})` : ''}` };
  const dv = denoVersion();
  status.deno =
    dv === PEER_PINS.deno
      ? { ok: true, version: dv }
      : { ok: false, why: dv ? `deno ${dv} found, ${PEER_PINS.deno} pinned` : `deno@${PEER_PINS.deno} binary not runnable in bench/kernel/peers${status.installError ? ` (${status.installError})` : ''}` };
  return status;
}

const newObs = () => ({
  undecodable: 0,
  unanswered: 0,
  noIdle: 0,
  cellsAudited: 0,
  replyNotOk: 0,
  firstNotBusy: 0,
  executeInputMissing: 0,
  cellsWithOutputAfterIdle: 0,
  messagesAfterIdle: 0,
  valueAs: { execute_result: 0, stream: 0, onlyAfterIdle: 0, missing: 0 },
  completion: {},
  noExitOnShutdown: 0,
  failedStarts: 0,
  examples: {},
});

// ---------------------------------------------------------------- phases
async function coldStarts(names, results) {
  const cold = Object.fromEntries(names.map((n) => [n, { kernelInfo: [], firstCell: [], iopubReady: [] }]));
  for (let i = 0; i < STARTS; i++) {
    for (const name of names) {
      if (results[name].error) continue;
      let s;
      try {
        s = await Session.start(name, results[name].obs);
        cold[name].kernelInfo.push(s.coldStartMs);
        cold[name].iopubReady.push(s.iopubReadyMs);
        const ms = await s.cell('1+1', '2');
        if (ms !== null) cold[name].firstCell.push(performance.now() - s.t0);
        if (i === 0) results[name].kernelInfo = pickInfo(s.kernelInfo);
        await sleep(100);
        s.audit();
      } catch (e) {
        results[name].obs.failedStarts++;
        if (cold[name].kernelInfo.length === 0 && i >= 1) results[name].error = `could not be started: ${e.message}`;
        results[name].startErrors ??= [];
        results[name].startErrors.push(e.message);
      } finally {
        await s?.stop();
      }
    }
  }
  for (const name of names) {
    results[name].coldStart = stats(cold[name].kernelInfo);
    results[name].coldStartToIopub = stats(cold[name].iopubReady);
    results[name].coldStartToFirstCell = stats(cold[name].firstCell);
  }
}

const pickInfo = (c) => ({
  implementation: c.implementation,
  implementation_version: c.implementation_version,
  protocol_version: c.protocol_version,
  language: c.language_info?.name,
  language_version: c.language_info?.version,
});

async function sessionPhase(name, r) {
  const budgetEnd = performance.now() + KERNEL_BUDGET_MS;
  const check = () => {
    if (performance.now() > budgetEnd) throw new Error(`session budget of ${KERNEL_BUDGET_MS / 1000} s spent`);
  };
  const s = await Session.start(name, r.obs);
  try {
    await sleep(1000);
    r.rssMb = s.rssMb();
    const warm = [];
    for (let i = 0; i < WARMUPS; i++) warm.push(await s.cell('1+1', '2'));
    r.firstCellAfter1sIdle = warm[0] ?? undefined; // supplement: is the first cell slow only because the engine is still loading?
    const cells = [];
    for (let i = 0; i < CELLS; i++) {
      check();
      const ms = await s.cell('1+1', '2');
      if (ms !== null) cells.push(ms);
    }
    r.trivialCell = stats(cells);
    // Supplement: distinct trivial cells, in case a kernel caches by source text.
    const distinct = [];
    for (let i = 0; i < 20; i++) {
      check();
      const ms = await s.cell(`${i + 2}+1`, String(i + 3));
      if (ms !== null) distinct.push(ms);
    }
    r.distinctTrivialCell = stats(distinct);
    for (let i = 1; i <= DECLS; i++) {
      check();
      await s.cell(`const v${i} = ${i}`);
    }
    const comp = { v: [], 'Math.fl': [] };
    for (let i = 0; i < COMPLETIONS; i++) {
      for (const code of Object.keys(comp)) {
        check();
        const t = performance.now();
        const rep = await s.request('complete_request', { code, cursor_pos: code.length }, 10_000).reply.catch(() => null);
        if (!rep) {
          r.obs.unanswered++;
          continue;
        }
        comp[code].push(performance.now() - t);
        if (i === 0) {
          const matches = rep.content.matches ?? [];
          const c = rep.content;
          r.obs.completion[code] =
            code === 'v'
              ? { status: c.status, matches: matches.length, of_v1_v100: Array.from({ length: DECLS }, (_, k) => `v${k + 1}`).filter((v) => matches.includes(v)).length, cursor: [c.cursor_start, c.cursor_end] }
              : { status: c.status, matches: matches.length, floor: matches.some((m) => /(^|\.)floor$/.test(m)), sample: matches.slice(0, 5), cursor: [c.cursor_start, c.cursor_end] };
        }
      }
    }
    r.completion = { ...stats([...comp.v, ...comp['Math.fl']]), v: stats(comp.v), mathFl: stats(comp['Math.fl']) };
    // Supplement: the trivial cell again, now that the session holds 100 declarations.
    const late = [];
    for (let i = 0; i < 20; i++) {
      check();
      const ms = await s.cell('1+1', '2');
      if (ms !== null) late.push(ms);
    }
    r.trivialCellAfterDecls = stats(late);
    r.rssMbAfterSession = s.rssMb();
    await sleep(1000); // late outputs get a second to show up before the audit
    s.audit();
  } finally {
    await s.stop();
  }
}

// ---------------------------------------------------------------- run
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  nproc: cpus().length,
  cpu: cpus()[0]?.model,
  loadavgBefore: loadavg().map((x) => +x.toFixed(2)),
  starts: STARTS,
  cells: CELLS,
  warmups: WARMUPS,
  declarations: DECLS,
  completions: COMPLETIONS,
};
const results = { tsml: { obs: newObs() }, tslab: { obs: newObs() }, deno: { obs: newObs() } };
const writeResults = () => {
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'kernel.json'), JSON.stringify({ meta, ...partial, results }, null, 2));
};

const peers = ensurePeers();
meta.peers = peers;
for (const p of ['tslab', 'deno']) if (!peers[p].ok) results[p].error = `not available: ${peers[p].why}`;
const names = Object.keys(results);
for (const n of names) if (results[n].error) console.log(`${n}: ${results[n].error}`);

console.log(`cold starts: ${STARTS} per kernel, round-robin ...`);
await coldStarts(names, results);
for (const name of names) {
  if (results[name].error) continue;
  console.log(`${name}: session (${WARMUPS} warm-ups, ${CELLS} cells, ${DECLS} declarations, ${COMPLETIONS}x2 completions) ...`);
  try {
    await sessionPhase(name, results[name]);
  } catch (e) {
    results[name].sessionError = e.message;
    console.log(`${name}: session failed: ${e.message}`);
  }
}
meta.loadavgAfter = loadavg().map((x) => +x.toFixed(2));
meta.seconds = +((performance.now() - runStart) / 1000).toFixed(1);

// ---------------------------------------------------------------- report
const f = (x) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const rows = [
  ['cold start to kernel_info_reply, median (ms)', (r) => r.coldStart?.median],
  ['cold start p90 (ms)', (r) => r.coldStart?.p90],
  ['trivial cell `1+1` to idle, median (ms)', (r) => r.trivialCell?.median],
  ['trivial cell p90 (ms)', (r) => r.trivialCell?.p90],
  ['completion after 100 cells, median (ms)', (r) => r.completion?.median],
  ['completion p90 (ms)', (r) => r.completion?.p90],
  ['RSS 1 s after start (MB)', (r) => r.rssMb],
  ['_supplement:_ distinct trivial cells `k+1` (20), median (ms)', (r) => r.distinctTrivialCell?.median],
  ['_supplement:_ trivial cell after the 100 declarations (20), median (ms)', (r) => r.trivialCellAfterDecls?.median],
  ['_supplement:_ spawn to iopub live, median (ms)', (r) => r.coldStartToIopub?.median],
  ['_supplement:_ spawn to first `1+1` idle, median (ms)', (r) => r.coldStartToFirstCell?.median],
  ['_supplement:_ first `1+1` on a session idle 1 s after start (ms)', (r) => r.firstCellAfter1sIdle],
  ['_supplement:_ RSS at end of session (MB)', (r) => r.rssMbAfterSession],
];
const ratio = (get, other) => {
  const a = get(results.tsml);
  const b = get(results[other]);
  return a && b ? (a / b).toFixed(2) : '—';
};
const lines = [`| metric | ${names.join(' | ')} | tsml / tslab | tsml / deno |`, `|---|${names.map(() => '---:').join('|')}|---:|---:|`];
for (const [label, get] of rows) lines.push(`| ${label} | ${names.map((n) => f(get(results[n]))).join(' | ')} | ${ratio(get, 'tslab')} | ${ratio(get, 'deno')} |`);
const obsRows = [
  ['execute replies not `ok`', (o) => `${o.replyNotOk}/${o.cellsAudited}`],
  ['`1+1` value shown as execute_result / stream / only after idle / missing', (o) => `${o.valueAs.execute_result}/${o.valueAs.stream}/${o.valueAs.onlyAfterIdle}/${o.valueAs.missing}`],
  ['cells with output after their `idle` (messages)', (o) => `${o.cellsWithOutputAfterIdle}/${o.cellsAudited} (${o.messagesAfterIdle})`],
  ['first iopub message not `busy`', (o) => `${o.firstNotBusy}/${o.cellsAudited}`],
  ['`execute_input` missing or wrong', (o) => `${o.executeInputMissing}/${o.cellsAudited}`],
  ['requests never answered / cells never idle', (o) => `${o.unanswered} / ${o.noIdle}`],
  ['completion `v`: v1…v100 among matches', (o) => (o.completion.v ? `${o.completion.v.of_v1_v100}/100 (${o.completion.v.matches} matches)` : '—')],
  ['completion `Math.fl`: `floor` offered', (o) => (o.completion['Math.fl'] ? `${o.completion['Math.fl'].floor ? 'yes' : 'no'} (${o.completion['Math.fl'].matches} matches)` : '—')],
  ['no exit within 2 s of `shutdown_request`', (o) => `${o.noExitOnShutdown}/${STARTS + 1}`],
  ['failed starts / undecodable messages', (o) => `${o.failedStarts} / ${o.undecodable}`],
];
lines.push(`| **correctness (counted)** | ${names.map(() => '').join(' | ')} | | |`);
for (const [label, get] of obsRows) lines.push(`| ${label} | ${names.map((n) => (results[n].error ? '—' : get(results[n].obs))).join(' | ')} | | |`);

const targetLines = [];
const t = results.tsml;
const tv = { coldStart: t.coldStart?.median, trivialCell: t.trivialCell?.median, completion: t.completion?.median, rssMb: t.rssMb };
for (const [k, { max, label }] of Object.entries(TARGETS)) {
  const v = tv[k];
  const vs = ['tslab', 'deno']
    .map((p) => {
      const o = k === 'rssMb' ? results[p].rssMb : results[p][k]?.median;
      return v && o ? `${(v / o).toFixed(2)}× ${p}` : `${p} n/a`;
    })
    .join(', ');
  targetLines.push(`- ${label}: tsml ${f(v)} — ${v === undefined ? 'NOT MEASURED' : v < max ? 'met' : 'MISSED'} (${vs})`);
}

console.log(`\n${meta.date}  node ${meta.node}  nproc ${meta.nproc}  loadavg ${meta.loadavgBefore.join(' ')} -> ${meta.loadavgAfter.join(' ')}  (${meta.seconds} s)`);
for (const n of names) {
  if (results[n].error) console.log(`${n}: ${results[n].error}`);
  else console.log(`${n}: ${JSON.stringify(results[n].kernelInfo)}${results[n].sessionError ? `  SESSION ERROR: ${results[n].sessionError}` : ''}`);
  for (const [k, v] of Object.entries(results[n].obs.examples)) console.log(`  ${n} example ${k}: ${v}`);
}
console.log(`\n${lines.join('\n')}\n\nTargets (tsml):\n${targetLines.join('\n')}`);
meta.table = lines.join('\n');
meta.targets = targetLines;
writeResults();
console.log('\nwrote bench/results/kernel.json');
cleanup();
process.exit(0);
