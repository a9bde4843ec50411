/**
 * @module Plain aligned text tables for the `table` format: a header row, then rows, columns padded to
 * their widest cell. No colour and no box drawing, so the output pastes cleanly anywhere. Every cell
 * is one terminal-safe line (control characters and escape sequences from documents shown as
 * escapes) of at most MAX_CELL_WIDTH characters, cut with an ellipsis: no document can move the
 * cursor, retitle the window or make a 10 MB line.
 */
import { terminalLine } from './terminal-text.js';

export const MAX_CELL_WIDTH = 160;

export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const safe = (cells: readonly string[]) =>
    cells.map((cell) => terminalLine(cell, MAX_CELL_WIDTH));
  const safeHeaders = safe(headers);
  const safeRows = rows.map(safe);
  const widths = safeHeaders.map((header, column) =>
    Math.max(header.length, ...safeRows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(safeHeaders), ...safeRows.map(line)].join('\n') + '\n';
}
