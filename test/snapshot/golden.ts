/**
 * @module Golden files of the snapshot stage under test/snapshot/golden/: compared byte for byte, and
 * rewritten instead when UPDATE_GOLDEN=1 (review the diff before committing it).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const GOLDEN_DIR = new URL('golden/', import.meta.url);

export function expectSnapshotGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
