// expect-lint: clean
// The server's composition root may read process, build adapters and make request ids.
import { randomUUID } from 'node:crypto';
import { composePorts } from '../adapters/compose/compose-ports.js';

export const env = process.env;
export const compose = composePorts;
export const newRequestId = randomUUID;
