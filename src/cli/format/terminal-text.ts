/**
 * @module Text from documents made safe for a terminal. A document can hold anything: an escape
 * sequence that clears the screen, sets the window title, writes a hyperlink or hides the next lines
 * (ESC, CSI, OSC, and their one-byte C1 forms), a bidirectional override that shows text in another
 * order than it is, a carriage return that overwrites a FAIL with a PASS, or a 10 MB value. Every
 * control character is shown as a visible escape (`\x1b`, `\u009b`, `\u202e`) instead of being sent,
 * so the sequence is neutralised and still visible, and text is cut with an ellipsis past a length.
 * YAML and JSON output are not touched: they escape what they must, and they are data, not display.
 */

/* eslint-disable no-control-regex -- matching control characters is the point */
/** C0 controls, DEL, C1 controls, line and paragraph separators, bidirectional controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, except the newline (kept where text may span lines: messages, whole outputs). */
const UNSAFE_BUT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character shown as an escape; newlines kept when `keepNewlines`. */
export function neutraliseControls(text: string, { keepNewlines = false } = {}): string {
  return text.replace(keepNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE, visibleEscape);
}

/** `text` cut to at most `max` characters (code points), the last one an ellipsis when cut. */
export function cutWithEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const points: string[] = [];
  for (const point of text) {
    if (points.length === max) return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
    points.push(point);
  }
  return text;
}

/** Longest string a table shows anywhere (a title's node name, a remediation line). */
export const MAX_TERMINAL_TEXT = 200;

const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*|\t/g;

/** `text` as one safe line: line breaks and tabs become spaces, other controls escapes, cut at `max`. */
export function terminalLine(text: string, max: number = MAX_TERMINAL_TEXT): string {
  return cutWithEllipsis(neutraliseControls(text.replace(LINE_BREAKS, ' ')), max);
}

/**
 * A copy of `value` (a result about to be shown as a table) whose every string, keys included, is a
 * terminalLine: whatever a formatter prints of it, free text or cell, is safe and bounded.
 */
export function forTerminal<T>(value: T): T {
  return safeCopy(value) as T;
}

function safeCopy(value: unknown): unknown {
  if (typeof value === 'string') return terminalLine(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(safeCopy);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [terminalLine(key), safeCopy(item)]),
  );
}
