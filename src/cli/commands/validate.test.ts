import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cnsctl, expectGolden } from '../../../test/cli/run-cli-in-process.js';
import { fixturePath } from '../../../test/validate/read-fixture.js';
import { FAIL_ON_LEVELS } from '../../core/validate/validation-exit-code.js';
import type { ValidationResult } from '../../core/validate/validation-result.js';

const DEMO_RECIPE = fixturePath('validate/recipe-h100-eks-training.yaml');
const DEMO_SNAPSHOT = fixturePath('validate/eks-h100-snapshot.yaml');
const H100_RECIPE = fixturePath('validate/recipe-h100-checks.yaml');
const H100_SNAPSHOT = fixturePath('validate/h100-snapshot.yaml');
const h100 = ['validate', '--recipe', H100_RECIPE, '--snapshot', H100_SNAPSHOT];

/** The one value that changes between runs. */
const maskDuration = (text: string) =>
  text
    .replace(/duration: \S+/, 'duration: <duration>')
    .replace(/ in \S+\n$/, ' in <duration>\n')
    .replace(/time="[^"]*"/g, 'time="<seconds>"');
/** Paths as users would type them, so golden files do not depend on the checkout's location. */
const relative = (text: string) => text.replaceAll(fixturePath('validate/x').slice(0, -1), '');

const errorCode = (stderr: string): unknown =>
  (JSON.parse(stderr.trim().split('\n')[0] ?? '{}') as { code?: unknown }).code;

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cnsctl-validate-'));
  await writeFile(join(dir, name), text);
  return join(dir, name);
}

