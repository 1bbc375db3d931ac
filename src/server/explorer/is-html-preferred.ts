interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/**
 * Tells whether an `Accept` header prefers `text/html` over JSON (`application/json` or
 * `application/graphql-response+json`), by RFC 9110 quality values with the most specific range
 * deciding each type's quality. A browser's navigation (`text/html,...,*\/*;q=0.8`) does; no
 * header, `*\/*`, or a tie does not, so API clients keep getting GraphQL.
 */
export function isHtmlPreferred(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = qualityOf(ranges, 'text', 'html');
  const json = Math.max(
    qualityOf(ranges, 'application', 'json'),
    qualityOf(ranges, 'application', 'graphql-response+json'),
  );
  return html > json;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [mediaType = '', ...parameters] = part.split(';');
    const [type, subtype] = mediaType.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    ranges.push({ type, subtype, q: qualityParameter(parameters) });
  }
  return ranges;
}

function qualityParameter(parameters: string[]): number {
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=').map((piece) => piece.trim());
    if (name?.toLowerCase() !== 'q') continue;
    const q = Number(value);
    return Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0;
  }
  return 1;
}

function qualityOf(ranges: MediaRange[], type: string, subtype: string): number {
  const exact = ranges.filter((range) => range.type === type && range.subtype === subtype);
  const typeWide = ranges.filter((range) => range.type === type && range.subtype === '*');
  const any = ranges.filter((range) => range.type === '*' && range.subtype === '*');
  const mostSpecific = [exact, typeWide, any].find((matches) => matches.length > 0) ?? [];
  return mostSpecific.reduce((best, range) => Math.max(best, range.q), 0);
}
