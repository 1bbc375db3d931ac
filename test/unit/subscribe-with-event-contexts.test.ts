import { buildSchema, parse } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createEventResults,
  subscribeWithEventContexts,
} from '../../src/server/subscribe-with-event-contexts.js';
import type { SharedEvents } from '../../src/server/subscribe-with-event-contexts.js';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Event { id: ID!, seenBy: String! }
  type Subscription { updated: Event! }
`);
const document = parse('subscription { updated { id seenBy } }');

interface Harness {
  events: object[];
  /** Every execution of `Event.seenBy`, by the context's label. */
  executions: string[];
}

// Each subscription's source yields the same event objects (as a watcher hands one state object
// to all its subscribers); `seenBy` records which event context executed it.
function argsFor(harness: Harness): ExecutionArgs {
  return {
    schema,
    document,
    contextValue: {},
    rootValue: undefined,
    fieldResolver: (source, _args, context: { label?: string }, info) => {
      if (info.fieldName === 'updated') return source;
      if (info.fieldName === 'seenBy') {
        harness.executions.push(context.label ?? 'operation');
        if (context.label === 'broken') throw new Error('upstream read failed');
        return context.label ?? 'operation';
      }
      return (source as Record<string, unknown>)[info.fieldName];
    },
    subscribeFieldResolver: () => {
      const items = harness.events[Symbol.iterator]();
      return {
        next: () => Promise.resolve(items.next()),
        return: () => Promise.resolve({ done: true, value: undefined }),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

async function drain(
  stream: Awaited<ReturnType<typeof subscribeWithEventContexts>>,
): Promise<ExecutionResult[]> {
  if (!(Symbol.asyncIterator in stream)) throw new Error('expected a stream');
  const results: ExecutionResult[] = [];
  for await (const result of stream) results.push(result);
  return results;
}

describe('subscribeWithEventContexts', () => {
  it('should execute each event once per sharing key and give every subscription of the key the same result', async () => {
    const harness: Harness = { events: [{ id: '1' }, { id: '2' }], executions: [] };
    const results = createEventResults();
    const shared: SharedEvents = { results, key: 'tenant-a' };
    const first = await drain(
      await subscribeWithEventContexts(argsFor(harness), () => ({ label: 'first' }), shared),
    );
    const second = await drain(
      await subscribeWithEventContexts(argsFor(harness), () => ({ label: 'second' }), shared),
    );

    expect(harness.executions).toEqual(['first', 'first']);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(first.map((result) => result.data)).toEqual([
      { updated: { id: '1', seenBy: 'first' } },
      { updated: { id: '2', seenBy: 'first' } },
    ]);
  });

  it('should never share a result between two sharing keys (two credentials), even for the same event object', async () => {
    const harness: Harness = { events: [{ id: '1' }], executions: [] };
    const results = createEventResults();
    const a = await drain(
      await subscribeWithEventContexts(argsFor(harness), () => ({ label: 'a' }), {
        results,
        key: 'credential-a',
      }),
    );
    const b = await drain(
      await subscribeWithEventContexts(argsFor(harness), () => ({ label: 'b' }), {
        results,
        key: 'credential-b',
      }),
    );

    expect(harness.executions).toEqual(['a', 'b']);
    expect(a[0]?.data).toEqual({ updated: { id: '1', seenBy: 'a' } });
    expect(b[0]?.data).toEqual({ updated: { id: '1', seenBy: 'b' } });
  });

  it('should not keep a result with errors: a subscription that reads the event later executes it again', async () => {
    const harness: Harness = { events: [{ id: '1' }], executions: [] };
    const shared: SharedEvents = { results: createEventResults(), key: 'tenant-a' };
    const failed = await drain(
      await subscribeWithEventContexts(argsFor(harness), () => ({ label: 'broken' }), shared),
    );
    const retried = await drain(
      await subscribeWithEventContexts(argsFor(harness), () => ({ label: 'second' }), shared),
    );

    expect(failed[0]?.errors).toHaveLength(1);
    expect(harness.executions).toEqual(['broken', 'second']);
    expect(retried[0]?.data).toEqual({ updated: { id: '1', seenBy: 'second' } });
  });

  it('should execute every event of every subscription with a fresh context when nothing is shared', async () => {
    const harness: Harness = { events: [{ id: '1' }, { id: '2' }], executions: [] };
    let contexts = 0;
    const eventContext = () => ({ label: `context-${++contexts}` });
    await drain(await subscribeWithEventContexts(argsFor(harness), eventContext));
    await drain(await subscribeWithEventContexts(argsFor(harness), eventContext));

    expect(harness.executions).toEqual(['context-1', 'context-2', 'context-3', 'context-4']);
  });
});
