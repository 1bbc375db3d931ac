import { isUuid } from './is-uuid.js';

const API_PREFIX = '/api/v1';

/**
 * Pi's collections (contract §3) and the literal segments that may follow each one; any other
 * segment right after a collection name is an id.
 */
const COLLECTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    ads: ['generate'],
    avatars: ['generate', 'save'],
    brands: ['extract'],
    campaigns: ['generate', 'edit', 'localize-ad'],
    images: ['generations', 'campaigns'],
    jobs: [],
    runs: [],
    webhooks: [],
  }),
);

/**
 * The path template of a Pi call for metrics and logs, e.g. `/api/v1/jobs/:id` or
 * `/api/v1/brands/:id/project`: always under `/api/v1`, without the query string, and with ids
 * (UUIDs, the segment after a known collection name unless it is one of the collection's
 * actions, and any other segment with a digit or an escape in it) replaced by `:id`, so the set
 * of routes stays small.
 */
export function routeTemplate(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const relative =
    bare === API_PREFIX || bare.startsWith(`${API_PREFIX}/`) ? bare.slice(API_PREFIX.length) : bare;
  const segments = relative.split('/').filter((segment) => segment !== '');
  const literals = COLLECTIONS.get(segments[0] ?? '');
  const templated = segments.map((segment, index) => {
    if (isUuid(segment)) return ':id';
    if (index === 1 && literals !== undefined) return literals.includes(segment) ? segment : ':id';
    return /[\d%]/.test(segment) ? ':id' : segment;
  });
  return `${API_PREFIX}${templated.map((segment) => `/${segment}`).join('')}`;
}
