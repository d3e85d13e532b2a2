/**
 * The panel <-> kernel channel, extension side: `panelHost().connect(node, id)`
 * from a renderer, `panelHost().insertCellBelow(node, source)` for "insert code".
 */
export { panelHost, PanelHost } from './host';
export type { PanelChannel, ChannelState, ConnectOptions, MessageCallback, Buffers } from './types';
