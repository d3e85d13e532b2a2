/**
 * The I/O thread: owns every ZeroMQ socket so the kernel stays responsive
 * (heartbeat, control, interrupt, kernel_info) while a cell blocks the engine's
 * main thread. It verifies and signs every message; the engine sees only parsed,
 * verified messages and asks this thread to send replies and publish outputs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type * as Inspector from 'node:inspector';
import * as zmq from 'zeromq';
import { decode, digestFor, encode, makeHeader, nodeCrypto, preciseNow, Signer } from './wire.js';
import type { Channel, Message, Outgoing } from './messages.js';
import { Flag, RunState, type IoThreadData, type ToEngine, type ToIo } from './thread-messages.js';
import { log } from '../util/log.js';
import { kernelInfo } from '../info.js';

const data = workerData as IoThreadData;
/** Made once the sockets are being bound (main), so that node:crypto and package.json load meanwhile. */
let session = '';
let info: Record<string, unknown> = {};
const port = parentPort!;
const flags = new Int32Array(data.flags);
const conn = data.connection;
const signer = new Signer(conn.key ?? '', digestFor(conn.signature_scheme));

const toEngine = (m: ToEngine) => port.postMessage(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** zeromq.js allows one pending send per socket; this queues the rest in order. */
class Outbox {
  private queue: Buffer[][] = [];
  private draining = false;
  constructor(private readonly socket: zmq.Writable) {}

  push(frames: Buffer[]): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(frames);
      (frames as Buffer[] & { done?: () => void }).done = resolve;
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length) {
      const frames = this.queue.shift()! as Buffer[] & { done?: () => void };
      try {
        await this.socket.send(frames);
      } catch (e) {
        log(`send failed: ${(e as Error).message}`);
      }
      frames.done?.();
    }
    this.draining = false;
  }
}

function endpoint(p: number): string {
  return conn.transport === 'ipc' ? `ipc://${conn.ip}-${p}` : `tcp://${conn.ip}:${p}`;
}

const shell = new zmq.Router({ linger: 500 });
const control = new zmq.Router({ linger: 500 });
const stdin = new zmq.Router({ linger: 500 });
const iopub = new zmq.XPublisher({ linger: 500 });
const hb = new zmq.Reply({ linger: 0 });
iopub.verbosity = 'allSubs';

const outboxes: Record<Channel, Outbox> = {
  shell: new Outbox(shell),
  control: new Outbox(control),
  stdin: new Outbox(stdin),
  iopub: new Outbox(iopub),
};

function send(out: Outgoing): Promise<void> {
  const header = makeHeader(out.msgType, session);
  const idents = out.channel === 'iopub' ? [Buffer.from(`kernel.${session}.${out.msgType}`)]
      : (out.idents ?? []).map((b) => Buffer.from(b));
  const frames = encode(
    { idents, header, parent: out.parent, metadata: out.metadata, content: out.content, buffers: out.buffers },
    signer,
  );
  return outboxes[out.channel].push(frames);
}

function publish(msgType: string, content: unknown, parent: Message['header'] | {}) {
  return send({ channel: 'iopub', msgType, content, parent });
}

function reply(channel: 'shell' | 'control', req: Message, msgType: string, content: unknown) {
  return send({ channel, msgType, content, parent: req.header, idents: req.idents });
}

// ---- interrupt -------------------------------------------------------------

let inspectorSession: Inspector.Session | undefined;

/** Stops JS that starves the engine's event loop (e.g. `while (true) await null`). */
async function terminateEngineExecution(): Promise<void> {
  if (!inspectorSession) {
    // Loaded here, not at start: only an interrupt that nothing else answered needs it.
    const inspector = await import('node:inspector');
    inspectorSession = new inspector.Session();
    inspectorSession.connectToMainThread();
  }
  return new Promise((resolve) => inspectorSession!.post('Runtime.terminateExecution', () => resolve()));
}

/**
 * SIGINT reaches a synchronous cell through vm's breakOnSigint and an awaiting
 * cell through the engine's SIGINT listener. If neither acknowledges in time the
 * engine is starving its event loop, and only V8 termination can stop it.
 */
