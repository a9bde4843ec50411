// expect-lint: no-restricted-properties "take the clock (Clock port) as a parameter"
export const stamp = () => Date.now();
