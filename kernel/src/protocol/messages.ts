/** Typed Jupyter messages (protocol 5.4). */

export const PROTOCOL_VERSION = '5.4';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
  [key: string]: unknown;
}

/** A message as it travels between the I/O thread and the engine: already verified and parsed. */
export interface Message<C = Record<string, any>> {
  idents: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

export type Channel = 'shell' | 'control' | 'iopub' | 'stdin';

/** What the engine asks the I/O thread to send; the I/O thread fills in the header and signs it. */
export interface Outgoing {
  channel: Channel;
  msgType: string;
  content: unknown;
  parent: Partial<Header>;
  idents?: Buffer[];
  metadata?: Record<string, unknown>;
  buffers?: ArrayBufferView[];
}

export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  user_expressions?: Record<string, string>;
  allow_stdin?: boolean;
  stop_on_error?: boolean;
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface CompleteRequest {
  code: string;
  cursor_pos: number;
}

export interface InspectRequest {
  code: string;
  cursor_pos: number;
  detail_level?: 0 | 1;
}

export interface HistoryRequest {
  output?: boolean;
  raw?: boolean;
  hist_access_type: 'range' | 'tail' | 'search';
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}
