// expect-lint: @typescript-eslint/no-restricted-imports "actions/ import core/ and their ports only"
import { createHostFiles } from '../adapters/host/host-files.js';

export const hostFiles = () => createHostFiles('/');
