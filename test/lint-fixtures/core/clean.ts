// expect-lint: clean
// What core/ may do: import core/, hash with node:crypto, join paths, build a date from a value.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { CnsError } from './shared/errors.js';

export function describeFile(dir: string, name: string, content: string, epochMs: number) {
  if (name === '') throw new CnsError('USAGE', 'a file needs a name');
  return {
    path: posix.join(dir, name),
    sha256: createHash('sha256').update(content).digest('hex'),
    date: new Date(epochMs).toISOString(),
  };
}
