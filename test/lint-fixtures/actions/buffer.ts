// expect-lint: no-restricted-globals "Buffer is ambient"
export const bytes = (text: string) => Buffer.from(text).length;
