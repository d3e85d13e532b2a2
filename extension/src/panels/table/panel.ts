/**
 * The table panel: a tsml table output. Without a kernel it shows the rows
 * saved in the notebook (the first and last few, as the static HTML does);
 * when the kernel that rendered it is still running, every row scrolls and
 * sorts, a page at a time over the output's channel.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { shapeLabel } from 'tsml/tableview';
import type { TablePayload, TableRowsReply, TableRowsRequest, TableSchema } from 'tsml/mime';
import { panelHost, type PanelChannel } from '../../channel';
import { LiveGrid } from './grid';
import { savedTable } from './saved';

export class TablePanel extends Widget implements IRenderMime.IRenderer {
  private payload: TablePayload | null = null;
  private channel: PanelChannel | null = null;
  private channelId: string | undefined;
  private grid: LiveGrid | null = null;
  private seq = 0;
  private readonly status = document.createElement('div');
  private readonly content = document.createElement('div');

  constructor(private readonly options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('tsml-tbl');
    this.status.className = 'tsml-tbl-status';
    this.status.setAttribute('aria-live', 'polite');
    this.node.append(this.content, this.status);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const p = model.data[this.options.mimeType] as unknown as TablePayload;
    if (!p || !Array.isArray(p.columns) || !Array.isArray(p.shape)) {
      this.content.textContent = 'tsml table: this output has no table payload to show.';
      return;
    }
    this.payload = p;
    if (p.channel && p.channel === this.channelId && this.grid) return; // same live table, redrawn by Lab
    this.disconnect();
    this.showSaved(p.channel ? 'connecting to the kernel…' : undefined);
    if (p.channel) await this.goLive(p.channel);
  }

  override dispose(): void {
    this.disconnect();
    super.dispose();
  }

  protected override onAfterAttach(): void {
    this.grid?.layout();
  }

  private disconnect(): void {
    this.channel?.close();
    this.channel = null;
    this.channelId = undefined;
    this.grid = null;
  }

  private showSaved(note?: string): void {
    const p = this.payload!;
    this.grid = null;
    this.content.replaceChildren(savedTable(p));
    const shown = p.truncated ? `the first ${p.head.length} and last ${p.tail.length} of ` : '';
    this.status.textContent = `${shown}${shapeLabel(p.shape[0], p.shape[1])}${p.columnsTruncated ? ` (first ${p.columns.length} columns shown)` : ''}${note ? ` · ${note}` : ''}`;
  }

  private async goLive(id: string): Promise<void> {
    this.channelId = id;
    const ch = await panelHost().connect(this.node, id);
    if (this.isDisposed || this.channelId !== id) return ch?.close();
    if (!ch) return this.showSaved(this.payload!.truncated ? 'saved rows; run the cell to scroll and sort every row' : undefined);
    this.channel = ch;
    ch.onMessage((m) => {
      if (m.type === 'schema') this.showLive(m as TableSchema);
      else if (m.type === 'rows') this.grid?.receive(m as TableRowsReply);
      else if (m.type === 'channel-gone') this.showSaved(`saved rows (${String(m.reason)})`);
    });
  }

  private showLive(schema: TableSchema): void {
    const p = this.payload!;
    this.grid = new LiveGrid(schema, [...p.head, ...p.tail], (r) => this.requestRows(r), (text) => (this.status.textContent = text));
    this.content.replaceChildren(this.grid.node);
    this.grid.layout();
  }

  private requestRows(r: { start: number; count: number; sort: TableRowsRequest['sort'] }): void {
    const msg: TableRowsRequest = { type: 'rows', seq: ++this.seq, ...r };
    this.channel?.send(msg);
  }
}
