/**
 * @module A fixture host for tests: the real HostFiles adapter over `test/fixtures/hosts/<name>/root`,
 * and a CommandRunner double that replays the commands recorded in `<name>/commands.json` under the
 * real runner's contract: a program with no recording is absent (NOT_FOUND, as for ENOENT), a non-zero
 * exit is a result, and an aborted signal ends a run with TIMEOUT or CANCELLED.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CommandResult,
  CommandRunner,
  HostFiles,
  OpenHost,
  OpenKubeSnapshotSource,
} from '../../src/actions/ports.js';
import { createHostFiles } from '../../src/adapters/host/host-files.js';
import { systemTimeouts, systemTimer } from '../../src/adapters/time/system-time.js';
import { CnsError } from '../../src/core/shared/errors.js';

export const HOSTS_DIR = fileURLToPath(new URL('../fixtures/hosts/', import.meta.url));

/** A Kubernetes API object recorded from an EKS H100 cluster (test/fixtures/kube/eks-h100/<name>.json). */
export const readKubeFixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/kube/eks-h100/${name}.json`, import.meta.url), 'utf8'),
  ) as T;

/** One recorded invocation; `args: "*"` matches any arguments. */
export interface Recording {
  readonly args: readonly string[] | '*';
  readonly exitCode?: number;
  readonly stdout?: string;
  readonly stdoutFile?: string;
  readonly stderr?: string;
  /** Serves `systemctl show [--no-pager] UNIT…` from `<dir>/<unit>.txt`. */
  readonly systemdUnitsDir?: string;
  /** Holds the answer back this long, to exercise timeouts. */
  readonly delayMs?: number;
}

export interface FixtureHost {
  readonly dir: string;
  readonly files: HostFiles;
  readonly commands: RecordingRunner;
}

export interface RecordingRunner extends CommandRunner {
  /** Every invocation, as `program arg…`, in call order. */
  readonly calls: string[];
}

/** Opens the fixture host `name`, optionally with some recordings replaced. */
export function fixtureHost(
  name: string,
  overrides: Readonly<Record<string, readonly Recording[]>> = {},
): FixtureHost {
  const dir = join(HOSTS_DIR, name);
  const recorded = JSON.parse(readFileSync(join(dir, 'commands.json'), 'utf8')) as Record<
    string,
    Recording[]
  >;
  return {
    dir,
    files: createHostFiles(join(dir, 'root')),
    commands: replay(dir, { ...recorded, ...overrides }),
  };
}

/** The host root of a fixture host, for `--host-root`. */
export const fixtureHostRoot = (name: string): string => join(HOSTS_DIR, name, 'root');

/**
 * The OpenHost port over fixture hosts, for running `cnsctl snapshot --host-root` in tests: a fixture
 * host's root opens that host (its files, and its recorded commands); any other root is refused.
 */
export const openFixtureHost: OpenHost = (root) => {
  const name = relative(HOSTS_DIR, dirname(root));
  if (basename(root) !== 'root' || name === '' || name.includes('/') || name.startsWith('..')) {
    return Promise.reject(new Error(`${root} is not the root of a fixture host`));
  }
  return Promise.resolve(fixtureHost(name));
};

/** The machine's own timer and timeouts, which collectors are limited and timed by. */
export const realTime = { timer: systemTimer, timeouts: systemTimeouts };

/** A cluster opener for hosts without one, as the real adapter answers when nothing is configured. */
export const noCluster: OpenKubeSnapshotSource = () =>
  Promise.reject(new CnsError('UNAVAILABLE', 'no kubeconfig or in-cluster configuration found'));

function replay(
  dir: string,
  recordings: Readonly<Record<string, readonly Recording[]>>,
): RecordingRunner {
  const calls: string[] = [];
  return {
    calls,
    async run(program, args, options) {
      calls.push([program, ...args].join(' '));
      const candidates = recordings[program];
      if (!candidates)
        throw new CnsError('NOT_FOUND', `${program} not found`, { details: { program } });
      const recording = candidates.find((r) => r.args === '*' || sameArgs(r.args, args));
      if (!recording) {
        return {
          exitCode: 64,
          stdout: '',
          stderr: `no recording of: ${program} ${args.join(' ')}\n`,
        };
      }
      await wait(recording.delayMs ?? 0, options.signal, program);
      return answer(dir, recording, args);
    },
  };
}

function answer(dir: string, recording: Recording, args: readonly string[]): CommandResult {
  if (recording.systemdUnitsDir) return systemctlShow(join(dir, recording.systemdUnitsDir), args);
  const stdout = recording.stdoutFile
    ? readFileSync(join(dir, recording.stdoutFile), 'utf8')
    : (recording.stdout ?? '');
  return { exitCode: recording.exitCode ?? 0, stdout, stderr: recording.stderr ?? '' };
}

/** What systemd 255 prints: one block per unit, a not-found block for a unit that is not installed. */
function systemctlShow(unitsDir: string, args: readonly string[]): CommandResult {
  if (args[0] !== 'show')
    return { exitCode: 1, stdout: '', stderr: `Unknown command verb ${args[0]}.\n` };
  const units = args.slice(1).filter((a) => !a.startsWith('-'));
  const blocks = units.map((unit) => {
    try {
      return readFileSync(join(unitsDir, `${unit}.txt`), 'utf8');
    } catch {
      return [
        'Restart=no',
        `Id=${unit}`,
        `Names=${unit}`,
        `Description=${unit}`,
        'LoadState=not-found',
        'ActiveState=inactive',
        'SubState=dead',
        `LoadError=org.freedesktop.systemd1.NoSuchUnit "Unit ${unit} not found."`,
        '',
      ].join('\n');
    }
  });
  return { exitCode: 0, stdout: blocks.map((b) => b.trimEnd()).join('\n\n') + '\n', stderr: '' };
}

function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function wait(ms: number, signal: AbortSignal | undefined, program: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (): void => {
      clearTimeout(timer);
      const reason: unknown = signal?.reason;
      const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
      reject(
        new CnsError(timedOut ? 'TIMEOUT' : 'CANCELLED', `${program} was stopped`, {
          details: { program },
        }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', fail);
      resolve();
    }, ms);
    if (signal?.aborted) fail();
    else signal?.addEventListener('abort', fail, { once: true });
  });
}
