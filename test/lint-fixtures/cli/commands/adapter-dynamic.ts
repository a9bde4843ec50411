// expect-lint: no-restricted-syntax "Only cli/main.ts (the composition root) imports adapters"
export const loadHostFiles = () => import('../../adapters/host/host-files.js');
