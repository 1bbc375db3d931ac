/** What the bench runner sends a child process (`startChild` → `serveParent`). */
export interface ParentMessage {
  kind: 'call';
  id: number;
  /** The handler's name; `stop` is built in. */
  type: string;
  payload: unknown;
}

/** What a child process sends back to the runner. */
export type ChildMessage =
  | { kind: 'ready'; value: unknown }
  | { kind: 'failed'; error: string }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };
