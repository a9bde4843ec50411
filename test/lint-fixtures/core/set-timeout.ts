// expect-lint: no-restricted-globals "setTimeout is ambient"
export const later = (work: () => void) => setTimeout(work, 10);
