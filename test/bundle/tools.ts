/**
 * The real tools the bundle tests run: helm, kubectl (kustomize) and shellcheck, as
 * scripts/install-test-tools.sh puts them in .cache/tools/bin (shellcheck may also come from PATH).
 * A test that needs an absent tool skips with a message saying how to get it.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';

export const INSTALL_HINT = 'run scripts/install-test-tools.sh';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The tool in .cache/tools/bin, or (when `fromPath`) the first one on PATH. */
export function findTool(name: string, fromPath = false): string | undefined {
  const cached = join(REPO_ROOT, '.cache', 'tools', 'bin', name);
  if (executable(cached)) return cached;
  if (!fromPath) return undefined;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find(executable);
}

/** Runs a tool with its own HOME-like folders for helm, so nothing of the machine's leaks in or out. */
export function runTool(
  tool: string,
  args: readonly string[],
  cwd?: string,
): SpawnSyncReturns<string> {
  const home = mkdtempSync(join(tmpdir(), 'cnsctl-tool-'));
  return spawnSync(tool, args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_DATA_HOME: join(home, 'data'),
    },
    timeout: 60_000,
  });
}
