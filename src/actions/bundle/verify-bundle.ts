/**
 * @module `bundle verify`: a bundle's files against its checksums.txt: what is missing, extra or
 * changed. A clean report is exit 0, any difference exit 1 (a finding, not an error).
 */
import { compareChecksums, type ChecksumReport } from '../../core/bundle/checksums.js';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../../core/shared/error-status.js';
import type { ActionDeps } from '../ports.js';

export interface BundleVerification extends ChecksumReport {
  readonly source: string;
}

export async function verifyBundle(
  location: string,
  deps: Pick<ActionDeps, 'openBundleReader' | 'signal'>,
): Promise<BundleVerification> {
  const reader = await deps.openBundleReader();
  const files = await reader.read(location, deps.signal);
  return { source: location, ...compareChecksums(files, location) };
}

export function verificationExitCode(report: ChecksumReport): number {
  return report.missing.length + report.extra.length + report.changed.length > 0
    ? EXIT_CHECK_FAILED
    : EXIT_OK;
}
