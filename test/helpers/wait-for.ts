/**
 * Resolves with the first truthy value of `predicate` (sync or async), re-checked every
 * `intervalMs`, for a condition with no event to wait for (such as "the upstream request was
 * aborted"): a bounded wait, never a fixed sleep.
 *
 * @throws when `predicate` is still falsy after `timeoutMs`, with `what` in the message.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 5000,
  what = 'condition',
  intervalMs = 5,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
