import { createSourceEventStream, execute, getOperationAST, Kind, locatedError } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { mapSourceStream } from './map-source-stream.js';
import type { MappedStream } from './map-source-stream.js';

/**
 * graphql-js' `subscribe`, except that every event is executed with a fresh context from
 * `createEventContext` instead of the operation's: a subscription can live for minutes, and its
 * events must neither share one DataLoader cache (a later event would see an earlier read) nor one
 * operation deadline. The operation's context (`args.contextValue`) is the one the root field's
 * `subscribe` sees.
 *
 * Resolves with the stream of results, or with an `ExecutionResult` of errors when the source
 * stream could not be created (e.g. the field's `subscribe` threw `NOT_FOUND`). When the source
 * fails later, the stream ends with one result carrying that error at the root field's path.
 */
export async function subscribeWithEventContexts(
  args: ExecutionArgs,
  createEventContext: () => unknown,
): Promise<MappedStream<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const path = [rootResponseKey(args)];
  return mapSourceStream(
    source[Symbol.asyncIterator](),
    (event) => execute({ ...args, rootValue: event, contextValue: createEventContext() }),
    (error) => ({ data: null, errors: [locatedError(error, undefined, path)] }),
  );
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
