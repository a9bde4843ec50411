// expect-lint: no-restricted-globals "setTimeout is ambient"
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
