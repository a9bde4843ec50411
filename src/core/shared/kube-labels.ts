/**
 * @module Labels cnsctl puts on what it writes to a cluster (agent objects, document ConfigMaps), so
 * that its own objects can be told from anyone else's and removed by selector.
 */

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'cnsctl';
export const VERSION_LABEL = 'app.kubernetes.io/version';

/** `text` as a label value: at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends. */
export function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]/g, '_')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
