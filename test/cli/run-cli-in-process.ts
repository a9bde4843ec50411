/**
 * Runs cnsctl in-process for tests, exactly as main.ts does (the same composePorts) but with buffers
 * for the streams, the repository's data/ directory compiled as the embedded catalog, and any port
 * replaced (a fixture host, a stepping timer).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Ports } from '../../src/actions/ports.js';
import { composePorts } from '../../src/adapters/compose/compose-ports.js';
import { runCli, type PortsForRun } from '../../src/cli/run-cli.js';
import { thisProcess } from '../compose/this-process.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  /** Ports to use instead of the ones composePorts builds. */
  readonly ports?: Partial<Ports>;
  readonly signal?: AbortSignal;
  readonly isTTY?: boolean;
}

export async function cnsctl(
  argv: readonly string[],
  options: CliRunOptions = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const env = { SOURCE_DATE_EPOCH: '1768309558', ...options.env };
  const portsForRun: PortsForRun = (kube) => ({
    ...composePorts(
      thisProcess({
        env,
        kube,
        stdio: {
          openStdin: () => Readable.from([Buffer.from(options.stdin ?? '')]),
          writeStdout: (text) => {
            stdout += text;
            return Promise.resolve();
          },
        },
      }),
    ),
    ...options.ports,
  });
  const code = await runCli(
    argv,
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env,
      runtime: { node: process.versions.node, platform: `${process.platform}/${process.arch}` },
    },
    portsForRun,
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
