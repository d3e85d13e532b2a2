/**
 * Connects a Dive output to its panel views over a channel: columns on
 * request (binary, chunked), full rows for cards, the selection coming back,
 * highlights going out. Outside a kernel (a script, a test) there is no
 * channel: the output carries what it embeds and the handle works locally.
 */
import type { ChannelMessage, DiveColumnsRequest, DiveRowRequest, DiveRowsMessage, MimeBundle } from '../mime/index.js';
import { channelsLive, openChannel, type Channel } from '../channel/index.js';
import { buildDive, type DiveOptions } from './dive.js';
import { Dive } from './dive-handle.js';

/** Dives whose data stays in the kernel for their panels; older ones are closed (their outputs keep what they embed). */
export const LIVE_DIVES_MAX = 16;
const live: Channel[] = [];

const bytesOf = (b: Uint8Array | undefined): Uint8Array => b ?? new Uint8Array(0);

export function makeDive(input: unknown, opts: DiveOptions): { bundle: MimeBundle; handle: Dive } {
  const ch = channelsLive() ? openChannel() : null;
  let built;
  try {
    built = buildDive(input, opts, ch?.id);
  } catch (e) {
    ch?.close();
    throw e;
  }
  const { source } = built;
  const handle = new Dive(source, built.view, ch?.id ?? null);
  if (!ch) return { bundle: built.bundle, handle };

  ch.on('columns', (msg, _buffers, view) => {
    const names = (msg as DiveColumnsRequest).names;
    if (!Array.isArray(names)) throw new TypeError("a 'columns' request needs names: string[]");
    for (const name of names) for (const { msg: chunk, buffer } of source.chunks(String(name))) view.send(chunk, [buffer]);
  });
  ch.on('row', (msg, _buffers, view) => {
    const m = msg as DiveRowRequest;
    view.send({ type: 'row', id: m.id, row: m.row, values: source.rowValues(m.row) } satisfies DiveRowRequest);
  });
  ch.on('selection', (msg, buffers) => {
    const m = msg as DiveRowsMessage;
    handle.receiveSelection(m.encoding, bytesOf(buffers[0]));
  });
  const send = (m: ChannelMessage, buffer: Uint8Array) => ch.send({ ...m, buffers: [{ name: 'rows', dtype: 'uint8' }] }, [buffer]);
  handle.connect(send);
  ch.onConnect((view) => handle.resend((m, buffer) => view.send({ ...m, buffers: [{ name: 'rows', dtype: 'uint8' }] }, [buffer])));
  live.push(ch);
  while (live.length > LIVE_DIVES_MAX) {
    live.shift()!.close(`only the latest ${LIVE_DIVES_MAX} Dives stay live; run the cell again to explore this one`);
  }
  return { bundle: built.bundle, handle };
}
