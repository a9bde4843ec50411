// expect-lint: no-restricted-syntax "core/ is pure: no I/O built-ins"
export const loadFs = () => import('fs/promises');
