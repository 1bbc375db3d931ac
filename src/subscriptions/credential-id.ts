import { createHash } from 'node:crypto';
import type { Credential } from '../pi/types.js';

const ids = new WeakMap<Credential, string>();

/**
 * A cluster-stable id of the credential for Redis keys and channels: `sha256('pi-gateway:' + the
 * Authorization value)` in hex. (`Credential.fingerprint` is keyed per process, so two replicas
 * would disagree on it.) The raw key is never stored or logged.
 */
export function toCredentialId(credential: Credential): string {
  let id = ids.get(credential);
  if (id === undefined) {
    id = createHash('sha256').update(`pi-gateway:${credential.authorization()}`).digest('hex');
    ids.set(credential, id);
  }
  return id;
}
