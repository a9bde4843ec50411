// expect-lint: clean
// The server's composition root may read process and build adapters.
import { composePorts } from '../adapters/compose/compose-ports.js';

export const env = process.env;
export const compose = composePorts;
