// expect-lint: @typescript-eslint/no-restricted-imports "Randomness makes output irreproducible"
import { randomUUID } from 'node:crypto';

export const id = () => randomUUID();
