/**
 * @module Standard input can be read once per run. Commands that read several documents check their
 * flags up front, so `-` given twice is a usage error naming the flags, never a confusing "empty
 * document" from the second reader.
 */
import { CnsError } from '../../core/shared/errors.js';
import { STDIO_LOCATION } from '../../core/shared/document-source.js';

/**
 * Throws USAGE when more than one of the named locations is `-`. Names starting with `-` are flags;
 * others name arguments (in the singular), which may repeat.
 * @example assertStdinReadOnce({ '--recipe': '-', '--snapshot': '-' }) // throws: both name stdin
 */
export function assertStdinReadOnce(
  locations: Readonly<Record<string, string | readonly string[] | undefined>>,
): void {
  const readers = Object.entries(locations)
    .map(([name, value]) => {
      const values = typeof value === 'string' ? [value] : (value ?? []);
      return { name, count: values.filter((location) => location === STDIO_LOCATION).length };
    })
    .filter(({ count }) => count > 0);
  if (readers.reduce((total, { count }) => total + count, 0) <= 1) return;
  const phrases = readers.map(({ name, count }) =>
    name.startsWith('-') ? name : count === 1 ? `a ${name}` : `${count} ${name}s`,
  );
  const who =
    phrases.length === 1
      ? `${phrases[0]} name it`
      : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)} each name it`;
  throw new CnsError(
    'USAGE',
    `stdin (-) can be read only once, but ${who}; give all but one as a file or URL`,
    { details: Object.fromEntries(readers.map(({ name, count }) => [name, count])) },
  );
}
