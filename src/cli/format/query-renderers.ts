/**
 * @module The formats of a value selected from a hydrated recipe (`cnsctl query`): scalars print bare
 * whatever the format, so scripts can use them as they are; structures as YAML or JSON.
 */
import type { Renderers } from './renderers.js';

const isScalar = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value !== 'object';

export const queryRenderers = {
  yaml: async (value) =>
    isScalar(value)
      ? `${String(value)}\n`
      : (await import('../../core/shared/serialize.js')).toYaml(value),
  json: async (value) => (await import('../../core/shared/serialize.js')).toJson(value),
} satisfies Renderers<unknown>;
