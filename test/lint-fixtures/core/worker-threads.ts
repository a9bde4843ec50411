// expect-lint: @typescript-eslint/no-restricted-imports "core/ is pure: no I/O built-ins"
import { Worker } from 'node:worker_threads';

export const start = (file: string) => new Worker(file);
