/**
 * @module Builds a subtype's data from a literal whose values may be absent: absent and empty values
 * are left out, so a snapshot never stores a placeholder for a fact it does not have.
 */
import type { Scalar } from './snapshot-document.js';

/** Returns `data` without its undefined and empty-string values. */
export function definedData(
  data: Readonly<Record<string, Scalar | undefined>>,
): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
