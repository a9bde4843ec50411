// expect-lint: no-restricted-globals "globalThis is ambient"
export const home = () => globalThis.process.env.HOME;
