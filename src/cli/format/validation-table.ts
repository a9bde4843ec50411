/**
 * @module The human view of a ValidationResult: one line per constraint, failures first (errors, then
 * warnings), then skipped, then passed, each group in recipe order; then remediation hints for what
 * failed, and the summary line.
 */
import type { ValidationEntry, ValidationResult } from '../../core/validate/validation-result.js';
import { clipCell } from './diff-cell.js';
import { renderTable } from './render-table.js';
import { PLAIN, type Paint } from './diff-colors.js';

const MAX_CELL = 48;

type Label = 'FAIL' | 'WARN' | 'SKIP' | 'PASS';

function labelOf(entry: ValidationEntry): Label {
  if (entry.status === 'passed') return 'PASS';
  if (entry.status === 'skipped') return 'SKIP';
  return (entry.severity ?? 'error') === 'warning' ? 'WARN' : 'FAIL';
}

const RANK: Readonly<Record<Label, number>> = { FAIL: 0, WARN: 1, SKIP: 2, PASS: 3 };

/** Renders `result` as aligned text; `paint` colours the status labels and the verdict. */
export function formatValidationTable(result: ValidationResult, paint: Paint = PLAIN): string {
  const { metadata, summary } = result;
  const ordered = result.results
    .map((entry, index) => ({ entry, index, label: labelOf(entry) }))
    .sort((a, b) => RANK[a.label] - RANK[b.label] || a.index - b.index);
  const parts: string[] = [];
  const against = [metadata.snapshot, metadata.node && `node ${metadata.node}`].filter(Boolean);
  parts.push(
    `Validation of ${metadata.recipe ?? 'the recipe'}${against.length > 0 ? ` against ${against.join(', ')}` : ''}\n\n`,
  );
  if (ordered.length === 0) {
    parts.push('The recipe has no constraints.\n');
  } else {
    const table = renderTable(
      ['STATUS', 'CONSTRAINT', 'EXPECTED', 'ACTUAL', 'MESSAGE'],
      ordered.map(({ entry, label }) => [
        label,
        entry.name,
        clipCell(entry.expected, MAX_CELL),
        clipCell(entry.actual ?? '-', MAX_CELL),
        clipCell(entry.message ?? ''),
      ]),
    );
    const style: Readonly<Record<Label, (text: string) => string>> = {
      FAIL: paint.red,
      WARN: paint.yellow,
      SKIP: paint.dim,
      PASS: paint.green,
    };
    const [header = '', ...rows] = table.trimEnd().split('\n');
    parts.push(
      [
        paint.bold(header),
        ...rows.map((row, i) => {
          const label = ordered[i]?.label ?? 'PASS';
          return style[label](label) + row.slice(label.length);
        }),
      ].join('\n') + '\n',
    );
  }
  const hints = ordered.filter(
    ({ entry, label }) => entry.remediation && (label === 'FAIL' || label === 'WARN'),
  );
  if (hints.length > 0) {
    parts.push(
      `\nRemediation:\n${hints.map(({ entry }) => `  ${entry.name}: ${entry.remediation ?? ''}`).join('\n')}\n`,
    );
  }
  const warnings =
    summary.warnings > 0
      ? ` (${summary.warnings} warning${summary.warnings === 1 ? '' : 's'})`
      : '';
  const verdict =
    summary.status === 'pass'
      ? paint.green('PASS')
      : summary.status === 'incomplete'
        ? paint.yellow('INCOMPLETE')
        : paint.red('FAIL');
  const duration = summary.duration === undefined ? '' : ` in ${summary.duration}`;
  parts.push(
    `\n${verdict}: ${summary.passed} passed, ${summary.failed} failed${warnings}, ${summary.skipped} skipped of ${summary.total} constraint${summary.total === 1 ? '' : 's'}${duration}\n`,
  );
  if (summary.status === 'incomplete') {
    parts.push(
      `Not a pass: the snapshot has no value for ${summary.skipped} of the constraints (SKIP above).\n`,
    );
  }
  return parts.join('');
}
