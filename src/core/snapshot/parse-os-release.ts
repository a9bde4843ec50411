/**
 * @module os-release(5) text → key/value map. The format is a restricted shell assignment list:
 * `KEY=value`, values optionally in single or double quotes with backslash escapes in double quotes.
 * Comments, blank lines and lines that are not assignments are ignored, as the spec requires.
 */

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/**
 * Parses os-release text. Later assignments of the same key win, as they would in a shell.
 * @example parseOsRelease('ID=ubuntu\nVERSION_ID="24.04"') // { ID: 'ubuntu', VERSION_ID: '24.04' }
 */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) continue;
    const [, key = '', value = ''] = match;
    out[key] = unquote(value);
  }
  return out;
}

function unquote(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.length >= 2 && value.endsWith(first)) {
    const inner = value.slice(1, -1);
    // Only double quotes interpret escapes; the spec names \" \\ \$ and \` as the escapes to honour.
    return first === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
  }
  return value;
}
