/**
 * @module CommandRunner for host commands. With host root `/` a command runs as it is. Under another
 * root (an agent pod that mounts the host's `/` at `/host`) it must see the host, not the container:
 * - when PID 1 is the host's init and its root is the host root given (the pod shares the host PID
 *   namespace), run it with `nsenter --target 1 --mount --uts --ipc --net --pid`, which enters the host's
 *   namespaces: the host's binaries, /proc, /dev, systemd and D-Bus sockets, exactly as on the host;
 * - otherwise, when running as root, `chroot <root>`: the host's binaries and libraries against the
 *   mounted tree (nvidia-smi then needs /dev and /proc mounted under the root, as the agent does);
 * - otherwise no host command can be run, and every run reports UNAVAILABLE with that reason.
 * Each command runs in its own process group, so a timeout or Ctrl-C kills it and its children.
 */
import { constants } from 'node:os';
import type * as ChildProcessModule from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { readlink, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommandResult, CommandRunner, DeferInterrupts } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';

/** How host commands are run; chosen once per runner. */
export type HostCommandStrategy =
  | { readonly kind: 'direct' }
  | { readonly kind: 'nsenter' }
  | { readonly kind: 'chroot'; readonly root: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

export const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
/** The host's PATH: commands are looked up where a host shell would find them, not on our PATH. */
const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NSENTER = ['nsenter', '--target', '1', '--mount', '--uts', '--ipc', '--net', '--pid', '--'];

/** What the runner needs to know of our own process; the entry file reads it from `process`. */
export interface RunnerProcess {
  /** The environment of the commands: ours for a direct run, with LC_ALL=C so output is parseable. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Our user id (undefined where there are none): root may chroot into a host root. */
  readonly userId: number | undefined;
  /** Sends `signal` to every process of the group `groupId` (process.kill with a negative id). */
  readonly killProcessGroup: (groupId: number, signal: 'SIGKILL') => void;
}

export interface HostCommandRunnerOptions extends RunnerProcess {
  /** Holds interrupts off while a command's process group lives, so an interrupt kills it first. */
  readonly deferInterrupts?: DeferInterrupts;
  /** Decides the strategy; replaced in tests. */
  readonly chooseStrategy?: (root: string) => Promise<HostCommandStrategy>;
}

/** Creates a CommandRunner whose commands see the host mounted at `root`. */
export function createHostCommandRunner(
  root: string,
  options: HostCommandRunnerOptions,
): CommandRunner {
  const absoluteRoot = resolve(root);
  let strategy: Promise<HostCommandStrategy> | undefined;
  return {
    async run(program, args, runOptions) {
      strategy ??= options.chooseStrategy
        ? options.chooseStrategy(absoluteRoot)
        : chooseHostCommandStrategy(absoluteRoot, options.userId);
      const chosen = await strategy;
      if (chosen.kind === 'unavailable') {
        throw new CnsError('UNAVAILABLE', chosen.reason, {
          details: { program, root: absoluteRoot },
        });
      }
      const env =
        chosen.kind === 'direct'
          ? { ...options.env, LC_ALL: 'C' }
          : { PATH: HOST_PATH, LC_ALL: 'C', HOME: '/root' };
      // Looking a program up is far cheaper than forking to learn it is absent (a GPU-less node has no nvidia-smi).
      const located = chosen.kind === 'direct' ? findOnPath(program, env.PATH) : program;
      if (located === undefined) {
        throw new CnsError('NOT_FOUND', `${program} not found`, {
          details: { program, PATH: env.PATH },
        });
      }
      const [command, ...commandArgs] = wrap(chosen, located, args);
      const signal = combineSignals(runOptions.signal, runOptions.timeoutMs);
      const wrapper = chosen.kind === 'direct' ? undefined : command;
      const invocation = { command: command ?? program, args: commandArgs, env, program, wrapper };
      const deferInterrupts = options.deferInterrupts ?? ((work) => work());
      const result = await deferInterrupts(() =>
        spawnCollect(invocation, signal, options.killProcessGroup),
      );
      return interpretWrapperExit(chosen, program, result);
    },
  };
}

/**
 * Picks nsenter when PID 1's root is the host root and PID 1 lives in another mount namespace (we
 * are in a container sharing the host PID namespace), direct when it is our own namespace, chroot
 * when we are root, and otherwise explains why host commands cannot run.
 */
export async function chooseHostCommandStrategy(
  root: string,
  userId: number | undefined,
): Promise<HostCommandStrategy> {
  if (root === '/') return { kind: 'direct' };
  const [rootStat, initRootStat, initMountNs, ownMountNs] = await Promise.all([
    stat(root).catch(() => undefined),
    stat('/proc/1/root').catch(() => undefined),
    readlink('/proc/1/ns/mnt').catch(() => undefined),
    readlink('/proc/self/ns/mnt').catch(() => undefined),
  ]);
  const rootIsInitRoot =
    rootStat !== undefined &&
    initRootStat !== undefined &&
    rootStat.dev === initRootStat.dev &&
    rootStat.ino === initRootStat.ino;
  if (rootIsInitRoot && initMountNs !== undefined && ownMountNs !== undefined) {
    return initMountNs === ownMountNs ? { kind: 'direct' } : { kind: 'nsenter' };
  }
  if (userId === 0) return { kind: 'chroot', root };
  return {
    kind: 'unavailable',
    reason:
      `host commands cannot run under --host-root ${root}: that needs root (to chroot into it) or the ` +
      'host PID namespace with privileges (to nsenter PID 1)',
  };
}

/** The executable `program` names on `path`, as execvp would find it; undefined when there is none. */
export function findOnPath(program: string, path: string | undefined): string | undefined {
  if (program.includes('/')) return program;
  for (const dir of (path ?? '').split(':')) {
    const candidate = join(dir === '' ? '.' : dir, program);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return undefined;
}

function wrap(strategy: HostCommandStrategy, program: string, args: readonly string[]): string[] {
  switch (strategy.kind) {
    case 'nsenter':
      return [...NSENTER, program, ...args];
    case 'chroot':
      return ['chroot', strategy.root, program, ...args];
    default:
      return [program, ...args];
  }
}

/** chroot and nsenter report their own failures through exit codes 125–127 and a prefixed message. */
function interpretWrapperExit(
  strategy: HostCommandStrategy,
  program: string,
  result: CommandResult,
): CommandResult {
  if (strategy.kind !== 'chroot' && strategy.kind !== 'nsenter') return result;
  const wrapper = strategy.kind;
  const stderr = result.stderr.trim();
  if (!stderr.startsWith(`${wrapper}:`)) return result;
  const details = { program, wrapper, exitCode: result.exitCode, stderr };
  if (result.exitCode === 127 || /No such file or directory/.test(stderr)) {
    return notFound(program, details);
  }
  throw new CnsError(
    'UNAVAILABLE',
    `cannot run ${program} on the host through ${wrapper}: ${firstLine(stderr)}`,
    {
      details,
    },
  );
}

function notFound(program: string, details: Readonly<Record<string, unknown>>): never {
  throw new CnsError('NOT_FOUND', `${program} not found on the host`, { details });
}

function combineSignals(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): AbortSignal | undefined {
  const signals = [
    signal,
    timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
  ].filter((s): s is AbortSignal => s !== undefined);
  if (signals.length <= 1) return signals[0];
  return AbortSignal.any(signals);
}

/** node:child_process costs ~12 ms to load; a host without the programs never needs it. */
let childProcess: Promise<typeof ChildProcessModule> | undefined;

/** One spawn: what runs (the wrapper, if any, around the host program) and in which environment. */
interface Invocation {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The host program, for messages. */
  readonly program: string;
  readonly wrapper: string | undefined;
}

async function spawnCollect(
  { command, args, env, program, wrapper }: Invocation,
  signal: AbortSignal | undefined,
  killProcessGroup: RunnerProcess['killProcessGroup'],
): Promise<CommandResult> {
  childProcess ??= import('node:child_process');
  const { spawn } = await childProcess;
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal, program));
      return;
    }
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    let failure: CnsError | undefined;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        killProcessGroup(child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const onAbort = (): void => {
      failure ??= abortError(signal as AbortSignal, program);
      killGroup();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        failure ??= new CnsError(
          'UNAVAILABLE',
          `${program} printed more than ${MAX_OUTPUT_BYTES} bytes`,
          {
            details: { program },
          },
        );
        killGroup();
        return;
      }
      sink.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      if (error.code === 'ENOENT') {
        const what = wrapper ? `${wrapper} (needed to run ${program} on the host)` : program;
        reject(
          new CnsError(wrapper ? 'UNAVAILABLE' : 'NOT_FOUND', `${what} not found`, {
            details: { program, command },
            cause: error,
          }),
        );
        return;
      }
      reject(
        new CnsError('UNAVAILABLE', `cannot run ${program}: ${error.message}`, {
          details: { program },
          cause: error,
        }),
      );
    });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      if (failure) {
        reject(failure);
        return;
      }
      const exitCode = code ?? 128 + (killedBy ? (constants.signals[killedBy] ?? 0) : 0);
      resolvePromise({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

function abortError(signal: AbortSignal, program: string): CnsError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return timedOut
    ? new CnsError('TIMEOUT', `${program} did not finish in time`, {
        details: { program },
        cause: reason,
      })
    : new CnsError('CANCELLED', `${program} was cancelled`, {
        details: { program },
        cause: reason,
      });
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
