/**
 * @module Content negotiation: which of the media types a route can produce the Accept header
 * prefers (RFC 9110 §12.5.1: quality values, `type/*` and `*\/*` ranges, the more specific range
 * deciding a type's quality). Ties go to the route's own order, so its first type is the default.
 */
import { CnsError } from '../core/shared/errors.js';

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [range = '', ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const q = parameters.find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(quality) ? [{ type, subtype, quality }] : [];
  });
}

/** The quality the most specific matching range gives `mediaType`; 0 when none matches. */
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; quality: number } = { specificity: -1, quality: 0 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity > best.specificity) best = { specificity, quality: range.quality };
  }
  return best.quality;
}

/**
 * The media type to answer with.
 * @throws CnsError NOT_ACCEPTABLE listing what the route offers, when the header allows none of it.
 * @example negotiate('application/yaml, application/json;q=0.5', ['application/json', 'application/yaml']) // 'application/yaml'
 */
export function negotiate<T extends string>(
  accept: string | undefined,
  offered: readonly [T, ...T[]],
): T {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = parseAccept(accept);
  let chosen: { type: T; quality: number } | undefined;
  for (const type of offered) {
    const quality = qualityOf(type, ranges);
    if (quality > 0 && (chosen === undefined || quality > chosen.quality)) {
      chosen = { type, quality };
    }
  }
  if (chosen) return chosen.type;
  throw new CnsError(
    'NOT_ACCEPTABLE',
    `Accept: ${accept} allows none of what this endpoint answers with: ${offered.join(', ')}`,
    { details: { accept, offered } },
  );
}
