// expect-lint: no-restricted-syntax "core/ imports only core/"
export const loadStore = () => import('../adapters/documents/document-store.js');
