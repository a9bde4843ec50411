// expect-lint: @typescript-eslint/no-restricted-imports "core/ is pure: no I/O built-ins"
import { env } from 'node:process';

export const home = () => env.HOME;
