/**
 * @module The text of one /proc/sys file → the value a snapshot stores. Whitespace inside a line is
 * collapsed to one space (the kernel separates vector values with tabs: `4096\t131072\t6291456`), so a
 * constraint can be written the way `sysctl -n` shows the value. Binary content is not a value.
 */

/**
 * Returns the stored form of a sysctl file's text, or undefined for binary content (a NUL byte or
 * bytes that did not decode as UTF-8).
 * @example parseSysctlValue('4096\t131072\t6291456\n') // '4096 131072 6291456'
 */
export function parseSysctlValue(text: string): string | undefined {
  if (text.includes('\u0000') || text.includes('\uFFFD')) return undefined;
  const trimmed = text.trim();
  // Most values are one word ("60", "6.8.0-1043-aws"); only the rest need splitting.
  if (!/\s/.test(trimmed)) return trimmed;
  return text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('\n')
    .trim();
}
