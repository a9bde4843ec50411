// expect-lint: @typescript-eslint/no-restricted-imports "adapters/ never import the shells"
import { runCli } from '../cli/run-cli.js';

export const run = runCli;
