// expect-lint: @typescript-eslint/no-restricted-imports "cli/ and server/ never import each other"
import { runCli } from '../cli/run-cli.js';

export const run = runCli;
