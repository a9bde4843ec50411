// expect-lint: no-restricted-globals "Only the entry file (cli/main.ts) reads process"
export const tempName = (path: string) => `${path}.${process.pid}.tmp`;
