/**
 * docs/data-authoring.md stays true: its rule example parses with the rule schema, its grammar table names
 * every comparator, and every rule id it mentions exists in data/rules.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  VALUE_COMPARATORS,
  coherenceRulesFileSchema,
} from '../../src/core/recipe/coherence-rule-schema.js';
import { embeddedCatalog } from './data-under-test.js';

const doc = readFileSync(new URL('../../docs/data-authoring.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## 8. Coherence rules'), doc.indexOf('## 9.'));

describe('docs/data-authoring.md, coherence rules', () => {
  it('shows a rules file that parses with the rule schema', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(coherenceRulesFileSchema.safeParse(parse(example)).success).toBe(true);
  });

  it('documents every comparator', () => {
    for (const comparator of VALUE_COMPARATORS) expect(section).toContain(`${comparator}:`);
  });

  it('names only rules that exist', async () => {
    const ids = new Set(((await embeddedCatalog()).rules ?? []).map((rule) => rule.id));
    const named = [...doc.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+){3,})`/g)]
      .map((m) => m[1] ?? '')
      .filter((name) => /needs|rule|off-no|before|after|root/.test(name));
    expect(named.filter((name) => !ids.has(name))).toEqual([]);
    expect(named.length).toBeGreaterThan(0);
  });
});
