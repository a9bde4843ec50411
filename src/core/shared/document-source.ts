/**
 * @module How a document's location is named in messages and results: as the user typed it, except
 * `-`, which reads standard input (or writes standard output) and is shown as `<stdin>`.
 */

/** The location that means standard input when read and standard output when written. */
export const STDIO_LOCATION = '-';

/**
 * The name of `location` in error messages and result metadata.
 * @example sourceName('-') // '<stdin>'
 */
export function sourceName(location: string): string {
  return location === STDIO_LOCATION ? '<stdin>' : location;
}
