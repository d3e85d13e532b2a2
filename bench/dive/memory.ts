/** Memory of this process's Chromium (browser, renderer, GPU and utility processes): the sum of their PSS. */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

function pssKiB(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** PSS in MiB of every Chromium process descended from this Node process. */
export function chromiumPssMiB(root = process.pid): number {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number);
  let total = 0;
  for (const pid of pids) {
    let comm = '';
    try { comm = readFileSync(`/proc/${pid}/comm`, 'utf8'); } catch { continue; }
    if (!/chrom/i.test(comm)) continue;
    for (let p = parentOf(pid), hops = 0; p > 1 && hops < 20; p = parentOf(p), hops++) {
      if (p === root) { total += pssKiB(pid); break; }
    }
  }
  return total / 1024;
}
