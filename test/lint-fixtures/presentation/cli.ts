// expect-lint: @typescript-eslint/no-restricted-imports "presentation/ renders results as text for both shells, purely: it imports core/ only"
import { reportError } from '../cli/report-error.js';

export const report = reportError;
