/**
 * @module The formats of a value selected from a hydrated recipe (`cnsctl query`): scalars print bare
 * whatever the format, so scripts can use them as they are; structures as YAML or JSON
 * (presentation/query-value.ts, which cnsd's /v1/query answers with too).
 */
import type { Renderers } from './renderers.js';

export const queryRenderers = {
  yaml: async (value) =>
    (await import('../../presentation/query-value.js')).renderQueryValue(value, 'yaml'),
  json: async (value) =>
    (await import('../../presentation/query-value.js')).renderQueryValue(value, 'json'),
} satisfies Renderers<unknown>;
