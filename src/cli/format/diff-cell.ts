/**
 * @module Values as table cells: on one line (newlines and tabs become spaces) and at most `max`
 * characters, cut with an ellipsis, so a long ExecStart or policy value cannot wreck the alignment.
 * The full values are in the yaml and json formats. Also the note every diff view ends with.
 */

/** `text` on one line, cut to `max` characters when given. */
export function clipCell(text: string, max = Number.POSITIVE_INFINITY): string {
  const line = text.replace(/\s*[\r\n]+\s*|\t/g, ' ');
  return line.length > max ? `${line.slice(0, Math.max(0, max - 1))}…` : line;
}

/** The note on keys left out, so "equal" never hides that something was ignored. */
export function ignoredNote(ignored: number): string {
  return ignored > 0
    ? `; ${ignored} volatile or filtered key${ignored === 1 ? '' : 's'} ignored`
    : '';
}
