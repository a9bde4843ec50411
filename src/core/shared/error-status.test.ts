// Keeps the exit-code table of docs/cli.md in step with ERROR_STATUS.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from './error-status.js';
import { ERROR_CODES } from './errors.js';

const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| (\d+) \| `([A-Z_]+)` \| (.*) \|$/gm)];
const documented = new Map(rows.map((m) => [m[2], Number(m[1])] as const));
// The meaning column as a reader sees it: code spans are plain text.
const documentedMeaning = new Map(
  rows.map((m) => [m[2], (m[3] ?? '').replaceAll('`', '')] as const),
);

describe('exit codes', () => {
  it.each(ERROR_CODES.map((code) => [code]))(
    '%s is documented in docs/cli.md with its exit code',
    (code) => {
      expect(documented.get(code)).toBe(ERROR_STATUS[code].exitCode);
    },
  );

  it.each(ERROR_CODES.map((code) => [code, ERROR_STATUS[code].meaning]))(
    '%s means "%s", as docs/cli.md begins to say',
    (code, meaning) => {
      const text = documentedMeaning.get(code) ?? '';
      expect(text.startsWith(meaning)).toBe(true);
      // Then the end, or what the page adds: (examples), : details or ; more.
      expect(text.slice(meaning.length)).toMatch(/^($| \(|: |; )/);
    },
  );

  it('keeps 1 free for "ran and found failures" and 0 for success', () => {
    const exits = Object.values(ERROR_STATUS).map((s) => s.exitCode);
    expect(exits).not.toContain(0);
    expect(exits).not.toContain(1);
  });

  it('gives every client error a 4xx status and every server-side failure a 5xx status', () => {
    for (const status of Object.values(ERROR_STATUS)) {
      if (status.exitCode === 2) expect(Math.floor(status.httpStatus / 100)).toBe(4);
      // A conflict is the cluster's state refusing ours (HTTP 409), and too many requests the client's
      // to slow down (HTTP 429): neither is a failure of the server.
      if (
        status.exitCode >= 5 &&
        status.exitCode !== 130 &&
        status.httpStatus !== 409 &&
        status.httpStatus !== 429
      )
        expect(status.httpStatus).toBeGreaterThanOrEqual(500);
    }
  });
});
