/**
 * Runs cnsctl in-process for tests, exactly as main.ts does but with buffers for the streams and the
 * repository's data/ directory compiled as the embedded catalog.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { compileCatalogDirectory } from '../../src/adapters/catalog/compile-catalog-directory.js';
import type { EmbeddedCatalog } from '../../src/adapters/catalog/read-embedded-catalog.js';
import type { CliDeps } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = `${REPO_ROOT}data`;

/** The demo report's criteria, as flags. */
export const DEMO_CRITERIA_FLAGS = [
  '--service',
  'eks',
  '--accelerator',
  'h100',
  '--os',
  'ubuntu',
  '--intent',
  'training',
];

let embedded: Promise<EmbeddedCatalog> | undefined;
export function loadRepositoryCatalog(): Promise<EmbeddedCatalog> {
  embedded ??= compileCatalogDirectory(DATA_DIR);
  return embedded;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  readonly deps?: Partial<CliDeps>;
  readonly signal?: AbortSignal;
  readonly isTTY?: boolean;
}

export async function cnsctl(
  argv: readonly string[],
  options: CliRunOptions = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      readStdin: () => Promise.resolve(options.stdin ?? ''),
      env: { SOURCE_DATE_EPOCH: '1768309558', ...options.env },
      cwd: REPO_ROOT,
    },
    { loadEmbeddedCatalog: loadRepositoryCatalog, ...options.deps },
    options.signal ?? new AbortController().signal,
  );
  return { code, stdout, stderr };
}

/** Compares `actual` with test/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead. */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = `${REPO_ROOT}test/golden/${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8').catch(() => {
    throw new Error(
      `golden file ${name} is missing: run the tests once with UPDATE_GOLDEN=1 and review it`,
    );
  });
  expect(actual).toBe(expected);
}
