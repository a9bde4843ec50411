/**
 * @module Selects a value by a dotted path such as `components.gpu-operator.values.driver.version`.
 * Keys may themselves contain dots (`OS.sysctl./proc/sys/kernel/osrelease`), so at each level the
 * longest key that the path continues with wins; list items are addressed by index (`constraints.0`).
 */
import { CnsError } from '../shared/errors.js';

export function selectPath(root: unknown, selector: string): unknown {
  const trimmed = selector.trim().replace(/^\./, '');
  if (trimmed === '') return root;
  let current: unknown = root;
  let rest = trimmed;
  const walked: string[] = [];
  while (rest !== '') {
    const key = nextKey(current, rest);
    if (key === undefined) {
      const where = walked.length > 0 ? walked.join('.') : '(top level)';
      throw new CnsError(
        'NOT_FOUND',
        `no value at "${selector}": ${where} has ${describeKeys(current)}`,
        {
          details: { selector, at: walked.join('.'), available: availableKeys(current) },
        },
      );
    }
    current = Array.isArray(current)
      ? current[Number(key)]
      : (current as Record<string, unknown>)[key];
    walked.push(key);
    rest = rest.slice(key.length + 1);
  }
  return current;
}

function nextKey(current: unknown, rest: string): string | undefined {
  if (Array.isArray(current)) {
    const index = /^(\d+)(?:\.|$)/.exec(rest)?.[1];
    return index !== undefined && Number(index) < current.length ? index : undefined;
  }
  if (current === null || typeof current !== 'object') return undefined;
  let best: string | undefined;
  for (const key of Object.keys(current)) {
    if (
      (rest === key || rest.startsWith(`${key}.`)) &&
      (best === undefined || key.length > best.length)
    )
      best = key;
  }
  return best;
}

function availableKeys(current: unknown): string[] {
  if (Array.isArray(current)) return current.map((_, index) => String(index));
  if (current !== null && typeof current === 'object') return Object.keys(current).sort();
  return [];
}

function describeKeys(current: unknown): string {
  const keys = availableKeys(current);
  if (keys.length === 0)
    return `no keys below it (it is ${current === null ? 'null' : typeof current})`;
  const shown = keys.slice(0, 20).join(', ');
  return `keys: ${shown}${keys.length > 20 ? `, … (${keys.length} in all)` : ''}`;
}
