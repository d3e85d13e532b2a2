/**
 * What the kernel knows about the frontend running the current cell. Live
 * displays (the loss chart) use it to skip work nobody sees: headless runners
 * (nbclient, papermill, `tsml run`) send `allow_stdin: false`, interactive
 * frontends (JupyterLab, Notebook, VS Code) send true. Outside a kernel there
 * is no frontend at all.
 */
export const frontend = {
  /** A kernel is running cells (display goes to a frontend, not stdout). */
  kernel: false,
  /** The current cell came from an interactive frontend. */
  interactive: false,
};

export function setFrontend(state: { kernel: boolean; interactive: boolean }): void {
  frontend.kernel = state.kernel;
  frontend.interactive = state.interactive;
}
