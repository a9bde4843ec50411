// expect-lint: clean
// What adapters/ may do: I/O built-ins, the wall clock, and types (only) from actions/.
import { readFile } from 'node:fs/promises';
import type { Clock } from '../actions/ports.js';

export const wallClock: Clock = { now: () => new Date() };
export const readText = (path: string) => readFile(path, 'utf8');
