/**
 * @module The `bundle verify` report as a table: one row per changed, missing or extra file, then a
 * summary line; a clean bundle is one line.
 */
import type { BundleVerification } from '../../actions/bundle/verify-bundle.js';
import { renderTable } from './render-table.js';

export function formatVerificationTable(report: BundleVerification): string {
  const rows = [
    ...report.changed.map((path) => ['changed', path]),
    ...report.missing.map((path) => ['missing', path]),
    ...report.extra.map((path) => ['extra', path]),
  ];
  const differences = rows.length;
  if (differences === 0) {
    return `${report.source}: all ${report.checked} files match checksums.txt\n`;
  }
  return `${renderTable(['status', 'file'], rows)}${report.source}: ${differences} difference${
    differences === 1 ? '' : 's'
  } (${report.changed.length} changed, ${report.missing.length} missing, ${report.extra.length} extra) against ${report.checked} files in checksums.txt\n`;
}
