// expect-lint: no-restricted-syntax "import() takes a string literal"
export const load = (name: string) => import(name);
