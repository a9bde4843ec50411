// expect-lint: @typescript-eslint/no-restricted-imports "never imports server/"
// expect-lint: no-restricted-syntax "never imports adapters/"
import { buildApp } from '../server/app.js';

export const app = buildApp;
export const load = () => import('../adapters/catalog/catalog-loader.js');
