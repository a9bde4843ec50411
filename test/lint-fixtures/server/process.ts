// expect-lint: no-restricted-globals "Only server/main.ts reads process"
export const port = () => process.env.CNSD_PORT;
