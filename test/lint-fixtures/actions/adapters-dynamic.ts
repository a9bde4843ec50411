// expect-lint: no-restricted-syntax "actions/ import core/ and their ports only"
export const loadHostFiles = () => import('../adapters/host/host-files.js');
