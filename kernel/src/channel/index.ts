/**
 * Panel <-> kernel channels (contract: `kernel/src/mime/channel.ts`).
 *
 *   const ch = openChannel();                 // put ch.id in the panel's payload as `channel`
 *   ch.onConnect((view) => view.send({ type: 'state', ... }));
 *   ch.on('selection', (msg, buffers) => { ... });
 *   ch.send({ type: 'highlight', buffers: [{ name: 'rows', dtype: 'int32' }] }, [rows]);
 *
 * The kernel registers the comm target at start (`installChannels`); outside a
 * kernel (a plain script) channels work but nothing ever connects.
 */
import { CHANNEL_TARGET, type ChannelError, type ChannelGone } from '../mime/channel.js';
import type { CommManager } from '../comm/manager.js';
import { log } from '../util/log.js';
import { Channel, type ChannelErrorReporter } from './channel.js';

export { Channel, type ChannelView, type ChannelHandler, type ConnectHandler, type ChannelErrorReporter } from './channel.js';

const channels = new Map<string, Channel>();
let installed = false;
let reporter: ChannelErrorReporter = (err, where) => log(`error in ${where}: ${(err as Error)?.stack ?? String(err)}`);

/** Opens a new channel (a fresh id unless `id` is given; an id already open returns that channel). */
export function openChannel(opts: { id?: string } = {}): Channel {
  const existing = opts.id === undefined ? undefined : channels.get(opts.id);
  if (existing) return existing;
  const ch = new Channel(() => reporter, (c) => channels.delete(c.id), opts.id);
  channels.set(ch.id, ch);
  return ch;
}

/** True in a kernel (the comm target is registered): views can connect to channels opened now. */
export function channelsLive(): boolean {
  return installed;
}

/** The open channel with this id, if any. */
export function findChannel(id: string): Channel | undefined {
  return channels.get(id);
}

/** How many channels are open (for tests and diagnostics). */
export function openChannels(): number {
  return channels.size;
}

/** The payload a view receives when its channel's kernel-side error is reported. */
export function channelError(err: unknown, where: string): ChannelError {
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: 'channel-error', where, ename: e.name, evalue: e.message, traceback: (e.stack ?? `${e.name}: ${e.message}`).split('\n') };
}

/**
 * Registers the `tsml.channel.v1` comm target. `report` is told about every
 * throwing handler (the kernel shows it in the notebook); the view that caused
 * it also receives a `channel-error` message.
 */
export function installChannels(comms: CommManager, report?: ChannelErrorReporter): void {
  installed = true;
  reporter = (err, where, view) => {
    log(`error in ${where}: ${(err as Error)?.stack ?? String(err)}`);
    if (view) {
      try {
        view.send(channelError(err, where));
      } catch (e) {
        log(`could not send a channel-error: ${(e as Error).message}`);
      }
    }
    report?.(err, where, view);
  };
  comms.registerTarget(CHANNEL_TARGET, (comm, open) => {
    const id = open.data?.channel;
    const ch = typeof id === 'string' ? channels.get(id) : undefined;
    if (!ch) {
      const reason =
        typeof id !== 'string'
          ? `comm_open to ${CHANNEL_TARGET} needs data { channel: "<id>" }; got ${JSON.stringify(open.data)}`
          : `this kernel has no channel ${id}: the kernel restarted or the output comes from an earlier session; run the cell again for a live view`;
      const gone: ChannelGone = { type: 'channel-gone', reason };
      comm.send(gone as unknown as Record<string, unknown>);
      comm.close({ reason });
      return;
    }
    ch.attach(comm);
  });
}
