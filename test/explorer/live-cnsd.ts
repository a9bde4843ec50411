/**
 * @module The shipped cnsd (bin/cnsd.mjs over dist/, as `npm run build` leaves it) started on a free
 * loopback port, as a user starts it: the explorer's URL is the one it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';

export interface LiveCnsd {
  /** The printed URL, without its trailing slash. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startLiveCnsd(): Promise<LiveCnsd> {
  const child: ChildProcess = spawn(
    process.execPath,
    [`${REPO_ROOT}bin/cnsd.mjs`, '--port', '0', '--log-level', 'warn'],
    {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558', CNSD_RATE_LIMIT_MAX: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /recipe explorer at (http:\/\/\S+?)\/?\n/.exec(printed);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`cnsd exited ${code}: ${printed}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
