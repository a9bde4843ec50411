/**
 * @module The human view of a RecipeDrift: each constraint the node no longer meets as one line of
 * drift (`name: expected X, node has Y`) with why and how to fix it, then what could not be checked.
 */
import type { RecipeDrift } from '../../core/diff/evaluate-drift.js';
import { clipCell } from './diff-cell.js';
import { PLAIN, type Paint } from './diff-colors.js';

/** Renders `report` as text; `paint` adds colour on a terminal. */
export function formatDriftTable(report: RecipeDrift, paint: Paint = PLAIN): string {
  const { metadata, summary } = report;
  const node =
    metadata.node === undefined ? metadata.snapshot : `${metadata.node} (${metadata.snapshot})`;
  const parts = [`Drift of ${node} from ${metadata.recipe}\n`];
  if (report.drift.length > 0) parts.push('\n');
  for (const entry of report.drift) {
    const style = entry.severity === 'error' ? paint.red : paint.yellow;
    parts.push(`  ${style(entry.severity.padEnd(7))} ${clipCell(entry.message)}\n`);
    parts.push(paint.dim(`          why: ${clipCell(entry.reason)}`) + '\n');
    if (entry.remediation) parts.push(`          fix: ${clipCell(entry.remediation)}\n`);
  }
  if (report.unmeasured.length > 0) {
    parts.push('\nNot measured in the snapshot (neither met nor drifted):\n');
    for (const entry of report.unmeasured) {
      parts.push(
        paint.dim(`  ${entry.name} (${entry.expected}): ${clipCell(entry.reason)}`) + '\n',
      );
    }
  }
  const counts = `${summary.met} met, ${summary.drifted} drifted, ${summary.unmeasured} not measured of ${summary.constraints} constraint${summary.constraints === 1 ? '' : 's'}`;
  const ignored = summary.ignored > 0 ? `; ${summary.ignored} left out by --ignore/--only` : '';
  parts.push(
    `\n${summary.status === 'in-sync' ? paint.green('IN SYNC') : paint.red('DRIFTED')}: ${counts}${ignored}\n`,
  );
  return parts.join('');
}
