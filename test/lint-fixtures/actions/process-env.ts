// expect-lint: no-restricted-globals "process is ambient"
export const nodeName = () => process.env.NODE_NAME;
