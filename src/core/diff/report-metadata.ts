/**
 * @module What every diff report says about itself: when and by which version it was made, and the
 * key filter it applied, so a reader can tell an equal result from one that ignored the difference.
 */
import type { KeyFilterOptions } from './build-key-filter.js';

export interface ReportMetadata {
  readonly generatedAt: string;
  readonly version: string;
}

export interface DiffFilterMetadata {
  readonly ignore: readonly string[];
  readonly only: readonly string[];
  readonly defaultIgnores: boolean;
}

/** The filter as a report states it. */
export function filterMetadata(options: KeyFilterOptions): DiffFilterMetadata {
  return {
    ignore: [...(options.ignore ?? [])],
    only: [...(options.only ?? [])],
    defaultIgnores: options.defaultIgnores !== false,
  };
}
