/**
 * @module The human view of a FleetDiff: for each differing key, its values with how many nodes have
 * each (majority first, outliers named), then the outlier nodes ranked by how many keys set them
 * apart, which is where the broken node shows up.
 */
import type { FleetDiff, ValueGroup } from '../../core/diff/compare-fleet.js';
import { clipCell, ignoredNote } from './diff-cell.js';
import { PLAIN, type Paint } from './diff-colors.js';
import { renderTable } from './render-table.js';

const MAX_VALUE = 60;
const MAX_NAMES = 8;

/** Renders `report` as text; `paint` adds colour on a terminal. */
export function formatFleetTable(report: FleetDiff, paint: Paint = PLAIN): string {
  const { summary } = report;
  const parts = [
    `Fleet of ${summary.nodes} nodes: ${summary.differing} of ${summary.compared} keys differ${ignoredNote(summary.ignored)}\n`,
  ];
  for (const difference of report.differences) {
    const groups = [difference.majority, ...difference.outliers];
    const values = groups.map(valueText);
    const width = Math.max(...values.map((v) => v.length));
    parts.push(
      `\n${paint.bold(difference.key)}${difference.tie ? paint.yellow('  (tie: no majority)') : ''}\n`,
    );
    groups.forEach((group, i) => {
      const line = `  ${(values[i] ?? '').padEnd(width)}  on ${group.count} node${group.count === 1 ? '' : 's'}${names(group)}`;
      parts.push(`${i === 0 && !difference.tie ? paint.green(line) : paint.yellow(line)}\n`);
    });
  }
  if (report.outliers.length > 0) {
    const table = renderTable(
      ['OUTLIER NODE', 'KEYS', 'DIFFERS FROM THE MAJORITY IN'],
      report.outliers.map((o) => [o.node, String(o.keys.length), o.keys.join(', ')]),
    );
    const [header = '', ...rows] = table.trimEnd().split('\n');
    parts.push(`\n${[paint.bold(header), ...rows.map((row) => paint.red(row))].join('\n')}\n`);
  }
  parts.push(
    summary.status === 'uniform'
      ? `\n${paint.green('UNIFORM')}: all ${summary.nodes} nodes agree on ${summary.compared} keys\n`
      : `\n${paint.yellow('DIFFERENT')}: ${summary.outlierNodes} of ${summary.nodes} nodes differ from the majority on ${summary.differing === 1 ? 'a key' : 'some keys'}\n`,
  );
  return parts.join('');
}

function valueText(group: ValueGroup): string {
  return group.absent ? '(absent)' : clipCell(group.value ?? '', MAX_VALUE);
}

function names(group: ValueGroup): string {
  const nodes = group.nodes;
  if (!nodes || nodes.length === 0) return '';
  const shown = nodes.slice(0, MAX_NAMES).join(', ');
  return `: ${shown}${nodes.length > MAX_NAMES ? ` and ${nodes.length - MAX_NAMES} more` : ''}`;
}
