import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { ConfigError } from '../../config/index.js';
import type { JwtKeys } from './create-jwt-authenticator.js';

export interface JwtKeySettings {
  /** `AUTH_JWT_SECRET`: the HS256 secret. */
  authJwtSecret?: string | undefined;
  /** `AUTH_JWKS`: an http(s) URL or a file path of a JSON Web Key Set. */
  authJwks?: string | undefined;
}

/**
 * The keys frontend-mode tokens are checked with, or `undefined` in pass-through mode (neither
 * setting). A secret is used as is; an `http(s)://` key set is fetched when a token first needs it,
 * then cached and refreshed by `jose` (an unknown `kid` refetches it, at most every 30 s); a file
 * is read once, now.
 *
 * @throws ConfigError naming `AUTH_JWKS` (never quoting the file's content) when the file cannot be
 * read, is not JSON, or is not a key set with at least one key.
 */
export async function loadJwtKeys(settings: JwtKeySettings): Promise<JwtKeys | undefined> {
  if (settings.authJwtSecret !== undefined) {
    return { kind: 'secret', secret: new TextEncoder().encode(settings.authJwtSecret) };
  }
  const source = settings.authJwks;
  if (source === undefined) return undefined;
  if (/^https?:\/\//i.test(source)) {
    return { kind: 'jwks', getKey: createRemoteJWKSet(new URL(source)) };
  }
  return { kind: 'jwks', getKey: createLocalJWKSet(await readKeySetFile(source)) };
}

async function readKeySetFile(path: string): Promise<JSONWebKeySet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError([
      `AUTH_JWKS: cannot read the key set file ${JSON.stringify(path)}${typeof code === 'string' ? ` (${code})` : ''}`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, which might be a private key: say less.
    throw new ConfigError([`AUTH_JWKS: the file ${JSON.stringify(path)} is not valid JSON`]);
  }
  if (!isKeySet(parsed)) {
    throw new ConfigError([
      `AUTH_JWKS: the file ${JSON.stringify(path)} is not a JSON Web Key Set ({"keys": [ ... ]} with at least one key)`,
    ]);
  }
  return parsed;
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  if (typeof value !== 'object' || value === null) return false;
  const keys = (value as { keys?: unknown }).keys;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every((key) => typeof key === 'object' && key !== null && !Array.isArray(key))
  );
}
