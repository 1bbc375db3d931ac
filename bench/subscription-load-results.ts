/** What the subscription load generator answers to `open`. */
export interface OpenResult {
  sockets: number;
  subscriptions: number;
  /** Whether every subscription got its first event (or ended) before the timeout. */
  settled: boolean;
  setupMs: number;
  withFirstEvent: number;
  /** Summaries of failed subscriptions (empty when none failed). */
  failures: string[];
}

/** What the subscription load generator answers to `await-complete`. */
export interface FanOutResult {
  /** Whether every subscription ended before the timeout. */
  settled: boolean;
  /** Subscriptions the server completed normally. */
  completed: number;
  /** Subscriptions that received the terminal state. */
  withTerminalEvent: number;
  /** Events received in all, first states included. */
  events: number;
  /** When each terminal event arrived (`wallClockMs()`), by job id. */
  terminalReceipts: Record<string, number[]>;
  failures: string[];
}
