// expect-lint: @typescript-eslint/no-restricted-imports "Randomness makes output irreproducible; take it through a port"
import { randomUUID } from 'node:crypto';

export const newRequestId = randomUUID;
