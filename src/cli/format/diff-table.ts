/**
 * @module The human view of every diff report. Two snapshots: one line per differing key, marked
 * `~` changed, `+` only in B, `-` only in A, with both values. The fleet and drift views are in their
 * own files; this one picks by the report's kind.
 */
import type { SnapshotDiff } from '../../core/diff/compare-snapshots.js';
import { compareText } from '../../core/diff/compare-text.js';
import type { DiffReport } from '../../core/diff/diff-exit-code.js';
import { clipCell, ignoredNote } from './diff-cell.js';
import { PLAIN, type Paint } from './diff-colors.js';
import { formatDriftTable } from './diff-drift-table.js';
import { formatFleetTable } from './diff-fleet-table.js';
import { renderTable } from './render-table.js';

const MAX_VALUE = 60;

/** Renders any diff report as text; `paint` adds colour on a terminal. */
export function formatDiffTable(report: DiffReport, paint: Paint = PLAIN): string {
  switch (report.kind) {
    case 'SnapshotDiff':
      return formatPairTable(report, paint);
    case 'FleetDiff':
      return formatFleetTable(report, paint);
    case 'RecipeDrift':
      return formatDriftTable(report, paint);
  }
}

function formatPairTable(report: SnapshotDiff, paint: Paint): string {
  const { a, b } = report.metadata;
  const describe = (side: typeof a) =>
    [side.source, `node ${side.node}`, ...(side.timestamp ? [`taken ${side.timestamp}`] : [])].join(
      ', ',
    );
  const parts = [`A: ${describe(a)}\nB: ${describe(b)}\n\n`];
  const rows: { mark: '~' | '+' | '-'; cells: string[] }[] = [];
  for (const group of report.differences) {
    const id = (key: string) => [group.type, group.subtype, key].filter((p) => p !== '').join('.');
    for (const c of group.changed ?? []) rows.push({ mark: '~', cells: [id(c.key), c.a, c.b] });
    for (const c of group.added ?? []) rows.push({ mark: '+', cells: [id(c.key), '', c.value] });
    for (const c of group.removed ?? []) rows.push({ mark: '-', cells: [id(c.key), c.value, ''] });
  }
  rows.sort((x, y) => compareText(x.cells[0] ?? '', y.cells[0] ?? ''));
  if (rows.length === 0) {
    parts.push('No differences.\n');
  } else {
    const table = renderTable(
      ['', 'KEY', 'A', 'B'],
      rows.map(({ mark, cells }) => [mark, ...cells.map((cell) => clipCell(cell, MAX_VALUE))]),
    );
    const style = { '~': paint.yellow, '+': paint.green, '-': paint.red };
    const [header = '', ...lines] = table.trimEnd().split('\n');
    parts.push(
      [paint.bold(header), ...lines.map((line, i) => style[rows[i]?.mark ?? '~'](line))].join(
        '\n',
      ) + '\n',
    );
  }
  const { summary } = report;
  parts.push(
    `\n${summary.status === 'equal' ? paint.green('EQUAL') : paint.yellow('DIFFERENT')}: ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed of ${summary.compared} keys compared${ignoredNote(summary.ignored)}\n`,
  );
  return parts.join('');
}
