// expect-lint: no-restricted-properties "randomness makes output irreproducible"
export const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
