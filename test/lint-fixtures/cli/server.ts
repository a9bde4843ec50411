// expect-lint: no-restricted-syntax "cli/ and server/ never import each other"
export const loadServer = () => import('../server/app.js');
