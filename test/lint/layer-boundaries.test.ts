/**
 * Guards the guard: every probe in test/lint-fixtures/ is linted as if it sat at the same path under
 * src/ (test/lint-fixtures/core/date-now.ts as src/core/date-now.ts) with the project's own ESLint
 * configuration, and must fail with the rule and message its `// expect-lint:` lines name, or pass
 * when it says `clean`. The probes are not part of the TypeScript program, so the type-aware rules
 * are switched off here; the boundary rules read syntax only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(REPO_ROOT, 'test', 'lint-fixtures');

interface Probe {
  readonly fixture: string;
  readonly lintedAs: string;
  readonly text: string;
  readonly expected: readonly { readonly ruleId: string; readonly fragment: string }[] | 'clean';
}

function readProbes(dir: string): Probe[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return readProbes(path);
    const fixture = relative(FIXTURES, path);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n').filter((line) => line.startsWith('// expect-lint:'));
    const expected = lines.map((line) => /^\/\/ expect-lint: (\S+) "(.+)"$/.exec(line));
    return [
      {
        fixture,
        lintedAs: join('src', fixture),
        text,
        expected:
          lines.length === 1 && lines[0] === '// expect-lint: clean'
            ? 'clean'
            : expected.map((match) => {
                if (!match) throw new Error(`${fixture}: malformed // expect-lint: line`);
                return { ruleId: match[1]!, fragment: match[2]! };
              }),
      },
    ];
  });
}

const probes = readProbes(FIXTURES);
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

describe('layer boundaries (eslint/layer-boundaries.js)', () => {
  it('has a probe for each layer, and every probe says what it expects', () => {
    const layers = new Set(probes.map((p) => p.fixture.split('/')[0]));
    expect([...layers].sort()).toEqual([
      'actions',
      'adapters',
      'cli',
      'core',
      'explorer',
      'presentation',
      'server',
    ]);
    for (const probe of probes) {
      expect(probe.expected, probe.fixture).not.toEqual([]);
    }
  });

  it.each(probes.map((p) => [p.lintedAs, p] as const))('%s', async (_name, probe) => {
    const [result] = await eslint.lintText(probe.text, {
      filePath: join(REPO_ROOT, probe.lintedAs),
    });
    const found = (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message }));
    if (probe.expected === 'clean') {
      expect(found).toEqual([]);
      return;
    }
    for (const { ruleId, fragment } of probe.expected) {
      expect(found, `${probe.fixture} should fail ${ruleId}`).toContainEqual({
        ruleId,
        message: expect.stringContaining(fragment) as string,
      });
    }
  });
});
