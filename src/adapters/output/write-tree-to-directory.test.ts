/**
 * An interrupt during a bundle's directory write: the files are written synchronously, so a signal's
 * handler runs only once they are; the writer polls once more before its rename, sees the abort and
 * leaves nothing, neither the target nor its temporary directory.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeferInterrupts } from '../../actions/ports.js';
import { buildFileTree } from '../../core/bundle/file-tree.js';
import { writeTreeToDirectory } from './write-tree-to-directory.js';

const tree = buildFileTree([
  { path: 'README.md', content: '# bundle\n' },
  { path: 'gpu-operator/values.yaml', content: 'driver: {}\n' },
]);

describe('writeTreeToDirectory and interrupts', () => {
  it('renames nothing when the run is aborted while its files are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnsctl-tree-'));
    const controller = new AbortController();
    let held = 0;
    // The writes run synchronously inside `work()`; the abort lands as a handler would, afterwards.
    const deferInterrupts: DeferInterrupts = async (work) => {
      held++;
      const writing = work();
      expect(readdirSync(dir)).toHaveLength(1);
      controller.abort();
      return writing;
    };
    const write = writeTreeToDirectory(tree, join(dir, 'out'), {
      processId: process.pid,
      signal: controller.signal,
      deferInterrupts,
    });
    await expect(write).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(held).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes the tree when nothing interrupts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnsctl-tree-'));
    await writeTreeToDirectory(tree, join(dir, 'out'), { processId: process.pid });
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['README.md', 'gpu-operator']);
  });
});
