// expect-lint: no-restricted-properties "take time limits from the Timeouts port"
export const deadline = (ms: number) => AbortSignal.timeout(ms);
