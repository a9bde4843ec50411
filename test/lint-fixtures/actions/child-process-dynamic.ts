// expect-lint: no-restricted-syntax "actions/ reach the world only through ports.ts: no I/O built-ins"
export const loadChildProcess = () => import('node:child_process');
