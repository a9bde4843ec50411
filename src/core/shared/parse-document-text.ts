/**
 * @module Turns document text (YAML or JSON) into plain data, or a CnsError INPUT_YAML that names the
 * source and the line and column of the first problem. Never throws anything else.
 */
import { LineCounter, parseDocument } from 'yaml';
import { CnsError } from './errors.js';

/**
 * Parses YAML or JSON text from `source` (a path, URL or `-`, used only in messages).
 * JSON goes through JSON.parse first because it is an order of magnitude faster on large snapshots.
 */
export function parseDocumentText(text: string, source: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not strict JSON (comments, trailing commas, flow YAML): let the YAML parser decide and report.
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const first = doc.errors[0];
  if (first) {
    const position = lineCounter.linePos(first.pos[0]);
    const where = `:${position.line}:${position.col}`;
    throw new CnsError(
      'INPUT_YAML',
      `${source}${where}: not valid YAML or JSON: ${firstLine(first.message)}`,
      { details: { source, line: position.line, column: position.col, yamlCode: first.code } },
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return value;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
