/**
 * The JupyterLab / Notebook 7 plugin behind the panel host: it knows the open
 * notebooks, so it can tell which notebook (and kernel) shows a given output,
 * and add cells to it. It wires tokens only; the logic is in host.ts and live.ts.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker, type Notebook, type NotebookPanel } from '@jupyterlab/notebook';
import { panelHost, type OutputSite } from './host';

/** A "Create New View for Output" widget: its own node, but the notebook's path and cell index. */
interface ClonedOutput {
  node: HTMLElement;
  path?: unknown;
  index?: unknown;
}

function insertBelow(notebook: Notebook, index: number, source: string): boolean {
  const model = notebook.model;
  if (!model || index < 0) return false;
  model.sharedModel.insertCell(index + 1, { cell_type: 'code', source });
  notebook.activeCellIndex = index + 1;
  void notebook.scrollToItem(index + 1, 'smart');
  return true;
}

function siteOf(panel: NotebookPanel, cellIndex: (node: HTMLElement) => number): OutputSite {
  return {
    session: panel.sessionContext,
    insertCellBelow: (node, source) => insertBelow(panel.content, cellIndex(node), source),
  };
}

const channel: JupyterFrontEndPlugin<void> = {
  id: '@tsml/jupyterlab:channel',
  description: 'Lets tsml panels talk to the kernel behind their output (tsml.channel.v1 comms) and insert cells.',
  autoStart: true,
  optional: [INotebookTracker],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker | null) => {
    if (!tracker) return; // a page without notebooks (Notebook 7's file browser): panels stay static
    panelHost().setLocator((node) => {
      const panel = tracker.find((p) => p.node.contains(node));
      if (panel) return siteOf(panel, (n) => panel.content.widgets.findIndex((c) => c.node.contains(n)));
      for (const w of app.shell.widgets('main') as Iterable<ClonedOutput>) {
        if (!w.node.contains(node) || typeof w.path !== 'string') continue;
        const owner = tracker.find((p) => p.context.path === w.path);
        if (owner) return siteOf(owner, () => (typeof w.index === 'number' ? w.index : -1));
      }
      return null;
    });
  },
};

export default [channel];
