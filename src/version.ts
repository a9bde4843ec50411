/** @module The tool's own version, from package.json (inlined by the bundler). */
import packageJson from '../package.json' with { type: 'json' };

export const CNS_VERSION: string = packageJson.version;
