/**
 * The slice of JupyterLab's front-end API the harness reaches through `window.jupyterapp`
 * (exposed by --LabApp.expose_app_in_browser). Declared here rather than importing
 * @jupyterlab/* so the tests need no JupyterLab npm packages, only the running Lab.
 */
export {};

interface LabKernel { readonly status: string }
interface LabSessionContext {
  readonly ready: Promise<void>;
  readonly session: { readonly kernel: LabKernel | null } | null;
  readonly kernelDisplayName: string;
}
interface LabCell {
  readonly model: { readonly type: string };
  /** Code cells only; `future` is the cell's last execute request. */
  readonly outputArea?: { readonly future: { readonly done: Promise<unknown> } | null };
}
interface LabNotebookPanel {
  readonly context: { readonly path: string; readonly ready: Promise<void>; readonly model: { readonly dirty: boolean } };
  readonly sessionContext: LabSessionContext;
  readonly content: { readonly widgets: readonly LabCell[]; activeCellIndex: number };
}

declare global {
  interface Window {
    jupyterapp: {
      readonly started: Promise<void>;
      readonly restored: Promise<void>;
      readonly commands: { execute(id: string, args?: Record<string, unknown>): Promise<unknown> };
      readonly shell: { readonly currentWidget: LabNotebookPanel | null };
    };
  }
}
