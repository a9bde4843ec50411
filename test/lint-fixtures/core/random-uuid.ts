// expect-lint: no-restricted-properties "randomness makes output irreproducible"
// expect-lint: no-restricted-globals "crypto is ambient"
export const id = () => crypto.randomUUID();
