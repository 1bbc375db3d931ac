/**
 * Resolves once `predicate` holds, checking every `intervalMs` (for a condition with no event to
 * wait for, such as "the upstream request was aborted"): a bounded wait, never a fixed sleep.
 *
 * @throws when `predicate` still fails after `timeoutMs`, with `what` in the message.
 */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
  intervalMs = 5,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
