// expect-lint: no-restricted-globals "Only the entry file (cli/main.ts) reads process"
export const platform = () => process.platform;
