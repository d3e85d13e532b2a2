/**
 * Executes one cell as a frontend does: an execute_request on shell, then iopub
 * outputs until the kernel goes idle for that request. A cell ends in one of four
 * ways: the kernel finished it (ok or error), it ran past its time (the kernel is
 * interrupted, as nbclient does), the kernel process died, or the run was stopped
 * (SIGINT/SIGTERM to the runner).
 */
import type { Message } from '../protocol/messages.js';
import type { RunningKernel } from './launcher.js';
import type { Output } from './notebook.js';
import type { OutputCollector } from './outputs.js';

export type CellStatus = 'ok' | 'error' | 'timeout' | 'dead' | 'stopped';

type ErrorOutput = Extract<Output, { output_type: 'error' }>;

export interface CellOutcome {
  status: CellStatus;
  executionCount: number | null;
  /** The error as a notebook output (the kernel's, or one the runner made up for timeouts and deaths). */
  error?: ErrorOutput;
}

export interface CellRequest {
  code: string;
  /** Milliseconds until this cell times out, and what to call that timeout. */
  timeoutMs: number;
  timeoutError: (seconds: number) => { ename: string; evalue: string };
  stopOnError: boolean;
  signal: AbortSignal;
  /** Called when outputs changed (the notebook may be saved). */
  onChange: () => void;
}

/** nbclient's iopub_timeout: how long to wait for idle once the reply came. */
const IOPUB_GRACE_MS = 4000;
/** How long an interrupted cell gets to end before the kernel counts as stuck. */
const INTERRUPT_GRACE_MS = 5000;

const runnerError = (ename: string, evalue: string, detail: string[] = []): ErrorOutput => ({
  output_type: 'error',
  ename,
  evalue,
  traceback: [`${ename}: ${evalue}`, ...detail],
});

type Ending = 'done' | 'timeout' | 'dead' | 'stopped';

export async function executeCell(kernel: RunningKernel, outputs: OutputCollector, req: CellRequest): Promise<CellOutcome> {
  let reply: Message | undefined;
  let replyAt = 0;
  let idle = false;
  let kernelError: Record<string, any> | undefined;
  let wake: () => void = () => undefined;
  const started = Date.now();
  const sent = kernel.client.send(
    'shell',
    'execute_request',
    { code: req.code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: req.stopOnError },
    0,
    (m) => {
      if (m.header.msg_type === 'status') {
        if (m.content.execution_state === 'idle') idle = true;
      } else if (outputs.handle(m)) req.onChange();
      if (m.header.msg_type === 'error') kernelError = m.content;
      wake();
    },
  );
  sent.reply.then(
    (m) => {
      reply = m;
      replyAt = Date.now();
      wake();
    },
    () => undefined, // the connection closed: the kernel's death or the stop decides the ending
  );
  const dead = kernel.exited.then(() => 'dead' as const);
  let onAbort = () => undefined as void;
  const stopped = new Promise<'stopped'>((resolve) => {
    onAbort = () => resolve('stopped');
    if (req.signal.aborted) onAbort();
    req.signal.addEventListener('abort', onAbort, { once: true });
  });

  /** Waits until reply and idle both arrived, or `ms` passed, or the kernel died, or the run stopped. */
  const waitDone = async (ms: number): Promise<Ending> => {
    const deadline = Date.now() + ms;
    for (;;) {
      if (reply && idle) return 'done';
      const left = (reply ? Math.min(deadline, replyAt + IOPUB_GRACE_MS) : deadline) - Date.now();
      if (left <= 0) return reply ? 'done' : 'timeout';
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<'tick'>((r) => {
        wake = () => r('tick');
        if (left < 2 ** 31) timer = setTimeout(() => r('tick'), left); // no limit: wait for an event
      });
      const r = await Promise.race([tick, dead, stopped]);
      clearTimeout(timer);
      if (r !== 'tick') return reply && idle ? 'done' : r;
    }
  };

  let ending = await waitDone(req.timeoutMs);
  let timedOut = false;
  if (ending === 'timeout') {
    timedOut = true;
    await kernel.interrupt().catch(() => undefined);
    ending = await waitDone(INTERRUPT_GRACE_MS);
  }
  sent.release();
  req.signal.removeEventListener('abort', onAbort);
  const count = (reply?.content.execution_count as number | undefined) ?? outputs.executionCount;
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (timedOut) {
    const { ename, evalue } = req.timeoutError(Math.round(req.timeoutMs / 100) / 10);
    // Where the kernel was when interrupted is the useful part of a timeout's report.
    const where = kernelError ? ['', 'The kernel reported, when interrupted:', ...(kernelError.traceback ?? []).map(String)] : [];
    const stuck = ending === 'done' ? [] : ['', 'The kernel did not stop when interrupted; it was shut down.'];
    const error = runnerError(ename, evalue, [...where, ...stuck]);
    outputs.append(error);
    return { status: 'timeout', executionCount: count, error };
  }
  if (ending === 'dead') {
    const how = await kernel.exited;
    const tail = kernel.outputTail().trim();
    const error = runnerError('DeadKernelError', `the kernel died while running this cell (${how}) after ${seconds} s`, tail ? ['Kernel output:', tail] : []);
    outputs.append(error);
    return { status: 'dead', executionCount: count, error };
  }
  if (ending === 'stopped') {
    const error = runnerError('RunStopped', `tsml run was stopped while this cell was running (after ${seconds} s)`);
    outputs.append(error);
    return { status: 'stopped', executionCount: count, error };
  }
  const c = reply!.content;
  if (c.status === 'error') {
    const error = { output_type: 'error' as const, ename: String(c.ename ?? 'Error'), evalue: String(c.evalue ?? ''), traceback: (c.traceback ?? []).map(String) };
    return { status: 'error', executionCount: count, error };
  }
  return { status: 'ok', executionCount: count };
}