async function interrupt(): Promise<void> {
  Atomics.store(flags, Flag.Interrupt, 1);
  const ack = Atomics.load(flags, Flag.Ack);
  const settled = () => Atomics.load(flags, Flag.Ack) !== ack || Atomics.load(flags, Flag.State) === RunState.Idle;
  const waitFor = async (ms: number) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(5)) if (settled()) return true;
    return settled();
  };
  if (settled()) return;
  // Loops in cell code stop on the flag alone. A SIGINT sent when not needed could land in the
  // next cell (signals arrive late under load), so it is only sent if the flag was not enough.
  if (await waitFor(30)) return;
  process.kill(process.pid, 'SIGINT');
  if (await waitFor(data.interruptGraceMs)) return;
  log('engine did not answer SIGINT: terminating the running JavaScript');
  await terminateEngineExecution();
  toEngine({ type: 'terminated' });
}

// ---- request handling --------------------------------------------------------

async function handleControl(msg: Message): Promise<void> {
  const type = msg.header.msg_type;
  switch (type) {
    case 'kernel_info_request':
      return answerKernelInfo('control', msg);
    case 'interrupt_request':
      // Statuses are queued in order on iopub but not awaited: behind a backlog of large outputs
      // (a live chart under load) waiting for them could hold the interrupt itself back.
      void publish('status', { execution_state: 'busy' }, msg.header);
      await interrupt();
      await reply('control', msg, 'interrupt_reply', { status: 'ok' });
      void publish('status', { execution_state: 'idle' }, msg.header);
      return;
    case 'shutdown_request': {
      const restart = Boolean((msg.content as { restart?: boolean }).restart);
      await publish('status', { execution_state: 'busy' }, msg.header);
      await reply('control', msg, 'shutdown_reply', { status: 'ok', restart });
      await publish('status', { execution_state: 'idle' }, msg.header);
      return shutdown(restart);
    }
    default:
      forward('control', msg);
  }
}

/** The I/O thread says busy itself: it is first on iopub for the request, without a trip to the engine. */
function forward(channel: 'shell' | 'control', msg: Message): void {
  void publish('status', { execution_state: 'busy' }, msg.header);
  toEngine({ type: 'request', channel, msg, arrival: preciseNow() });
}

/**
 * Settles when every socket is bound. kernel_info is a launcher's readiness probe, so it is not
 * answered before then: a kernel whose shell is served while another port turns out to be taken
 * would pass the probe and die at its first cell, instead of being started again on new ports.
 */
let allBound: Promise<unknown> = Promise.resolve();

async function answerKernelInfo(channel: 'shell' | 'control', msg: Message): Promise<void> {
  if (!(await allBound.then(() => true, () => false))) return; // the kernel is exiting with the bind error
  await publish('status', { execution_state: 'busy' }, msg.header);
  await reply(channel, msg, 'kernel_info_reply', info);
  await publish('status', { execution_state: 'idle' }, msg.header);
}

function handleShell(msg: Message): void {
  const type = msg.header.msg_type;
  if (type === 'kernel_info_request') {
    void answerKernelInfo('shell', msg);
  } else if (type === 'shutdown_request') {
    // Old clients send shutdown on shell; treat it exactly like control.
    void handleControl(msg);
  } else {
    forward('shell', msg);
  }
}

let shuttingDown = false;
async function shutdown(restart: boolean): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  await sleep(20); // let zmq hand the reply and idle status to the network
  for (const s of [shell, control, stdin, iopub, hb]) s.close();
  toEngine({ type: 'shutdown', restart });
}

async function serve(socket: zmq.Router, channel: 'shell' | 'control' | 'stdin'): Promise<void> {
  for await (const frames of socket) {
    let msg: Message;
    try {
      msg = decode(frames as Buffer[], signer);
    } catch (e) {
      log(`dropped a message on ${channel}: ${(e as Error).message}`);
      continue;
    }
    try {
      if (channel === 'shell') handleShell(msg);
      else if (channel === 'control') await handleControl(msg);
      else handleStdin(msg);
    } catch (e) {
      log(`error handling ${msg.header.msg_type} on ${channel}: ${(e as Error).stack}`);
    }
  }
}

