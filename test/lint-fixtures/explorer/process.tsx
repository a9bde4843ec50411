// expect-lint: no-restricted-globals "process is Node's"
export const level = process.env.LEVEL;
