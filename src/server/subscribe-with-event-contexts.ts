import { createSourceEventStream, execute, getOperationAST, Kind, locatedError } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { mapSourceStream } from './map-source-stream.js';
import type { MappedStream } from './map-source-stream.js';

type PendingResult = Promise<ExecutionResult> | ExecutionResult;

/**
 * Event results shared between subscriptions (see `createEventResults`): by event object, then by
 * sharing key.
 */
export type EventResults = WeakMap<object, Map<string, PendingResult>>;

/** How the events of one subscription may share their execution with other subscriptions'. */
export interface SharedEvents {
  /** The gateway's table of results (one per gateway, from `createEventResults`). */
  results: EventResults;
  /**
   * Two subscriptions with the same key get the same result for the same event object. It must
   * tell apart everything the result depends on besides the event: the document, the operation,
   * the variables and the credential (never share across credentials).
   */
  key: string;
}

/**
 * The table of shared event results. Entries live as long as their event object: a watcher hands
 * the same state object to each of its subscribers and drops it once a newer state replaced it
 * and every subscriber read it.
 */
export function createEventResults(): EventResults {
  return new WeakMap();
}

/**
 * graphql-js' `subscribe`, except that every event is executed with a fresh context from
 * `createEventContext` instead of the operation's: a subscription can live for minutes, and its
 * events must neither share one DataLoader cache (a later event would see an earlier read) nor one
 * operation deadline. The operation's context (`args.contextValue`) is the one the root field's
 * `subscribe` sees; it is not kept once the source stream exists.
 *
 * With `shared`, an event (an object) is executed once per sharing key and every subscription of
 * that key gets the same `ExecutionResult` (10,000 subscribers of 100 jobs: 100 executions per
 * change, not 10,000); the result must then not be modified. A result with errors is shared only
 * while it is being computed, so a later subscriber gets a fresh attempt. The context of a shared execution
 * is the one `createEventContext` gives the first subscription to read the event.
 *
 * Resolves with the stream of results, or with an `ExecutionResult` of errors when the source
 * stream could not be created (e.g. the field's `subscribe` threw `NOT_FOUND`). When the source
 * fails later, the stream ends with one result carrying that error at the root field's path.
 */
export async function subscribeWithEventContexts(
  args: ExecutionArgs,
  createEventContext: () => unknown,
  shared?: SharedEvents,
): Promise<MappedStream<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const { schema, document, operationName, variableValues, fieldResolver, typeResolver } = args;
  const path = [rootResponseKey(args)];
  const run = (event: unknown): PendingResult =>
    execute({
      schema,
      document,
      operationName,
      variableValues,
      fieldResolver,
      typeResolver,
      rootValue: event,
      contextValue: createEventContext(),
    });
  const map =
    shared === undefined
      ? run
      : (event: unknown): PendingResult => {
          if (typeof event !== 'object' || event === null) return run(event);
          let byKey = shared.results.get(event);
          if (byKey === undefined) {
            byKey = new Map();
            shared.results.set(event, byKey);
          }
          const cached = byKey.get(shared.key);
          if (cached !== undefined) return cached;
          const result = run(event);
          byKey.set(shared.key, result);
          // A failed execution (an upstream read under the event) is shared while it runs, not
          // kept: a subscriber joining later on the same state executes it again.
          const forget = (settled: ExecutionResult): void => {
            if (settled.errors !== undefined && byKey.get(shared.key) === result)
              byKey.delete(shared.key);
          };
          if (result instanceof Promise) result.then(forget, () => byKey.delete(shared.key));
          else forget(result);
          return result;
        };
  return mapSourceStream(source[Symbol.asyncIterator](), map, (error) => ({
    data: null,
    errors: [locatedError(error, undefined, path)],
  }));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
  );
}

// A subscription has exactly one root field (validation enforces it), named by its alias if any.
function rootResponseKey(args: ExecutionArgs): string {
  const operation = getOperationAST(args.document, args.operationName);
  const field = operation?.selectionSet.selections.find(
    (selection) => selection.kind === Kind.FIELD,
  );
  if (field?.kind !== Kind.FIELD) return 'subscription';
  return field.alias?.value ?? field.name.value;
}
