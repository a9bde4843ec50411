// expect-lint: no-restricted-syntax "Only server/main.ts (the composition root) imports adapters"
export const loadStore = () => import('../../adapters/documents/document-store.js');
