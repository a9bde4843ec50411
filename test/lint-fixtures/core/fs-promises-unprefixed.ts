// expect-lint: @typescript-eslint/no-restricted-imports "core/ is pure: no I/O built-ins"
import { readFile } from 'fs/promises';

export const read = (path: string) => readFile(path, 'utf8');
