// expect-lint: no-restricted-syntax "core/ is pure: no shell libraries"
export const loadClient = () => import('@kubernetes/client-node');
