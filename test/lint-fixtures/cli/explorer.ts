// expect-lint: @typescript-eslint/no-restricted-imports "cnsctl never loads the explorer"
import { parseRoute } from '../explorer/route.js';

export const parse = parseRoute;
