/**
 * Whether an answer should be JSON rather than HTML, from the Accept header. Browsers ask for
 * text/html first; API clients ask for application/json. A tie (no Accept, or only a wildcard)
 * answers HTML, except under /api/ where JSON is the only sensible default.
 */

interface Preference {
  readonly quality: number;
  /** 2 for an exact type, 1 for `type/*`, 0 for `*\/*`: a more specific match wins a tie. */
  readonly specificity: number;
}

const none: Preference = { quality: 0, specificity: -1 };

/** True when the client prefers application/json to text/html. */
export function prefersJson(accept: string | undefined, path: string): boolean {
  const ranges = parseAccept(accept ?? '');
  const json = bestMatch(ranges, 'application', 'json');
  const html = bestMatch(ranges, 'text', 'html');
  if (json.quality !== html.quality) return json.quality > html.quality;
  if (json.specificity !== html.specificity) return json.specificity > html.specificity;
  return path === '/api' || path.startsWith('/api/');
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  // A header is capped by Node at 16 KiB; the split below is linear in it.
  for (const part of header.split(',')) {
    const [mediaType = '', ...params] = part.split(';');
    const [type, subtype] = mediaType.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let quality = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((piece) => piece.trim());
      if (name?.toLowerCase() === 'q' && value !== undefined) {
        const parsed = Number(value);
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, quality });
  }
  return ranges;
}

function bestMatch(ranges: readonly MediaRange[], type: string, subtype: string): Preference {
  let best = none;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    // The most specific matching range decides the quality (RFC 9110, section 12.5.1).
    if (specificity > best.specificity) best = { quality: range.quality, specificity };
  }
  return best.quality > 0 ? best : none;
}
