// expect-lint: @typescript-eslint/no-restricted-imports "no Node built-ins"
import { readFile } from 'node:fs/promises';

export const read = readFile;