describe('cnsctl validate', () => {
  it('reports the duration the injected timer measured, so output can be reproduced exactly', async () => {
    let ticks = 0;
    const timer = { now: () => (ticks++ === 0 ? 1000 : 1000.0115) };
    const run = await cnsctl(['validate', '--recipe', DEMO_RECIPE, '--snapshot', DEMO_SNAPSHOT], {
      ports: { timer },
    });
    expect((parse(run.stdout) as ValidationResult).summary.duration).toBe('11.5µs');
  });

  it("passes the demo recipe on the demo node, with the demo's summary and results", async () => {
    const run = await cnsctl(['validate', '--recipe', DEMO_RECIPE, '--snapshot', DEMO_SNAPSHOT]);
    expect(run.code).toBe(0);
    const result = parse(run.stdout) as ValidationResult;
    expect(result).toMatchObject({
      kind: 'ValidationResult',
      apiVersion: 'cns.nvidia.com/v1alpha1',
    });
    expect(result.summary).toMatchObject({
      passed: 4,
      failed: 0,
      skipped: 0,
      total: 4,
      status: 'pass',
    });
    expect(result.summary.duration).toMatch(/^\d+(\.\d+)?(ns|µs|ms|s)$/);
    expect(
      result.results.map(({ name, expected, actual, status }) => ({
        name,
        expected,
        actual,
        status,
      })),
    ).toEqual([
      {
        name: 'K8s.server.version',
        expected: '>= 1.30',
        actual: 'v1.34.1-eks-3025e55',
        status: 'passed',
      },
      { name: 'OS.release.ID', expected: 'ubuntu', actual: 'ubuntu', status: 'passed' },
      { name: 'OS.release.VERSION_ID', expected: '24.04', actual: '24.04', status: 'passed' },
      {
        name: 'OS.sysctl./proc/sys/kernel/osrelease',
        expected: '>= 6.8',
        actual: '6.8.0-1043-aws',
        status: 'passed',
      },
    ]);
    expect(run.stdout).toContain('expected: "24.04"');
    expect(result.metadata).toMatchObject({
      node: 'ip-10-0-182-128.ec2.internal',
      recipe: DEMO_RECIPE,
    });
  });

  it.each([
    ['exits 1 by default when a constraint of severity error fails', [], 1],
    ['exits 1 under --fail-on warning', ['--fail-on', 'warning'], 1],
    ['exits 0 under --fail-on never and still reports the failures', ['--fail-on', 'never'], 0],
  ])('%s', async (_name, flags, code) => {
    const run = await cnsctl([...h100, ...flags]);
    expect(run.code).toBe(code);
    expect((parse(run.stdout) as ValidationResult).summary).toMatchObject({
      failed: 2,
      warnings: 1,
      skipped: 2,
      status: 'fail',
    });
  });

  it('exits 0 on a failed warning by default and 1 under --fail-on warning', async () => {
    const recipe = await tempFile(
      'recipe.yaml',
      'kind: recipeResult\napiVersion: cns.nvidia.com/v1alpha1\nconstraints:\n  - name: GPU.gpu-0.mig-mode\n    value: Enabled\n    severity: warning\n',
    );
    const args = ['validate', '--recipe', recipe, '--snapshot', H100_SNAPSHOT];
    expect((await cnsctl(args)).code).toBe(0);
    expect((await cnsctl([...args, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('lists failures first in the table, then skipped, then passed, with remediation', async () => {
    const run = await cnsctl([...h100, '-t', 'table']);
    expect(run.code).toBe(1);
    const labels = run.stdout
      .split('\n')
      .map((line) => line.split(' ')[0])
      .filter((w) => /^(FAIL|WARN|SKIP|PASS)$/.test(w ?? ''));
    expect(labels).toEqual([
      'FAIL',
      'WARN',
      'SKIP',
      'SKIP',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
    ]);
    expect(run.stdout).not.toContain('\u001b[');
    await expectGolden(
      '../validate/golden/h100-checks-table.txt',
      maskDuration(relative(run.stdout)),
    );
  });

  it('writes JUnit XML that CI systems read: one test case per constraint', async () => {
    const run = await cnsctl([...h100, '-t', 'junit']);
    expect(run.code).toBe(1);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      run.stdout,
    ) as {
      testsuites: {
        tests: string;
        failures: string;
        skipped: string;
        testsuite: { testcase: unknown[] };
      };
    };
    expect(xml.testsuites).toMatchObject({ tests: '10', failures: '1', skipped: '2' });
    expect(xml.testsuites.testsuite.testcase).toHaveLength(10);
    await expectGolden(
      '../validate/golden/h100-checks-junit.xml',
      maskDuration(relative(run.stdout)),
    );
  });

  it('writes JSON that reads back as the same result', async () => {
    const [yaml, json] = await Promise.all([cnsctl(h100), cnsctl([...h100, '-t', 'json'])]);
    const strip = (r: ValidationResult) => ({ ...r, summary: { ...r.summary, duration: '' } });
    expect(strip(JSON.parse(json.stdout) as ValidationResult)).toEqual(
      strip(parse(yaml.stdout) as ValidationResult),
    );
  });

  it('writes the result to -o and keeps the exit code', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'cnsctl-validate-')), 'result.yaml');
    const run = await cnsctl([...h100, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect((parse(await readFile(out, 'utf8')) as ValidationResult).summary.total).toBe(10);
  });

  it('reads the snapshot from stdin', async () => {
    const run = await cnsctl(['validate', '--recipe', DEMO_RECIPE, '--snapshot', '-'], {
      stdin: await readFile(DEMO_SNAPSHOT, 'utf8'),
    });
    expect(run.code).toBe(0);
    expect((parse(run.stdout) as ValidationResult).metadata.snapshot).toBe('<stdin>');
  });

  it.each([
    ['colours the table on a terminal', { isTTY: true }, ['-t', 'table'], true],
    [
      'does not colour when NO_COLOR is set',
      { isTTY: true, env: { NO_COLOR: '1' } },
      ['-t', 'table'],
      false,
    ],
    ['does not colour when piped', { isTTY: false }, ['-t', 'table'], false],
    ['never colours YAML', { isTTY: true }, [], false],
  ])('%s', async (_name, options, flags, coloured) => {
    const run = await cnsctl([...h100, ...flags], options);
    expect(run.stdout.includes('\u001b[')).toBe(coloured);
  });

  it.each([
    [
      'a missing snapshot file',
      ['--recipe', DEMO_RECIPE, '--snapshot', '/nonexistent/snapshot.yaml'],
      3,
      'NOT_FOUND',
    ],
    [
      'a recipe given as the snapshot',
      ['--recipe', DEMO_RECIPE, '--snapshot', DEMO_RECIPE],
      2,
      'INPUT_SCHEMA',
    ],
    ['both documents from stdin', ['--recipe', '-', '--snapshot', '-'], 2, 'USAGE'],
  ])('refuses %s', async (_name, flags, code, errorName) => {
    const argv = ['validate', ...flags, '--log-json'];
    const run = await cnsctl(argv);
    expect(run.code).toBe(code);
    expect(errorCode(run.stderr)).toBe(errorName);
    expect(run.stdout).toBe('');
  });

  describe('on a snapshot with nothing the recipe asks for (a CPU machine)', () => {
    const emptySnapshot = () =>
      tempFile(
        'cpu.yaml',
        'kind: Snapshot\napiVersion: cns.nvidia.com/v1alpha1\nmetadata: {}\nmeasurements: []\n',
      );

    it.each([
      ['yaml', (out: string) => (parse(out) as ValidationResult).summary.status, 'incomplete'],
      ['json', (out: string) => (JSON.parse(out) as ValidationResult).summary.status, 'incomplete'],
      ['table', (out: string) => /^(\w+): 0 passed/m.exec(out)?.[1], 'INCOMPLETE'],
      ['junit', (out: string) => /name="status" value="(\w+)"/.exec(out)?.[1], 'incomplete'],
    ])(
      'says incomplete, never pass, in %s, and exits 0 with a warning by default',
      async (format, status, expected) => {
        const snapshot = await emptySnapshot();
        const run = await cnsctl([
          'validate',
          '--recipe',
          DEMO_RECIPE,
          '--snapshot',
          snapshot,
          '-t',
          format,
        ]);
        expect(run.code).toBe(0);
        expect(status(run.stdout)).toBe(expected);
        expect(run.stderr).toContain('validation incomplete: 4 of 4 constraints not measured');
      },
    );

    it('exits 1 under --fail-on skipped, with each skipped constraint a JUnit failure', async () => {
      const snapshot = await emptySnapshot();
      const run = await cnsctl([
        'validate',
        '--recipe',
        DEMO_RECIPE,
        '--snapshot',
        snapshot,
        '--fail-on',
        'skipped',
        '-t',
        'junit',
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('tests="4" failures="4" errors="0" skipped="0"');
      expect(run.stdout).toMatch(/<failure message="not measured: [^"]*" type="skipped">/);
      expect(run.stderr).toBe('');
    });
  });

  it.each([
    ['an ordering operator before text', '">= latest"'],
    ['two clauses without a comma', '">=6.8 <6.0"'],
    ['text after the version', '">= 6.8 garbage"'],
    ['a word match against a version', '"~= 1.30"'],
  ])(
    'refuses a recipe with %s with BAD_CONSTRAINT, naming it, before validating or diffing',
    async (_name, value) => {
      const recipe = await tempFile(
        'bad.yaml',
        `kind: recipeResult\napiVersion: cns.nvidia.com/v1alpha1\nconstraints:\n  - name: OS.release.ID\n    value: ubuntu\n  - name: K8s.server.version\n    value: ${value}\n`,
      );
      for (const argv of [
        ['validate', '--recipe', recipe, '--snapshot', DEMO_SNAPSHOT],
        ['diff', '--recipe', recipe, DEMO_SNAPSHOT],
      ]) {
        const run = await cnsctl([...argv, '--log-json']);
        expect(run.code).toBe(2);
        const line = JSON.parse(run.stderr.trim()) as {
          code: string;
          msg: string;
          details: { name: string; index: number };
        };
        expect(line).toMatchObject({
          code: 'BAD_CONSTRAINT',
          details: { name: 'K8s.server.version', index: 1 },
        });
        expect(JSON.stringify(line)).toContain('K8s.server.version');
        expect(run.stdout).toBe('');
      }
    },
  );

  it('refuses malformed YAML with exit code 2 and no stack trace', async () => {
    const snapshot = await tempFile('broken.yaml', 'kind: Snapshot\nmeasurements: [\n');
    const run = await cnsctl(['validate', '--recipe', DEMO_RECIPE, '--snapshot', snapshot]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).not.toContain('    at ');
  });

  it.each([
    ['an unknown --fail-on', ['--fail-on', 'sometimes']],
    ['an unknown format', ['-t', 'html']],
    ['a missing --snapshot', []],
  ])('refuses %s with exit code 2', async (_name, flags) => {
    const argv = [
      'validate',
      '--recipe',
      DEMO_RECIPE,
      ...(flags.length === 0 ? [] : ['--snapshot', DEMO_SNAPSHOT, ...flags]),
    ];
    expect((await cnsctl(argv)).code).toBe(2);
  });

  it('offers the same --fail-on choices as the core decides on', async () => {
    const help = await cnsctl(['validate', '--help']);
    expect(help.code).toBe(0);
    const flat = help.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain(
      `(choices: ${FAIL_ON_LEVELS.map((l) => `"${l}"`).join(', ')}, default: "error")`,
    );
    expect(help.stdout).toContain('Examples:');
  });
});
