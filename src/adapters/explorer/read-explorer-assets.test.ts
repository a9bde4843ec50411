import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readExplorerAssets } from './read-explorer-assets.js';

const made: string[] = [];
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cns-explorer-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('readExplorerAssets', () => {
  it('reads the page and its assets by their paths in the folder', async () => {
    const dir = await folder({ 'index.html': '<html>', 'assets/main-ABCD1234.js': 'x()' });
    const files = await readExplorerAssets(dir);
    expect([...(files?.keys() ?? [])]).toEqual(['assets/main-ABCD1234.js', 'index.html']);
    expect(new TextDecoder().decode(files?.get('assets/main-ABCD1234.js'))).toBe('x()');
  });

  it.each([
    ['no folder (cnsd run from source without a build)', undefined],
    ['a folder without index.html', { 'assets/main-ABCD1234.js': 'x()' }],
  ])('gives no explorer for %s', async (_name, files) => {
    const dir = files ? await folder(files) : join(tmpdir(), 'cns-explorer-absent-0');
    expect(await readExplorerAssets(dir)).toBeUndefined();
  });
});
