import { Kind, parse } from 'graphql';
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  mintIdempotencyKey,
  resolveIdempotencyKey,
  rootResponseKeys,
  withIdempotencyKey,
} from '../../src/graphql/resolvers/mutations/index.js';

function rootInfo(document: string, variableValues: Record<string, unknown> = {}) {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation === undefined) throw new Error('no operation');
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { operation, fragments, variableValues };
}

function thrown(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const base = { responseKey: 'generateImage', rootFieldCount: 1, mint: () => 'minted' };

describe('resolveIdempotencyKey', () => {
  it('should use the argument over the header', () => {
    expect(resolveIdempotencyKey({ ...base, argument: 'arg-key', header: 'header-key' })).toEqual({
      value: 'arg-key',
      source: 'argument',
    });
  });

  it('should use the header as is when the operation has one root field', () => {
    expect(resolveIdempotencyKey({ ...base, argument: null, header: ' header-key ' })).toEqual({
      value: 'header-key',
      source: 'header',
    });
  });

  it('should derive a distinct, deterministic key per field from the header when there are several fields', () => {
    const request = { ...base, argument: undefined, header: 'order-7', rootFieldCount: 2 };
    const first = resolveIdempotencyKey({ ...request, responseKey: 'hero' });
    const second = resolveIdempotencyKey({ ...request, responseKey: 'banner' });

    expect(first).toEqual({ value: 'order-7:hero', source: 'derived' });
    expect(second).toEqual({ value: 'order-7:banner', source: 'derived' });
    expect(resolveIdempotencyKey({ ...request, responseKey: 'hero' })).toEqual(first);
  });

  it('should let an argument win over the header even when there are several fields', () => {
    expect(
      resolveIdempotencyKey({ ...base, argument: 'mine', header: 'order-7', rootFieldCount: 3 }),
    ).toEqual({ value: 'mine', source: 'argument' });
  });

  it('should mint a key when neither the argument nor the header gives one', () => {
    expect(resolveIdempotencyKey({ ...base, argument: null, header: undefined })).toEqual({
      value: 'minted',
      source: 'minted',
    });
    expect(resolveIdempotencyKey({ ...base, argument: null, header: '   ' }).source).toBe('minted');
  });

  it('should mint distinct gw_-prefixed UUID keys', () => {
    const keys = new Set(Array.from({ length: 50 }, () => mintIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^gw_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('should reject an empty argument with BAD_USER_INPUT naming idempotencyKey', () => {
    const error = thrown(() => resolveIdempotencyKey({ ...base, argument: '', header: 'h' }));
    expect(error.extensions).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'idempotencyKey',
    });
  });

  it('should reject a key that is too long or not printable ASCII', () => {
    const tooLong = 'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1);
    expect(
      thrown(() => resolveIdempotencyKey({ ...base, argument: tooLong, header: undefined }))
        .extensions.field,
    ).toBe('idempotencyKey');
    expect(
      resolveIdempotencyKey({
        ...base,
        argument: 'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH),
        header: undefined,
      }).source,
    ).toBe('argument');
    for (const bad of ['line\nbreak', ' padded', 'clé', 'tab\there']) {
      expect(
        thrown(() => resolveIdempotencyKey({ ...base, argument: bad, header: undefined }))
          .extensions.code,
      ).toBe(ErrorCode.BAD_USER_INPUT);
    }
    expect(
      thrown(() => resolveIdempotencyKey({ ...base, argument: null, header: 'x\u0000y' }))
        .extensions.field,
    ).toBe('Idempotency-Key');
  });
});

describe('rootResponseKeys', () => {
  it('should list aliases, else names, of the root fields', () => {
    expect(
      rootResponseKeys(rootInfo('mutation { hero: generateImage { a } generateAvatar { a } }')),
    ).toEqual(['hero', 'generateAvatar']);
  });

  it('should follow fragments, apply @skip/@include and leave out __typename', () => {
    const info = rootInfo(
      `mutation ($skip: Boolean!) {
        __typename
        a: extractBrand { x }
        ...More
        ... on Mutation { c: startRun { x } }
        d: startRun @skip(if: $skip) { x }
        e: startRun @include(if: false) { x }
      }
      fragment More on Mutation { b: saveAvatar { x } a: extractBrand { x } }`,
      { skip: true },
    );
    expect(rootResponseKeys(info)).toEqual(['a', 'b', 'c']);
  });
});

describe('withIdempotencyKey', () => {
  it('should add the key to a GatewayError and keep everything else', () => {
    const cause = new Error('socket hang up');
    const original = new GatewayError('The connection to Pi failed.', {
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      outcome: 'unknown',
      pi: { status: 502 },
      cause,
    });
    const error = withIdempotencyKey(original, 'gw_key') as GatewayError;

    expect(error).toBeInstanceOf(GatewayError);
    expect(error.message).toBe(original.message);
    expect(error.extensions).toEqual({
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      outcome: 'unknown',
      pi: { status: 502 },
      idempotencyKey: 'gw_key',
    });
    expect((error as { cause?: unknown }).cause).toBe(cause);
  });

  it('should return any other error unchanged', () => {
    const error = new TypeError('bug');
    expect(withIdempotencyKey(error, 'k')).toBe(error);
  });
});
