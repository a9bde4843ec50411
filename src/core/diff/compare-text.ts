/**
 * @module The one order diff reports sort names by: UTF-16 code units, as Array.prototype.sort does by
 * default, so the order never depends on the locale of the machine that ran the diff.
 */

/** Orders two strings by code unit. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
