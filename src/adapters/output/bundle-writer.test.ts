import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBufferPromise } from 'yauzl';
import { describe, expect, it } from 'vitest';
import { renderChecksums } from '../../core/bundle/checksums.js';
import { buildFileTree, type FileTree } from '../../core/bundle/file-tree.js';
import { CnsError } from '../../core/shared/errors.js';
import { DEFAULT_ARCHIVE_TIME } from './archive-time.js';
import { createBundleWriter } from './bundle-writer.js';
import { readBundle } from './read-bundle.js';
import { tarGzTree } from './tar-gz-tree.js';
import { writeTreeToDirectory } from './write-tree-to-directory.js';

const LONG = `${'deep/'.repeat(30)}file.yaml`;
const files = [
  { path: 'README.md', content: '# bundle\n' },
  {
    path: 'gpu-operator/scripts/install.sh',
    content: '#!/usr/bin/env bash\necho hi\n',
    executable: true,
  },
  { path: 'gpu-operator/values.yaml', content: 'driver:\n  version: "570.133.20"\n' },
  { path: LONG, content: 'long: path\n' },
];
const tree = buildFileTree([
  ...files,
  { path: 'checksums.txt', content: renderChecksums(buildFileTree(files)) },
]);

const workDir = () => mkdtempSync(join(tmpdir(), 'cnsctl-write-'));

/** The writer as composePorts builds it, its archives dated `mtime` (SOURCE_DATE_EPOCH) or 1980. */
const writerDated = (mtime?: Date) =>
  createBundleWriter({ processId: process.pid, entryTime: () => mtime });
const writeBundle = (t: FileTree, target: string, options: { force?: boolean } = {}) =>
  writerDated().write(target, t, { force: options.force === true });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CnsError) return error.code;
    throw error;
  }
  return 'no error';
}

const contents = (t: FileTree) =>
  [...t].map(([path, file]) => [path, file.mode, Buffer.from(file.content).toString('utf8')]);

describe('archives', () => {
  it.each(['zip', 'tar.gz'] as const)(
    'a %s has the same bytes every time, in every time zone',
    async (kind) => {
      // The second time is 02:30 in Los Angeles on the night its clocks skip that hour.
      const times = [undefined, new Date('2026-03-08T10:30:00Z')];
      const render = async (mtime?: Date) =>
        Buffer.from(await writerDated(mtime).archive(tree, kind));
      const saved = process.env.TZ;
      try {
        for (const mtime of times) {
          process.env.TZ = 'America/Los_Angeles';
          const west = await render(mtime);
          process.env.TZ = 'Asia/Tokyo';
          const east = await render(mtime);
          expect(east.equals(west)).toBe(true);
          expect((await render(mtime)).equals(east)).toBe(true);
        }
      } finally {
        process.env.TZ = saved;
      }
    },
  );

  it('a zip holds the files in path order with their modes and the fixed time', async () => {
    const zip = await fromBufferPromise(
      Buffer.from(
        await writerDated(new Date(Date.UTC(2026, 0, 13, 13, 5, 58))).archive(tree, 'zip'),
      ),
      { lazyEntries: true },
    );
    const entries: [string, number, string][] = [];
    for await (const entry of zip.eachEntry())
      entries.push([
        entry.fileName,
        (entry.externalFileAttributes >>> 16) & 0o777,
        entry.getLastModDate({ timezone: 'UTC' }).toISOString(),
      ]);
    expect(entries.map(([path]) => path)).toEqual([...tree.keys()]);
    expect(entries.find(([path]) => path.endsWith('install.sh'))?.[1]).toBe(0o755);
    expect(entries.find(([path]) => path === 'README.md')?.[1]).toBe(0o644);
    expect(new Set(entries.map(([, , time]) => time))).toEqual(
      new Set(['2026-01-13T13:05:58.000Z']),
    );
  });

  it.each([
    ['zip', 'bundle.zip', (file: string, to: string) => spawnSync('unzip', ['-q', file, '-d', to])],
    [
      'tar.gz',
      'bundle.tar.gz',
      (file: string, to: string) => spawnSync('tar', ['-xzf', file, '-C', to]),
    ],
  ])(
    'a %s extracts with the system tool to the same files, scripts executable',
    async (_, name, extract) => {
      const dir = workDir();
      await writeBundle(tree, join(dir, name));
      mkdirSync(join(dir, 'out'));
      const result = extract(join(dir, name), join(dir, 'out'));
      expect(result.status, String(result.stderr)).toBe(0);
      expect(contents(await readBundle(join(dir, 'out')))).toEqual(contents(tree));
      expect(statSync(join(dir, 'out', 'gpu-operator/scripts/install.sh')).mode & 0o777).toBe(
        0o755,
      );
      expect(
        spawnSync('sha256sum', ['-c', '--quiet', 'checksums.txt'], { cwd: join(dir, 'out') })
          .status,
      ).toBe(0);
    },
  );

  it('a tar.gz dates every entry at the fixed time', async () => {
    const dir = workDir();
    await writeBundle(tree, join(dir, 'b.tar.gz'));
    const listing = spawnSync('tar', ['--utc', '--full-time', '-tvzf', join(dir, 'b.tar.gz')], {
      encoding: 'utf8',
    });
    const lines = listing.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(tree.size);
    for (const line of lines) expect(line).toContain('1980-01-02 00:00:00');
  });

  it.each(['bundle.zip', 'bundle.tar.gz', 'bundle.tgz'])(
    '%s reads back as the tree it was written from',
    async (name) => {
      const dir = workDir();
      await writeBundle(tree, join(dir, name));
      expect(contents(await readBundle(join(dir, name)))).toEqual(contents(tree));
    },
  );

  it('refuses an archive that is not one, and an entry that climbs out', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'fake.zip'), 'not a zip');
    expect(await codeOf(readBundle(join(dir, 'fake.zip')))).toBe('INPUT_SCHEMA');
    writeFileSync(
      join(dir, 'evil.tar.gz'),
      tarGzTree(new Map([['../escape', { content: 'x', mode: 0o644 }]]), DEFAULT_ARCHIVE_TIME),
    );
    expect(await codeOf(readBundle(join(dir, 'evil.tar.gz')))).toBe('INPUT_SCHEMA');
  });
});

