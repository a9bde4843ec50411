// expect-lint: @typescript-eslint/no-restricted-imports "core/ is pure: core/ imports only core/"
import { renderJunit } from '../presentation/validation-junit.js';

export const render = renderJunit;
