// expect-lint: clean
// The composition root may read process and build adapters.
import { createHostFiles } from '../adapters/host/host-files.js';

export const hostFiles = () => createHostFiles(process.cwd());
