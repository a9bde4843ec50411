/**
 * @module A value selected from a hydrated recipe as text, as `cnsctl query` prints it and cnsd's
 * /v1/query returns it: scalars bare whatever the format, so scripts can use them as they are;
 * structures as YAML or JSON.
 */
import { toJson, toYaml } from '../core/shared/serialize.js';

export const QUERY_VALUE_FORMATS = ['yaml', 'json'] as const;
export type QueryValueFormat = (typeof QUERY_VALUE_FORMATS)[number];

const isScalar = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value !== 'object';

/**
 * @example renderQueryValue('v25.10.1', 'yaml') // 'v25.10.1\n'
 * @example renderQueryValue({ a: 1 }, 'yaml') // 'a: 1\n'
 */
export function renderQueryValue(value: unknown, format: QueryValueFormat): string {
  if (format === 'json') return toJson(value);
  return isScalar(value) ? `${String(value)}\n` : toYaml(value);
}
