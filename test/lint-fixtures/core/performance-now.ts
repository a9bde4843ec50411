// expect-lint: no-restricted-globals "performance is ambient"
export const tick = () => performance.now();
