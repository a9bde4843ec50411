// expect-lint: no-restricted-globals "presentation/ renders results as text for both shells, purely: console is ambient"
export const renderProbe = (value: unknown) => console.log(value);
