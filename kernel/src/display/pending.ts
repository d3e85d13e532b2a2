/**
 * Output work a cell starts but does not await — interact()'s first run, an
 * Output widget's pending redraw. The kernel lets it finish before it replies
 * to the cell (up to a limit), so a headless run saves the finished outputs.
 */
const pending = new Set<Promise<unknown>>();

export function trackOutput(p: Promise<unknown>): void {
  pending.add(p);
  const done = () => void pending.delete(p);
  p.then(done, done);
}

export function hasPendingOutputs(): boolean {
  return pending.size > 0;
}

/** Waits until tracked work (and work it starts) is done, or `ms` passed. */
export async function outputsSettled(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pending.size > 0) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...pending]), new Promise((r) => (timer = setTimeout(r, left)))]);
    clearTimeout(timer);
  }
}