describe('BundleWriter.write', () => {
  it.each([
    ['out', 'directory'],
    ['out.zip', 'zip'],
    ['out.tgz', 'tar.gz'],
  ])('writes %s as a %s and says so', async (name, format) => {
    expect(await writeBundle(tree, join(workDir(), name))).toBe(format);
  });

  it.each(['zip', 'tar.gz'] as const)(
    'puts in a .%s file the bytes its archive() gives in memory',
    async (format) => {
      const file = join(workDir(), `bundle.${format}`);
      const writer = writerDated(new Date('2026-01-13T13:05:58Z'));
      await writer.write(file, tree, { force: false });
      expect(readFileSync(file).equals(Buffer.from(await writer.archive(tree, format)))).toBe(true);
    },
  );

  it('writes a directory with the modes of the tree, whatever the umask', async () => {
    const dir = join(workDir(), 'new', 'bundles');
    const previous = process.umask(0o077);
    try {
      await writeBundle(tree, dir);
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'gpu-operator/scripts/install.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'README.md')).mode & 0o777).toBe(0o644);
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'checksums.txt'], { cwd: dir }).status).toBe(0);
  });

  it('writes into an empty directory, refuses a non-empty one, and replaces it whole with force', async () => {
    const dir = join(workDir(), 'bundles');
    mkdirSync(dir);
    await writeBundle(tree, dir);
    writeFileSync(join(dir, 'stale.txt'), 'old');
    expect(await codeOf(writeBundle(tree, dir))).toBe('USAGE');
    expect(readFileSync(join(dir, 'stale.txt'), 'utf8')).toBe('old');
    await writeBundle(tree, dir, { force: true });
    expect(readdirSync(dir)).not.toContain('stale.txt');
    expect(readdirSync(join(dir, '..'))).toEqual(['bundles']);
  });

  it('refuses an existing archive unless forced, and a directory named like an archive', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'b.zip'), 'old');
    expect(await codeOf(writeBundle(tree, join(dir, 'b.zip')))).toBe('USAGE');
    await writeBundle(tree, join(dir, 'b.zip'), { force: true });
    expect(readFileSync(join(dir, 'b.zip')).subarray(0, 2).toString()).toBe('PK');
    mkdirSync(join(dir, 'd.zip'));
    expect(await codeOf(writeBundle(tree, join(dir, 'd.zip')))).toBe('USAGE');
  });

  it('turns a location it cannot write into a usage error, leaving nothing behind', async () => {
    const dir = workDir();
    chmodSync(dir, 0o500);
    try {
      const code = await codeOf(writeBundle(tree, join(dir, 'bundles')));
      // root ignores directory permissions; everyone else gets the usage error.
      if (process.getuid?.() !== 0) expect(code).toBe('USAGE');
    } finally {
      chmodSync(dir, 0o700);
    }
    if (process.getuid?.() !== 0) expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, 'file'), '');
    expect(await codeOf(writeBundle(tree, join(dir, 'file', 'bundles')))).not.toBe('no error');
    expect(await codeOf(writeBundle(tree, join(dir, 'file')))).toBe('USAGE');
  });

  it('leaves neither the target nor a temporary folder when aborted half-way', async () => {
    const parent = workDir();
    const controller = new AbortController();
    let written = 0;
    // A tree that aborts the run (as Ctrl-C would) after the writer has taken two files.
    const aborting: FileTree = new Map(tree);
    Object.defineProperty(aborting, Symbol.iterator, {
      value: function* () {
        for (const entry of tree) {
          if (++written === 3) controller.abort();
          yield entry;
        }
      },
    });
    expect(
      await codeOf(
        writeTreeToDirectory(aborting, join(parent, 'bundles'), {
          signal: controller.signal,
          processId: process.pid,
        }),
      ),
    ).toBe('CANCELLED');
    expect(written).toBeGreaterThanOrEqual(3);
    expect(readdirSync(parent)).toEqual([]);
  });
});
