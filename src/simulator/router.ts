/** Anything routable: a method and an Express-style pattern (`/api/v1/jobs/:id`). */
export interface RoutePattern {
  method: string;
  pattern: string;
}

export type RouteMatch<R extends RoutePattern> =
  | { kind: 'found'; route: R; name: string; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

export interface Router<R extends RoutePattern> {
  /** Matches a path (no query string) and method. Never throws. */
  match(method: string, path: string): RouteMatch<R>;
  /** Route names (`"GET /api/v1/jobs/:id"`), in table order. */
  names(): string[];
}

interface CompiledRoute<R> {
  route: R;
  name: string;
  /** Literal segments as strings, parameters as `{ param }`. */
  segments: (string | { param: string })[];
}

/**
 * Compiles a route table once (segment lists, no per-request regex). A literal segment wins over
 * a parameter at the same position whatever the table order, so `/brands/extract` is never
 * taken for `/brands/:id`.
 */
export function createRouter<R extends RoutePattern>(routes: readonly R[]): Router<R> {
  const bySegmentCount = new Map<number, CompiledRoute<R>[]>();
  for (const route of routes) {
    const parts = route.pattern.split('/').slice(1);
    const compiled: CompiledRoute<R> = {
      route,
      name: `${route.method} ${route.pattern}`,
      segments: parts.map((part) => (part.startsWith(':') ? { param: part.slice(1) } : part)),
    };
    const list = bySegmentCount.get(parts.length) ?? [];
    list.push(compiled);
    bySegmentCount.set(parts.length, list);
  }
  for (const list of bySegmentCount.values()) list.sort((a, b) => specificity(b) - specificity(a));

  return {
    match(method, path) {
      const parts = path.split('/');
      const candidates = bySegmentCount.get(parts.length - 1);
      if (candidates === undefined || parts[0] !== '') return { kind: 'not_found' };
      let allow: string[] | undefined;
      let bestShape: CompiledRoute<R>['segments'] | undefined;
      for (const candidate of candidates) {
        const params = matchSegments(candidate.segments, parts);
        if (params === undefined) continue;
        // Only routes of the most specific matching shape count, so a literal path's methods are
        // not mixed with those of a parameter pattern it also fits.
        if (bestShape !== undefined && !sameShape(bestShape, candidate.segments)) continue;
        bestShape = candidate.segments;
        if (candidate.route.method === method) {
          return { kind: 'found', route: candidate.route, name: candidate.name, params };
        }
        (allow ??= []).push(candidate.route.method);
      }
      return allow === undefined ? { kind: 'not_found' } : { kind: 'method_not_allowed', allow };
    },
    names() {
      return routes.map((r) => `${r.method} ${r.pattern}`);
    },
  };
}

function matchSegments(
  segments: CompiledRoute<unknown>['segments'],
  parts: string[],
): Record<string, string> | undefined {
  let params: Record<string, string> | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i + 1]!;
    if (typeof segment === 'string') {
      if (segment !== part) return undefined;
      continue;
    }
    if (part === '') return undefined;
    (params ??= {})[segment.param] = decodeSegment(part);
  }
  return params ?? {};
}

function specificity(route: CompiledRoute<unknown>): number {
  // Earlier literal segments weigh more: /a/:b/c beats /a/:b/:c, /a/b/:c beats /a/:b/c.
  let score = 0;
  for (const segment of route.segments) score = score * 2 + (typeof segment === 'string' ? 1 : 0);
  return score;
}

function sameShape(
  a: CompiledRoute<unknown>['segments'],
  b: CompiledRoute<unknown>['segments'],
): boolean {
  return a.every(
    (segment, i) =>
      typeof segment === typeof b[i] && (typeof segment !== 'string' || segment === b[i]),
  );
}

function decodeSegment(part: string): string {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
