// expect-lint: no-restricted-syntax "new Date() reads the clock"
export const stamp = () => new Date().toISOString();