function handleStdin(msg: Message): void {
  if (msg.header.msg_type !== 'input_reply') {
    log(`ignored ${msg.header.msg_type} on stdin`);
    return;
  }
  const value = (msg.content as { value?: unknown }).value;
  toEngine({ type: 'input_reply', value: typeof value === 'string' ? value : String(value ?? '') });
}

/** JEP 65: greet every new iopub subscriber so clients know they are connected. */
async function welcomeSubscribers(): Promise<void> {
  for await (const [frame] of iopub) {
    if (frame.length > 0 && frame[0] === 1) {
      await publish('iopub_welcome', { subscription: frame.subarray(1).toString('utf8') }, {});
    }
  }
}

async function heartbeat(): Promise<void> {
  for await (const frames of hb) await hb.send(frames);
}

function fromEngine(m: ToIo): void {
  if (m.type === 'batch') {
    for (const item of m.items) fromEngine(item);
  } else if (m.type === 'send') {
    void send(m.out);
  } else if (m.type === 'input_request') {
    void send({
      channel: 'stdin',
      msgType: 'input_request',
      content: { prompt: m.prompt, password: m.password },
      parent: m.parent.header,
      idents: m.parent.idents.map((b) => Buffer.from(b)),
    });
  } else if (m.type === 'exit') {
    // Closing sockets while the process tears down zeromq's context aborts it; close them first.
    shuttingDown = true;
    for (const s of [shell, control, stdin, iopub, hb]) {
      try {
        s.close();
      } catch {
        // already closed by a shutdown_request
      }
    }
    // Let the closed sockets' pending receives settle before the process tears the addon down.
    setTimeout(() => {
      Atomics.store(flags, Flag.Closed, 1);
      Atomics.notify(flags, Flag.Closed);
    }, 20);
  } else if (m.type === 'close') {
    void shutdown(false);
  }
}

port.on('message', fromEngine);

async function main(): Promise<void> {
  const sockets = {
    shell: [shell, conn.shell_port, () => serve(shell, 'shell')],
    control: [control, conn.control_port, () => serve(control, 'control')],
    stdin: [stdin, conn.stdin_port, () => serve(stdin, 'stdin')],
    iopub: [iopub, conn.iopub_port, welcomeSubscribers],
    hb: [hb, conn.hb_port, heartbeat],
  } as const;
  // All binds at once (each is a round trip to libuv's thread pool), each socket served as soon as it
  // is bound (kernel_info alone waits for all of them: see allBound).
  const loops: Promise<void>[] = [];
  const bound = Object.entries(sockets).map(async ([name, [socket, p, loop]]) => {
    await socket.bind(endpoint(p)).catch((e: Error) => {
      // Which port, so a launcher can pick new ones (the message keeps libzmq's "Address already in use").
      throw new Error(`cannot bind the ${name} socket to ${endpoint(p)}: ${e.message}`);
    });
    loops.push(loop());
    return [name, endpoint(p)] as const;
  });
  allBound = Promise.all(bound);
  allBound.catch(() => undefined); // the bind error is reported once, below, not as an unhandled rejection
  session = data.session ?? nodeCrypto().randomUUID();
  info = data.kernelInfo ?? kernelInfo();
  toEngine({ type: 'ready', endpoints: Object.fromEntries(await Promise.all(bound)) });
  await Promise.allSettled(loops);
}

main().catch(async (e: Error) => {
  if (shuttingDown) return;
  // The engine exits on 'fatal'; sockets still open (and served) then would abort the process in
  // zeromq's teardown before the error is printed, so they are closed and let settle first.
  shuttingDown = true;
  for (const s of [shell, control, stdin, iopub, hb]) {
    try {
      s.close();
    } catch {
      // never bound
    }
  }
  await sleep(20);
  toEngine({ type: 'fatal', error: e.message });
});
