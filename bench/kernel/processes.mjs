// bench/kernel: the kernels this bench starts, tracked so every process group and temporary
// folder is gone on exit, on error, on Ctrl-C and when the run's budget is spent.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

export const live = new Set(); // ChildProcess objects whose group may still exist
export const tmpDirs = new Set();

export function descendants(pid) {
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    let kids = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      try {
        kids = execFileSync('pgrep', ['-P', String(p)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      } catch {}
    }
    out.push(...kids);
    stack.push(...kids);
  }
  return out;
}

export function killTree(proc) {
  const pids = [proc.pid, ...descendants(proc.pid)];
  try {
    process.kill(-proc.pid, 'SIGKILL'); // the kernel's own process group (spawned detached)
  } catch {}
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL'); // any descendant that left the group
    } catch {}
  }
  live.delete(proc);
}

export function cleanup() {
  for (const p of [...live]) killTree(p);
  for (const d of tmpDirs) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {}
  }
  tmpDirs.clear();
}
/** Kills what is left whenever the process ends, however it ends. */
export function cleanupOnExit() {
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping every kernel this bench started`);
      cleanup();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (e) => {
    console.error('bench/kernel: uncaught', e);
    cleanup();
    process.exit(1);
  });
  process.on('unhandledRejection', (e) => {
    console.error('bench/kernel: unhandled rejection', e);
    cleanup();
    process.exit(1);
  });
}
